import { Readiness, Report } from '@sansang/core';

/**
 * The daily job (EventBridge schedule in infra/spec.ts): finish any roll-up a failed request
 * left pending, refresh this week's readiness snapshot of every unit (for the history, the
 * pace and reports of past dates), then start the report packs that are due.
 */
export async function daily(now = new Date()): Promise<{ swept: number; week: string; units: number; packs: number }> {
  const swept = await Readiness.sweepRollups();
  const snapshot = await Readiness.snapshotWeek(now);
  const packs = await Report.runDueSchedules(now);
  const result = { swept, ...snapshot, packs: packs.length };
  if (process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'daily', ...result }));
  return result;
}

/**
 * The background job, invoked asynchronously by the API or the daily job: generates one
 * archived report, or recounts a target whose programme changed.
 */
export async function report(job: { unitId: string; id: string } | { retrain: string }): Promise<{ id: string; status: string; sha256?: string }> {
  if ('retrain' in job) {
    const result = await Readiness.retrain(job.retrain);
    console.log(JSON.stringify({ level: 'info', job: 'retrain', target: job.retrain, ...result }));
    return { id: job.retrain, status: 'ready' };
  }
  const archive = await Report.runArchiveJob(job);
  console.log(JSON.stringify({ level: 'info', job: 'report', id: archive.id, kind: archive.kind, status: archive.status, bytes: archive.bytes }));
  return { id: archive.id, status: archive.status, sha256: archive.sha256 };
}
