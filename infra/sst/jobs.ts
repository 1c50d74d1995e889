/// <reference path="../../.sst/platform/config.d.ts" />
import { functions } from '../spec.ts';
import { functionArgs } from './function.ts';
import type { createEmail } from './email.ts';
import type { createReports } from './reports.ts';

/** The daily job on its EventBridge schedule: sweep pending roll-ups, snapshot readiness, start due report packs, send reminders. */
export function createJobs(
  table: sst.aws.Dynamo,
  sessionSecrets: sst.Secret,
  reports: ReturnType<typeof createReports>,
  email: ReturnType<typeof createEmail>,
  siteUrl: $util.Input<string>,
) {
  return new sst.aws.Cron('Daily', {
    schedule: functions.jobs.schedule,
    function: functionArgs('jobs', { table, sessionSecrets, reports, email, siteUrl }),
  });
}

/** The roll-up sweep, every minute: pending subtree roll-ups are finished within a minute. */
export function createRollupSweep(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  return new sst.aws.Cron('Rollups', {
    schedule: functions.rollups.schedule,
    function: functionArgs('rollups', { table, sessionSecrets }),
  });
}

/** The day's reminders taken up where the daily job left them, every 15 minutes through the sending hours. */
export function createReminderRuns(table: sst.aws.Dynamo, sessionSecrets: sst.Secret, email: ReturnType<typeof createEmail>, siteUrl: $util.Input<string>) {
  return new sst.aws.Cron('Reminders', {
    schedule: functions.reminders.schedule,
    function: functionArgs('reminders', { table, sessionSecrets, email, siteUrl }),
  });
}
