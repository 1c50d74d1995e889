/// <reference path="../../.sst/platform/config.d.ts" />
import { deployerEnvironment, routes } from '../spec.ts';
import { functionArgs } from './function.ts';

/** The API Lambda behind an HTTP API, with only the table linked (least privilege via `link`). */
export function createApi(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  const api = new sst.aws.ApiGatewayV2('Api');
  for (const route of routes) {
    api.route(`${route.method} ${route.path}`, functionArgs('api', table, sessionSecrets, deployerEnvironment(process.env)));
  }
  return api;
}
