import { SingleBar, Presets } from 'cli-progress';

export type Bar = { update: (value: number) => void; stop: () => void };
export type Progress = (label: string, total: number) => Bar;

/** A progress bar on a terminal; silent when output is piped (CI logs stay readable). */
export const terminalProgress: Progress = (label, total) => {
  if (!process.stdout.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (v) => bar.update(v), stop: () => bar.stop() };
};
