import { Readiness } from '@sansang/core';

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
