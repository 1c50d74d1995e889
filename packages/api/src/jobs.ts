import { Digest, Exemption, Readiness, Reminder, Report, runDueChanges, vnDay } from '@sansang/core';

/** Who the audit log names for what the daily job does. */
const DAILY_JOB = 'tac-vu-hang-ngay';

/** What Lambda passes a handler second: how long the invocation has left. */
type LambdaContext = { getRemainingTimeInMillis?: () => number };
/** When to stop starting work: `marginMs` (a minute by default) before the function's timeout, when known. */
const stopBefore = (context?: LambdaContext, marginMs = 60_000) => {
  const left = context?.getRemainingTimeInMillis?.();
  return left === undefined ? {} : { stopAt: Date.now() + left - marginMs };
};
const site = () => (process.env.SITE_URL ? { site: process.env.SITE_URL } : {});

/**
 * The daily job (EventBridge schedule in infra/spec.ts): apply the reorganisations scheduled
 * for today (before anything counts, so today's figures see the new tree), start and end the exemptions due
 * today and move the completions entering their renewal window or lapsing today (each
 * O(what is due)), finish any roll-up a failed request left pending, refresh this
 * week's readiness snapshot of every unit (for the history, the pace and reports of past
 * dates), start the report packs that are due, then tell officers and heads of units of a unit
 * whose projection turned "không kịp hạn" and on Mondays send their weekly digest (each once,
 * after this week's snapshot so the pace is current), and last send the day's reminders (after
 * exemptions and lapses, so nobody let off today is reminded; exactly once, so a retried run
 * sends nothing twice), linking to the site's address (SITE_URL). The reminders stop a minute
 * before the function's timeout; `reminders` below takes up what is left.
 *
 * `at`: the moment it runs for (tests and the CLI pass a day's moment); on Lambda the first
 * argument is EventBridge's event, not a date, and the job runs for now.
 */
export async function daily(
  at?: Date | Record<string, unknown>,
  context?: LambdaContext,
): Promise<{
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
  const now = at instanceof Date ? at : new Date();
  const { applied: reorganised, failed: reorganiseFailed } = await runDueChanges(vnDay(now));
  const { people: exemptions } = await Exemption.runDue(vnDay(now));
  const { people: lapses } = await Readiness.runLapses(vnDay(now));
  const swept = await Readiness.sweepRollups();
  const snapshot = await Readiness.snapshotWeek(now);
  const packs = await Report.runDueSchedules(now);
  // Digests first: a few dozen officers, while the reminders of a deadline day may outlast the timeout (`reminders` below takes them up).
  const digests = await Digest.daily({ actor: { email: DAILY_JOB }, now, ...site() });
  const reminders = await Reminder.run({ actor: { email: DAILY_JOB }, now, ...site(), ...stopBefore(context) });
  const result = { reorganised, reorganiseFailed, exemptions, lapses, swept, ...snapshot, packs: packs.length, reminders, digests };
  if (process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'daily', ...result }));
  return result;
}

/**
 * The reminders' continuation (EventBridge, every 15 minutes from 07:00 to 20:45 Vietnam time:
 * infra/spec.ts `reminders`): takes up the day's reminders where the daily job's run stopped
 * (its timeout on a deadline day: 30,000 messages at SES's 14 a second take 36 minutes) or
 * left sends that failed. Idle, or once the day is done, one read.
 */
export async function reminders(_event?: unknown, context?: LambdaContext): Promise<{ outcome: Reminder.RunOutcome | null }> {
  const outcome = await Reminder.continueDay({ actor: { email: DAILY_JOB }, ...site(), ...stopBefore(context) });
  if (outcome && process.env.LAMBDA_TASK_ROOT) console.log(JSON.stringify({ level: 'info', job: 'reminders', ...outcome }));
  return { outcome };
}

/**
 * The roll-up sweep (EventBridge, every minute: infra/spec.ts `rollups`): finishes the
 * subtree roll-ups that requests left pending (throttled, timed out), so an officer's
 * figures are whole within a minute of any completion. Idle it costs one empty Query per
 * shard of the sparse index. It stops starting roll-ups a few seconds before the
 * function's timeout; the next run takes the rest.
 */
export async function rollups(_event?: unknown, context?: LambdaContext): Promise<{ swept: number }> {
  const swept = await Readiness.sweepRollups(stopBefore(context, 5_000));
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
