/// <reference path="../../.sst/platform/config.d.ts" />
import { deployerEnvironment, functions, routes } from '../spec.ts';

/** The API Lambda behind an HTTP API, with only the table linked (least privilege via `link`). */
export function createApi(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  const fn = functions.api;
  const api = new sst.aws.ApiGatewayV2('Api');
  for (const route of routes) {
    api.route(`${route.method} ${route.path}`, {
      handler: fn.entry.replace(/\.ts$/, `.${fn.handler.split('.')[1]}`),
      runtime: fn.runtime,
      architecture: fn.architecture,
      memory: `${fn.memoryMb} MB`,
      timeout: `${fn.timeoutSeconds} seconds`,
      link: [table],
      environment: { TABLE_NAME: table.name, NODE_OPTIONS: '--enable-source-maps', SESSION_SECRETS: sessionSecrets.value, ...deployerEnvironment(process.env) },
      nodejs: { minify: true, sourcemap: true },
      logging: { retention: '1 month' },
    });
  }
  return api;
}
