import { CfnOutput, CfnParameter, Duration, Fn, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  alarms,
  email,
  functions,
  logRetentionDays,
  reportsPrefix,
  resourceEnv,
  routes,
  site,
  table,
  wiring,
  type FunctionName,
  type GrantTarget,
  type Resource,
} from '../spec.ts';

export type SanSangStackProps = StackProps & {
  stage: string;
  /** Repository root, where spec paths (bundle, site) are resolved. */
  root: string;
  /** Optional custom domain, with an ACM certificate for it in us-east-1 (CloudFront's region). */
  domain?: { name: string; certificateArn: string };
  /** Extra API settings (OIDC) from the deployer's environment. */
  apiEnvironment?: Record<string, string>;
  /** The SES sending identity: a domain (DKIM records to publish) or one e-mail address. */
  emailSender?: string;
};

const isProduction = (stage: string) => stage === 'prod';

/** The whole deployment, built only from infra/spec.ts. */
export class SanSangStack extends Stack {
  readonly table: dynamodb.Table;
  readonly api: lambda.Function;

  constructor(scope: Construct, id: string, props: SanSangStackProps) {
    super(scope, id, props);
    const prod = isProduction(props.stage);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: table.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: table.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: table.pointInTimeRecovery },
      timeToLiveAttribute: table.ttlAttribute,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of table.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Comma-separated: the first signs session tokens, all verify (rotation, docs/deploy.md).
    const sessionSecrets = new CfnParameter(this, 'SessionSecrets', {
      type: 'String',
      noEcho: true,
      minLength: 32,
      description: 'Session signing secrets, newest first, comma-separated (each at least 32 characters).',
    });
    // Never public (CloudFront reads the site through origin access control); kept in prod.
    const privateBucket = (id: string) =>
      new s3.Bucket(this, id, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        encryption: s3.BucketEncryption.S3_MANAGED,
        removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        autoDeleteObjects: !prod,
      });
    // Archived reports: a private bucket, written by the reports function, read by the API.
    const reportsBucket = privateBucket('ReportFiles');
    const objects = reportsBucket.arnForObjects(`${reportsPrefix}*`);
    let reports: lambda.Function | undefined;
    let siteUrl = '';
    const reportsFn = () => {
      if (!reports) throw new Error('infra/cdk: the reports function is wired before it exists');
      return reports;
    };
    // E-mail: the identity, the configuration set every message names, and its events to our function through SNS.
    const sender = props.emailSender ?? email.defaultSender;
    const configurationSet = new ses.ConfigurationSet(this, 'EmailConfiguration', { suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS });
    const identity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: sender.includes('@') ? ses.Identity.email(sender) : ses.Identity.domain(sender),
      configurationSet,
    });
    const mailEventsTopic = new sns.Topic(this, 'MailEvents');
    const eventType: Record<(typeof email.events)[number], ses.EmailSendingEvent> = {
      bounce: ses.EmailSendingEvent.BOUNCE,
      complaint: ses.EmailSendingEvent.COMPLAINT,
      delivery: ses.EmailSendingEvent.DELIVERY,
      reject: ses.EmailSendingEvent.REJECT,
    };
    configurationSet.addEventDestination('ToMailEvents', {
      destination: ses.EventDestination.snsTopic(mailEventsTopic),
      events: email.events.map((e) => eventType[e]),
    });
    const configurationSetArn = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName });
    const valueOf: Record<Resource, () => string> = {
      table: () => this.table.tableName,
      sessionSecrets: () => sessionSecrets.valueAsString,
      reportsBucket: () => reportsBucket.bucketName,
      reportsFunction: () => reportsFn().functionName,
      emailSender: () => sender,
      emailConfigurationSet: () => configurationSet.configurationSetName,
      // The distribution is made after the functions; the jobs read its address when the template is written.
      siteUrl: () => Lazy.string({ produce: () => siteUrl }),
    };
    // Each function gets exactly the environment and grants its wiring in infra/spec.ts names.
    const grant: Record<GrantTarget, (f: lambda.Function, actions: readonly string[]) => void> = {
      table: (f, actions) => this.table.grant(f, ...actions),
      reportObjects: (f, actions) => f.addToRolePolicy(new iam.PolicyStatement({ actions: [...actions], resources: [objects] })),
      reportsFunction: (f, actions) => f.addToRolePolicy(new iam.PolicyStatement({ actions: [...actions], resources: [reportsFn().functionArn] })),
      emailIdentity: (f, actions) =>
        f.addToRolePolicy(new iam.PolicyStatement({ actions: [...actions], resources: [identity.emailIdentityArn, configurationSetArn] })),
    };
    const makeFunction = (name: FunctionName, id: string) => {
      const fn = functions[name];
      const f = new lambda.Function(this, id, {
        code: lambda.Code.fromAsset(resolve(props.root, fn.bundleDir)),
        handler: fn.handler,
        runtime: new lambda.Runtime(fn.runtime, lambda.RuntimeFamily.NODEJS),
        architecture: fn.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
        memorySize: fn.memoryMb,
        timeout: Duration.seconds(fn.timeoutSeconds),
        environment: { NODE_OPTIONS: '--enable-source-maps', ...Object.fromEntries(wiring[name].env.map((r) => [resourceEnv[r], valueOf[r]()])) },
        logGroup: new logs.LogGroup(this, `${id}Logs`, { retention: logRetentionDays as logs.RetentionDays, removalPolicy: RemovalPolicy.DESTROY }),
      });
      for (const g of wiring[name].grants) grant[g.on](f, g.actions);
      return f;
    };
    reports = makeFunction('reports', 'Reports');
    this.api = makeFunction('api', 'Api');
    for (const [k, v] of Object.entries(props.apiEnvironment ?? {})) this.api.addEnvironment(k, v);
    const jobs = makeFunction('jobs', 'Jobs');
    new events.Rule(this, 'DailyJobs', {
      schedule: events.Schedule.expression(functions.jobs.schedule),
      targets: [new targets.LambdaFunction(jobs, { retryAttempts: 2 })],
    });
    // Pending roll-ups, every minute; a failed run is not retried: the next minute's is.
    const rollups = makeFunction('rollups', 'Rollups');
    new events.Rule(this, 'RollupSweep', {
      schedule: events.Schedule.expression(functions.rollups.schedule),
      targets: [new targets.LambdaFunction(rollups, { retryAttempts: 0 })],
    });
    // The day's reminders taken up where the daily job left them; a failed run is not retried: the next quarter hour's is.
    const reminderRuns = makeFunction('reminders', 'Reminders');
    new events.Rule(this, 'ReminderRuns', {
      schedule: events.Schedule.expression(functions.reminders.schedule),
      targets: [new targets.LambdaFunction(reminderRuns, { retryAttempts: 0 })],
    });
    mailEventsTopic.addSubscription(new subscriptions.LambdaSubscription(makeFunction('mailEvents', 'MailEventsHandler')));

    const httpApi = new apigw.HttpApi(this, 'HttpApi');
    for (const route of routes) {
      httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.function}-integration`, this.api),
      });
    }

    const bucket = privateBucket('Site');
    const apiDomain = Fn.select(2, Fn.split('/', httpApi.apiEndpoint));
    const forwardHost = new cloudfront.Function(this, 'ForwardHost', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.headers['x-forwarded-host'] = { value: r.headers.host.value }; return r; }",
      ),
    });
    const distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      ...(props.domain
        ? { domainNames: [props.domain.name], certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn) }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
      },
      additionalBehaviors: {
        [site.apiPathPattern]: {
          origin: new origins.HttpOrigin(apiDomain),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          // The API checks a write's Origin against the viewer's host, which API Gateway's Host replaces.
          functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: forwardHost }],
        },
      },
      // The web app routes on the client: an unknown path is the app's own page.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html' })),
    });
    siteUrl = props.domain ? `https://${props.domain.name}` : `https://${distribution.distributionDomainName}`;
    const siteDir = resolve(props.root, site.dir);
    if (existsSync(siteDir)) {
      // Files whose name does not change between releases: never cached, or updates would not arrive
      // (a service worker cached for a year would pin the old app).
      const unhashed = ['index.html', 'sw.js', 'manifest.webmanifest'];
      // Hashed assets are cached for a year and index.html never is, so a deploy needs no
      // CloudFront invalidation (whose IAM permission CDK can only grant on "*").
      const assets = new s3deploy.BucketDeployment(this, 'SiteAssets', {
        sources: [s3deploy.Source.asset(siteDir, { exclude: [...unhashed] })],
        destinationBucket: bucket,
        // Course media is published by `sansang content publish`, not by deploys: never pruned.
        exclude: [...unhashed, 'media/*'],
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      });
      new s3deploy.BucketDeployment(this, 'SiteIndex', {
        sources: [s3deploy.Source.asset(siteDir, { exclude: ['*', ...unhashed.map((f) => `!${f}`)] })],
        destinationBucket: bucket,
        prune: false,
        cacheControl: [s3deploy.CacheControl.noCache()],
      }).node.addDependency(assets);
    }

    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number) =>
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    const period = Duration.minutes(5);
    alarm(
      'Api5xxRate',
      new cloudwatch.MathExpression({
        expression: '100 * errors / MAX([requests, 1])',
        usingMetrics: { errors: httpApi.metricServerError({ period }), requests: httpApi.metricCount({ period }) },
        period,
      }),
      alarms.api5xxRatePercent,
    );
    alarm('ApiThrottles', this.api.metricThrottles({ period }), alarms.throttles);
    const ops = dynamodb.Operation;
    alarm(
      'TableThrottles',
      this.table.metricThrottledRequestsForOperations({
        period,
        operations: [ops.GET_ITEM, ops.PUT_ITEM, ops.UPDATE_ITEM, ops.DELETE_ITEM, ops.QUERY, ops.BATCH_WRITE_ITEM, ops.TRANSACT_WRITE_ITEMS],
      }),
      alarms.throttles,
    );

    new CfnOutput(this, 'Url', { value: `https://${distribution.distributionDomainName}` });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SiteBucket', { value: bucket.bucketName, description: 'MEDIA_BUCKET for `sansang content publish`' });
  }
}
