/**
 * EventBridge's schedules, run by the local stack (`npm start`) as often as when deployed:
 * the same `rate(...)` expression from infra/spec.ts, so local and deployed figures settle
 * alike. A run still going when the next is due is not doubled.
 */
export function rateMs(expression: string): number {
  const m = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!m) throw new Error(`"${expression}" is not a rate(...) schedule`);
  const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[m[2] as 'minute' | 'hour' | 'day'];
  return Number(m[1]) * unit;
}

/** Runs `job` every `rate(...)`; errors are reported, not thrown. Returns the stop function. */
export function runEvery(expression: string, job: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, rateMs(expression));
  timer.unref();
  return () => clearInterval(timer);
}
