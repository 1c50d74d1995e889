/// <reference path="../../.sst/platform/config.d.ts" />
import { deployerEnvironment, routes } from '../spec.ts';
import { functionArgs } from './function.ts';
import type { createEmail } from './email.ts';
import type { createReports } from './reports.ts';

/** The API Lambda behind an HTTP API: the table linked, reads of reports, starting the reports job, and sending reminders. */
export function createApi(table: sst.aws.Dynamo, sessionSecrets: sst.Secret, reports: ReturnType<typeof createReports>, email: ReturnType<typeof createEmail>) {
  const api = new sst.aws.ApiGatewayV2('Api');
  for (const route of routes) {
    api.route(`${route.method} ${route.path}`, functionArgs('api', { table, sessionSecrets, reports, email }, deployerEnvironment(process.env)));
  }
  return api;
}
