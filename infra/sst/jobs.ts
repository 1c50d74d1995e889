/// <reference path="../../.sst/platform/config.d.ts" />
import { functions } from '../spec.ts';

/** The weekly job on its EventBridge schedule: sweep pending roll-ups, snapshot readiness. */
export function createJobs(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  const fn = functions.jobs;
  return new sst.aws.Cron('Weekly', {
    schedule: fn.schedule,
    function: {
      handler: fn.entry.replace(/\.ts$/, `.${fn.handler.split('.')[1]}`),
      runtime: fn.runtime,
      architecture: fn.architecture,
      memory: `${fn.memoryMb} MB`,
      timeout: `${fn.timeoutSeconds} seconds`,
      link: [table],
      environment: { TABLE_NAME: table.name, NODE_OPTIONS: '--enable-source-maps', SESSION_SECRETS: sessionSecrets.value },
      nodejs: { minify: true, sourcemap: true },
      logging: { retention: '1 month' },
    },
  });
}
