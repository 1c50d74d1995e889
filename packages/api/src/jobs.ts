import { Readiness, Report } from '@sansang/core';

/**
 * The weekly job (EventBridge schedule in infra/spec.ts): first finish any roll-up a failed
 * request left pending, then snapshot every unit's readiness for the history and the pace.
 */
export async function weekly(): Promise<{ swept: number; week: string; units: number }> {
  const swept = await Readiness.sweepRollups();
  const snapshot = await Readiness.snapshotWeek();
  const result = { swept, ...snapshot };
  console.log(JSON.stringify({ level: 'info', job: 'weekly', ...result }));
  return result;
}

/** The reports job: generates one archived report, invoked asynchronously by the API. */
export async function report(job: { unitId: string; id: string }): Promise<{ id: string; status: string; sha256?: string }> {
  const archive = await Report.runCompletionsArchive(job);
  console.log(JSON.stringify({ level: 'info', job: 'report', id: archive.id, status: archive.status, bytes: archive.bytes }));
  return { id: archive.id, status: archive.status, sha256: archive.sha256 };
}
