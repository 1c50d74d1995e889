import { Digest, Exemption, Readiness, Reminder, Report, runDueChanges, vnDay } from '@sansang/core';

/** Who the audit log names for what the daily job does. */
const DAILY_JOB = 'tac-vu-hang-ngay';

/**
 * The daily job (EventBridge schedule in infra/spec.ts): apply the reorganisations scheduled
 * for today (before anything counts, so today's figures see the new tree), start and end the exemptions due
 * today and move the completions entering their renewal window or lapsing today (each
 * O(what is due)), finish any roll-up a failed request left pending, refresh this
 * week's readiness snapshot of every unit (for the history, the pace and reports of past
 * dates), start the report packs that are due, and last send the day's reminders (after
 * exemptions and lapses, so nobody let off today is reminded; exactly once, so a retried run
 * sends nothing twice), linking to the site's address (SITE_URL); then tell officers and heads
 * of units of a unit whose projection turned "không kịp hạn", and on Mondays send their
 * weekly digest (each once, after this week's snapshot so the pace is current).
 */
export async function daily(now = new Date()): Promise<{
  reorganised: number;
  reorganiseFailed: number;
  exemptions: number;
  lapses: number;
  swept: number;
  week: string;
  units: number;
  packs: number;
  reminders: Reminder.RunOutcome;
  digests: Digest.DailyOutcome;
}> {
  const { applied: reorganised, failed: reorganiseFailed } = await runDueChanges(vnDay(now));
  const { people: exemptions } = await Exemption.runDue(vnDay(now));
  const { people: lapses } = await Readiness.runLapses(vnDay(now));
  const swept = await Readiness.sweepRollups();
  const snapshot = await Readiness.snapshotWeek(now);
  const packs = await Report.runDueSchedules(now);
  const reminders = await Reminder.run({ actor: { email: DAILY_JOB }, now, ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}) });
  const digests = await Digest.daily({ actor: { email: DAILY_JOB }, now, ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}) });
  const result = { reorganised, reorganiseFailed, exemptions, lapses, swept, ...snapshot, packs: packs.length, reminders, digests };
  if (process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'daily', ...result }));
  return result;
}

/**
 * The roll-up sweep (EventBridge, every minute: infra/spec.ts `rollups`): finishes the
 * subtree roll-ups that requests left pending (throttled, timed out), so an officer's
 * figures are whole within a minute of any completion. Idle it costs one empty Query per
 * shard of the sparse index. It stops starting roll-ups a few seconds before the
 * function's timeout; the next run takes the rest.
 */
export async function rollups(_event?: unknown, context?: { getRemainingTimeInMillis?: () => number }): Promise<{ swept: number }> {
  const left = context?.getRemainingTimeInMillis?.();
  const swept = await Readiness.sweepRollups(left === undefined ? {} : { stopAt: Date.now() + left - 5_000 });
  // Logged only when there was work: an idle minute leaves no log line to pay for.
  if (swept > 0 && process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'rollups', swept }));
  return { swept };
}

/**
 * The background job, invoked asynchronously by the API or the daily job: generates one
 * archived report, or recounts a target whose programme changed.
 */
export async function report(
  job: { unitId: string; id: string } | { retrain: string; validity?: boolean },
): Promise<{ id: string; status: string; sha256?: string }> {
  if ('retrain' in job) {
    const result = await Readiness.retrain(job.retrain, { validity: Boolean(job.validity) });
    console.log(JSON.stringify({ level: 'info', job: 'retrain', target: job.retrain, ...result }));
    return { id: job.retrain, status: 'ready' };
  }
  const archive = await Report.runArchiveJob(job);
  console.log(JSON.stringify({ level: 'info', job: 'report', id: archive.id, kind: archive.kind, status: archive.status, bytes: archive.bytes }));
  return { id: archive.id, status: archive.status, sha256: archive.sha256 };
}
