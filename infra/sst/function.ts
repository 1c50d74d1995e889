/// <reference path="../../.sst/platform/config.d.ts" />
import { functions, type FunctionName } from '../spec.ts';

/** The sst.aws.Function arguments for a function of the spec: the one place they are built. */
export function functionArgs(name: FunctionName, table: sst.aws.Dynamo, sessionSecrets: sst.Secret, extraEnvironment: Record<string, string> = {}) {
  const fn = functions[name];
  return {
    handler: fn.entry.replace(/\.ts$/, `.${fn.handler.split('.')[1]}`),
    runtime: fn.runtime,
    architecture: fn.architecture,
    memory: `${fn.memoryMb} MB` as const,
    timeout: `${fn.timeoutSeconds} seconds` as const,
    link: [table],
    environment: { TABLE_NAME: table.name, NODE_OPTIONS: '--enable-source-maps', SESSION_SECRETS: sessionSecrets.value, ...extraEnvironment },
    nodejs: { minify: true, sourcemap: true },
    logging: { retention: '1 month' as const },
  };
}
