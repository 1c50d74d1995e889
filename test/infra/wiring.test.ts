import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SanSangStack } from '../../infra/cdk/stack.ts';
import { apiEnvironmentFromDeployer, functions, resourceEnv, site, wiring, type FunctionName } from '../../infra/spec.ts';

/**
 * infra/spec.ts names each function's environment and grants once; SST and CDK must build
 * exactly that. The SST components are evaluated with their real arguments: the `sst`
 * globals are stood in by recorders, as SST's own runtime would hand them the same values.
 * (Type-checked with infra/sst by tsconfig.sst.json, which knows the sst globals.)
 */
type Recorded = { kind: string; name: string; args: Record<string, unknown> };
const recorded: Recorded[] = [];
const arn = (name: string) => `arn:${name}`;

function standIns() {
  const component = (kind: string) =>
    class {
      name: string;
      arn: string;
      value: string;
      url: string;
      nodes = { function: { name: '' } };
      constructor(name: string, args: Record<string, unknown> = {}) {
        this.name = `${kind}:${name}`;
        this.arn = arn(name);
        this.value = `secret:${name}`;
        this.url = `https://${name}`;
        recorded.push({ kind, name, args });
      }
      route(path: string, args: Record<string, unknown>) {
        recorded.push({ kind: 'Route', name: path, args });
      }
      subscribe(name: string, args: Record<string, unknown>) {
        recorded.push({ kind: 'Subscriber', name, args });
      }
    };
  class Email extends component('Email') {
    sender = 'sansang.example.gov.vn';
    configSet = 'config-set:Email';
    override nodes = { function: { name: '' }, identity: { arn: arn('EmailIdentity') }, configurationSet: { arn: arn('EmailConfigurationSet') } };
  }
  const g = globalThis as Record<string, unknown>;
  g.sst = {
    Secret: component('Secret'),
    aws: {
      Function: component('Function'),
      Cron: component('Cron'),
      ApiGatewayV2: component('ApiGatewayV2'),
      Bucket: component('Bucket'),
      Dynamo: component('Dynamo'),
      SnsTopic: component('SnsTopic'),
      Email,
    },
  };
  g.$interpolate = (parts: TemplateStringsArray, ...values: unknown[]) =>
    parts.reduce((out, p, i) => out + p + (i < values.length ? String(values[i]) : ''), '');
}

type Args = { environment: Record<string, string>; permissions: { actions: string[]; resources: string[] }[]; handler: string };
const envNames = (env: Record<string, unknown>) =>
  Object.keys(env)
    .filter((k) => k !== 'NODE_OPTIONS')
    .sort();
const wanted = (name: FunctionName) => wiring[name].env.map((r) => resourceEnv[r]).sort();

