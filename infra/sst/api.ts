/// <reference path="../../.sst/platform/config.d.ts" />
import { deployerEnvironment, routes } from '../spec.ts';
import { functionArgs } from './function.ts';
import type { createReports } from './reports.ts';

/** The API Lambda behind an HTTP API: the table linked, reads of reports, and starting the reports job. */
export function createApi(table: sst.aws.Dynamo, sessionSecrets: sst.Secret, reports: ReturnType<typeof createReports>) {
  const api = new sst.aws.ApiGatewayV2('Api');
  for (const route of routes) {
    api.route(`${route.method} ${route.path}`, functionArgs('api', { table, sessionSecrets, reports }, deployerEnvironment(process.env)));
  }
  return api;
}
