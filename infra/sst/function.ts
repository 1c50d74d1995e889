/// <reference path="../../.sst/platform/config.d.ts" />
import { functions, tableActions, type FunctionName } from '../spec.ts';

/** The sst.aws.Function arguments for a function of the spec: the one place they are built. */
export type Extra = {
  environment?: Record<string, $util.Input<string>>;
  permissions?: { actions: string[]; resources: $util.Input<string>[] }[];
};

export function functionArgs(name: FunctionName, table: sst.aws.Dynamo, sessionSecrets: sst.Secret, extra: Extra = {}) {
  const fn = functions[name];
  return {
    handler: fn.entry.replace(/\.ts$/, `.${fn.handler.split('.')[1]}`),
    runtime: fn.runtime,
    architecture: fn.architecture,
    memory: `${fn.memoryMb} MB` as const,
    timeout: `${fn.timeoutSeconds} seconds` as const,
    // Explicit permissions rather than `link`, which would grant every DynamoDB action.
    environment: { TABLE_NAME: table.name, NODE_OPTIONS: '--enable-source-maps', SESSION_SECRETS: sessionSecrets.value, ...extra.environment },
    permissions: [
      { actions: [...tableActions], resources: [table.arn, $interpolate`${table.arn}/index/*`] },
      ...(extra.permissions ?? []),
    ],
    nodejs: { minify: true, sourcemap: true },
    logging: { retention: '1 month' as const },
  };
}