describe('function wiring from infra/spec.ts', () => {
  let sstArgs: Record<FunctionName, Args>;
  let cdk: Template;

  beforeAll(async () => {
    standIns();
    const { createReports } = await import('../../infra/sst/reports.ts');
    const { createApi } = await import('../../infra/sst/api.ts');
    const { createJobs, createReminderRuns, createRollupSweep } = await import('../../infra/sst/jobs.ts');
    type Sst = Parameters<typeof createReports>;
    const table = new (globalThis as unknown as { sst: { aws: { Dynamo: new (n: string) => Sst[0] } } }).sst.aws.Dynamo('Table');
    const secrets = new (globalThis as unknown as { sst: { Secret: new (n: string) => Sst[1] } }).sst.Secret('SessionSecrets');
    const { createEmail } = await import('../../infra/sst/email.ts');
    const reports = createReports(table, secrets);
    const email = createEmail(table);
    createApi(table, secrets, reports, email);
    createJobs(table, secrets, reports, email, 'https://sansang.example');
    createReminderRuns(table, secrets, email, 'https://sansang.example');
    createRollupSweep(table, secrets);
    const byHandler = (handler: string) => {
      const r = recorded.find((x) => ((x.kind === 'Cron' ? x.args.function : x.args) as Args | undefined)?.handler === handler);
      if (!r) throw new Error(`no SST function with handler ${handler}: is its create* call missing from this test?`);
      return (r!.kind === 'Cron' ? r!.args.function : r!.args) as Args;
    };
    const handlerOf = (n: FunctionName) => functions[n].entry.replace(/\.ts$/, `.${functions[n].handler.split('.')[1]}`);
    sstArgs = Object.fromEntries((Object.keys(functions) as FunctionName[]).map((n) => [n, byHandler(handlerOf(n))])) as Record<FunctionName, Args>;

    const root = mkdtempSync(join(tmpdir(), 'sansang-wiring-'));
    for (const n of Object.keys(functions) as FunctionName[]) {
      mkdirSync(join(root, functions[n].bundleDir), { recursive: true });
      writeFileSync(join(root, functions[n].bundleDir, 'index.mjs'), 'export const handler = () => {};');
    }
    mkdirSync(join(root, site.dir), { recursive: true });
    cdk = Template.fromStack(new SanSangStack(new App({ outdir: join(root, 'cdk.out') }), 'sansang-wiring', { stage: 'dev', root }));
  }, 120_000);

  it('gives each SST function exactly the environment and grants its wiring names', () => {
    for (const name of Object.keys(functions) as FunctionName[]) {
      const args = sstArgs[name];
      const extra = name === 'api' ? apiEnvironmentFromDeployer.filter((k) => process.env[k]) : [];
      expect(envNames(args.environment), name).toEqual([...wanted(name), ...extra].sort());
      expect(args.environment.TABLE_NAME, name).toBe('Dynamo:Table');
      expect(
        args.permissions.map((p) => p.actions),
        name,
      ).toEqual(wiring[name].grants.map((g) => [...g.actions]));
      for (const [i, g] of wiring[name].grants.entries()) {
        const resources = args.permissions[i]!.resources;
        if (g.on === 'table') expect(resources, name).toEqual([arn('Table'), `${arn('Table')}/index/*`]);
        if (g.on === 'reportObjects') expect(resources, name).toEqual([`${arn('ReportFiles')}/reports/*`]);
        if (g.on === 'reportsFunction') expect(resources, name).toEqual([arn('Reports')]);
        if (g.on === 'emailIdentity') expect(resources, name).toEqual([arn('EmailIdentity'), arn('EmailConfigurationSet')]);
      }
    }
  });

  it('gives each CDK function the same environment names as SST', () => {
    const lambdas = Object.entries(cdk.findResources('AWS::Lambda::Function')) as [
      string,
      { Properties: { Handler: string; Environment?: { Variables: Record<string, unknown> } } },
    ][];
    for (const name of Object.keys(functions) as FunctionName[]) {
      const [, fn] = lambdas.find(([id]) => id.toLowerCase().startsWith(name.toLowerCase()))!;
      expect(envNames(fn.Properties.Environment!.Variables), name).toEqual(
        envNames(sstArgs[name].environment).filter((k) => !(apiEnvironmentFromDeployer as readonly string[]).includes(k)),
      );
    }
  });

  it('names in the spec every environment variable core reads when deployed', () => {
    const core = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../packages/core/src');
    const files = (readdirSync(core, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const read = new Set(files.flatMap((f) => [...readFileSync(join(core, f), 'utf8').matchAll(/process\.env\.([A-Z0-9_]+)/g)].map((m) => m[1]!)));
    // Read only locally (emulators, folders), set by Lambda itself, or optional tuning: never wired by a deployment.
    const localOrTuning = new Set([
      'DYNAMODB_ENDPOINT',
      'S3_ENDPOINT',
      'MEDIA_DIR',
      'MEDIA_BUCKET',
      'REPORTS_DIR',
      'FONT_DIR',
      'LAMBDA_TASK_ROOT',
      'SESSION_SECRET',
      'AWS_REGION',
      'REPORT_DIRECT_LIMIT',
      'NODE_ENV',
      // The local SES emulator, the region when it differs from the function's, the account's sending rate, the wording's folder.
      'SES_ENDPOINT',
      'SES_REGION',
      'SES_MAX_SEND_RATE',
      'REMINDER_TEMPLATES_DIR',
    ]);
    const deployed = new Set<string>([...Object.values(resourceEnv), ...apiEnvironmentFromDeployer]);
    expect([...read].filter((k) => !deployed.has(k) && !localOrTuning.has(k)).sort()).toEqual([]);
    expect(read.has('TABLE_NAME') && read.has('REPORTS_BUCKET') && read.has('REPORTS_FUNCTION') && read.has('SESSION_SECRETS')).toBe(true);
  });
});
