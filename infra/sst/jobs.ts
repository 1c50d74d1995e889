/// <reference path="../../.sst/platform/config.d.ts" />
import { functions } from '../spec.ts';
import { functionArgs } from './function.ts';
import type { createReports } from './reports.ts';

/** The daily job on its EventBridge schedule: sweep pending roll-ups, snapshot readiness, start due report packs. */
export function createJobs(table: sst.aws.Dynamo, sessionSecrets: sst.Secret, reports: ReturnType<typeof createReports>) {
  return new sst.aws.Cron('Daily', {
    schedule: functions.jobs.schedule,
    function: functionArgs('jobs', { table, sessionSecrets, reports }),
  });
}

/** The roll-up sweep, every minute: pending subtree roll-ups are finished within a minute. */
export function createRollupSweep(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  return new sst.aws.Cron('Rollups', {
    schedule: functions.rollups.schedule,
    function: functionArgs('rollups', { table, sessionSecrets }),
  });
}
