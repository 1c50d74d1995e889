import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunction } from '../../infra/bundle.ts';
import { SanSangStack } from '../../infra/cdk/stack.ts';
import { alarms, email, functions, logRetentionDays, reportsPrefix, routes, site, table, tableActions, type FunctionName } from '../../infra/spec.ts';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
let root: string;

/** A throwaway root with the bundle and a site, so synth never depends on other builds. */
function synth(stage: string, domain?: { name: string; certificateArn: string }): Template {
  const app = new App({ outdir: join(root, `cdk.out-${stage}`) });
  return Template.fromStack(new SanSangStack(app, `sansang-${stage}`, { stage, root, domain }));
}

describe('CDK stack from infra/spec.ts', () => {
  let dev: Template;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sansang-synth-'));
    for (const name of Object.keys(functions) as FunctionName[]) {
      const { outfile } = await bundleFunction(name);
      mkdirSync(join(root, functions[name].bundleDir), { recursive: true });
      cpSync(outfile, join(root, functions[name].bundleDir, 'index.mjs'));
    }
    mkdirSync(join(root, site.dir), { recursive: true });
    writeFileSync(join(root, site.dir, 'index.html'), '<!doctype html><title>Sẵn Sàng</title>');
    dev = synth('dev');
  }, 120_000);

  it('has the one table with its keys, indexes, on-demand billing, PITR and TTL', () => {
    const attrs = new Set([table.partitionKey, table.sortKey, ...table.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
    dev.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
      BillingMode: table.billing,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: table.pointInTimeRecovery },
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: table.globalIndexes.map((i) =>
        Match.objectLike({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
    });
  });

  it('runs each function on the runtime, architecture, memory, timeout and handler the spec names', () => {
    for (const fn of Object.values(functions)) {
      dev.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: fn.runtime,
        Architectures: [fn.architecture],
        MemorySize: fn.memoryMb,
        Timeout: fn.timeoutSeconds,
        Handler: fn.handler,
        Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) },
      });
    }
    dev.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: logRetentionDays });
  });

  it('runs the daily job on its EventBridge schedule', () => {
    dev.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: functions.jobs.schedule,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Jobs'), 'Arn'] } })],
    });
  });

  it('sweeps pending roll-ups every minute with the jobs bundle, the next run being the retry', () => {
    expect(functions.rollups.schedule).toBe('rate(1 minute)');
    expect(functions.rollups).toMatchObject({ entry: functions.jobs.entry, bundleDir: functions.jobs.bundleDir });
    // Below the rate, so one run ends before the next starts.
    expect(functions.rollups.timeoutSeconds).toBeLessThan(60);
    dev.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.rollups', Timeout: functions.rollups.timeoutSeconds });
    dev.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Rollups'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    dev.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Rollups'), 'Arn'] },
    });
  });

  it('takes up the day’s reminders every 15 minutes through the sending hours, each run ending before the next', () => {
    expect(functions.reminders).toMatchObject({ entry: functions.jobs.entry, bundleDir: functions.jobs.bundleDir, handler: 'index.reminders' });
    expect(functions.reminders.timeoutSeconds).toBeLessThan(15 * 60);
    dev.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.reminders', Timeout: functions.reminders.timeoutSeconds });
    dev.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0/15 0-13 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Reminders'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
  });

  it('alarms on the API 5xx rate and on throttling', () => {
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: alarms.api5xxRatePercent, Metrics: Match.anyValue() });
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Namespace: 'AWS/Lambda', Threshold: alarms.throttles });
    expect(Object.keys(dev.findResources('AWS::CloudWatch::Alarm')).length).toBeGreaterThanOrEqual(3);
  });

  it('routes the spec routes through an HTTP API', () => {
    for (const r of routes) dev.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${r.method} ${r.path}` });
  });

  it('serves the site and /api from one CloudFront distribution', () => {
    dev.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: site.apiPathPattern, AllowedMethods: Match.arrayWith(['POST', 'DELETE']) })],
      }),
    });
  });

  it("hands the viewer's host to the API in X-Forwarded-Host, which its Origin check compares writes with", () => {
    dev.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: site.apiPathPattern, FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })] })],
      }),
    });
    const [fn] = Object.values(dev.findResources('AWS::CloudFront::Function')) as { Properties: { FunctionCode: string } }[];
    const handler = new Function(`${fn!.Properties.FunctionCode}; return handler;`)() as (e: unknown) => { headers: Record<string, { value: string }> };
    const out = handler({ request: { headers: { host: { value: 'sansang.minhson.gov.vn' }, origin: { value: 'https://sansang.minhson.gov.vn' } } } });
    expect(out.headers['x-forwarded-host']).toEqual({ value: 'sansang.minhson.gov.vn' });
    expect(out.headers.origin).toEqual({ value: 'https://sansang.minhson.gov.vn' });
  });

  it('grants no "*" action or resource anywhere, and each of our functions exactly what it uses', () => {
    const policies = dev.findResources('AWS::IAM::Policy');
    for (const [name, policy] of Object.entries(policies)) {
      for (const s of (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties
        .PolicyDocument.Statement) {
        const actions = [s.Action].flat();
        expect(
          actions.filter((a) => a === '*'),
          name,
        ).toEqual([]);
        expect(
          [s.Resource].flat().filter((r) => r === '*'),
          `${name} ${actions}`,
        ).toEqual([]);
      }
    }
    const statementsOf = (fn: string) => {
      const [, policy] = Object.entries(policies).find(([n]) => n.startsWith(`${fn}ServiceRoleDefaultPolicy`))!;
      return (
        policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }
      ).Properties.PolicyDocument.Statement.map((s) => ({ actions: [s.Action].flat(), resource: JSON.stringify(s.Resource) }));
    };
    // Each function: the table and its indexes; the API also reads reports and starts the
    // reports function, as the daily job does for scheduled packs; the reports function
    // writes reports; the roll-up sweep touches the table alone; nothing else.
    const allowed: Record<string, RegExp> = {
      Jobs: /^(dynamodb:|lambda:InvokeFunction$|ses:SendEmail$)/,
      Rollups: /^dynamodb:/,
      Reminders: /^(dynamodb:|ses:SendEmail$)/,
      MailEventsHandler: /^dynamodb:/,
      Api: /^(dynamodb:|s3:GetObject$|lambda:InvokeFunction$|ses:SendEmail$)/,
      Reports: /^(dynamodb:|s3:PutObject$|s3:AbortMultipartUpload$)/,
    };
    for (const [fn, pattern] of Object.entries(allowed)) {
      for (const { actions, resource } of statementsOf(fn)) {
        for (const a of actions) expect(a, fn).toMatch(pattern);
        if (actions.some((a) => a.startsWith('s3:'))) expect(resource, fn).toContain(`/${reportsPrefix}*`);
        // Sending from our identity with our configuration set, and nothing else SES offers.
        if (actions.includes('ses:SendEmail')) {
          expect(resource, fn).toMatch(/EmailIdentity[0-9A-F]{8}/);
          expect(resource, fn).toContain(':configuration-set/');
        }
        if (actions.some((a) => a.startsWith('dynamodb:'))) {
          expect(resource, fn).toMatch(/Table[0-9A-F]{8}/);
          expect(actions.filter((a) => a.startsWith('dynamodb:')).sort(), fn).toEqual([...tableActions].sort());
        }
      }
    }
  });

  it('sends e-mail from one SES identity with a configuration set whose bounces, complaints and deliveries reach our function through SNS', () => {
    dev.resourceCountIs('AWS::SES::EmailIdentity', 1);
    dev.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: email.defaultSender,
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^EmailConfiguration') } },
    });
    dev.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith([...email.events]),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^MailEvents') } },
      }),
    });
    dev.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: Match.stringLikeRegexp('^MailEvents') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailEventsHandler'), 'Arn'] },
    });
    // The sending functions know the identity and the configuration set by name.
    for (const fn of ['Api', 'Jobs']) {
      const [, props] = Object.entries(dev.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(fn) && !id.startsWith('JobsLogs'))!;
      const vars = (props as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
      expect(vars.SES_SENDER, fn).toBe(email.defaultSender);
      expect(vars.SES_CONFIGURATION_SET, fn).toEqual({ Ref: expect.stringMatching(/^EmailConfiguration/) });
    }
  });

  it('signs sessions with a secret given at deploy time, never one baked into the template', () => {
    dev.hasParameter('SessionSecrets', { Type: 'String', NoEcho: true });
    dev.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ SESSION_SECRETS: { Ref: 'SessionSecrets' } }) } });
  });

  it('puts the site on a custom domain when one is given', () => {
    const withDomain = synth('custom', { name: 'sansang.minhson.gov.vn', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' });
    withDomain.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['sansang.minhson.gov.vn'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: Match.stringLikeRegexp('certificate/abc') }),
      }),
    });
  });

  it('retains and protects the table in production only', () => {
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    const prod = synth('prod');
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
  });
});
