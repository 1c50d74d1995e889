/// <reference path="../../.sst/platform/config.d.ts" />
import { functions } from '../spec.ts';
import { functionArgs } from './function.ts';

/** The weekly job on its EventBridge schedule: sweep pending roll-ups, snapshot readiness. */
export function createJobs(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  return new sst.aws.Cron('Weekly', { schedule: functions.jobs.schedule, function: functionArgs('jobs', table, sessionSecrets) });
}
