/// <reference path="../../.sst/platform/config.d.ts" />
import { functions, resourceEnv, wiring, type FunctionName, type GrantTarget, type Resource } from '../spec.ts';
import type { createEmail } from './email.ts';

/** The deployed things a function may be wired to; each is given only what its wiring names. */
export type Wired = {
  table: sst.aws.Dynamo;
  sessionSecrets?: sst.Secret;
  email?: ReturnType<typeof createEmail>;
  siteUrl?: $util.Input<string>;
  reports?: { bucket: sst.aws.Bucket; objects: $util.Input<string>; fn?: sst.aws.Function };
};

/** The sst.aws.Function arguments for a function of the spec: the one place they are built. */
export function functionArgs(name: FunctionName, wired: Wired, environment: Record<string, $util.Input<string>> = {}) {
  const fn = functions[name];
  const { env, grants } = wiring[name];
  const need = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`infra/sst: ${name} is wired to ${what}, which was not given`);
    return value;
  };
  const valueOf: Record<Resource, () => $util.Input<string>> = {
    table: () => wired.table.name,
    sessionSecrets: () => need('the session secrets', wired.sessionSecrets).value,
    reportsBucket: () => need('the reports bucket', wired.reports).bucket.name,
    reportsFunction: () => need('the reports function', wired.reports?.fn).name,
    emailSender: () => need('e-mail', wired.email).sender,
    emailConfigurationSet: () => need('e-mail', wired.email).configurationSet,
    siteUrl: () => need("the site's address", wired.siteUrl),
  };
  const resourcesOf: Record<GrantTarget, () => $util.Input<string>[]> = {
    table: () => [wired.table.arn, $interpolate`${wired.table.arn}/index/*`],
    reportObjects: () => [need('the reports bucket', wired.reports).objects],
    reportsFunction: () => [need('the reports function', wired.reports?.fn).arn],
    emailIdentity: () => [need('e-mail', wired.email).identityArn, need('e-mail', wired.email).configurationSetArn],
  };
  return {
    handler: fn.entry.replace(/\.ts$/, `.${fn.handler.split('.')[1]}`),
    runtime: fn.runtime,
    architecture: fn.architecture,
    memory: `${fn.memoryMb} MB` as const,
    timeout: `${fn.timeoutSeconds} seconds` as const,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...Object.fromEntries(env.map((r) => [resourceEnv[r], valueOf[r]()])), ...environment },
    // Explicit permissions rather than `link`, which would grant every action on a resource.
    permissions: grants.map((g) => ({ actions: [...g.actions], resources: resourcesOf[g.on]() })),
    nodejs: { minify: true, sourcemap: true },
    logging: { retention: '1 month' as const },
  };
}
