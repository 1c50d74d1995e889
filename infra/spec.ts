/**
 * The single source of what Sẵn Sàng deploys. Pure data: the SST components (infra/sst),
 * the CDK stack (infra/cdk), the local DynamoDB table (packages/cli) and the infra tests
 * all read it, so the three can never drift apart.
 */
export const table = {
  name: 'sansang',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired sessions and throttling records. */
  ttlAttribute: 'expiresAt',
  billing: 'PAY_PER_REQUEST',
  pointInTimeRecovery: true,
  globalIndexes: [
    /** Children of a unit, people of a unit, completions of a unit. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Sparse: completions whose subtree roll-up has not finished yet. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export const functions = {
  api: {
    entry: 'packages/api/src/lambda.ts',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 1024,
    timeoutSeconds: 29,
    bundleDir: '.build/api',
  },
  jobs: {
    entry: 'packages/api/src/jobs.ts',
    handler: 'index.daily',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 512,
    timeoutSeconds: 900,
    bundleDir: '.build/jobs',
    /**
     * 00:00 UTC = 07:00 in Vietnam (UTC+7), daily: the first hour reminders may go out (none
     * from 21:00 to 07:00), and due report packs before the working day; the week's readiness
     * snapshot is refreshed each day, so it ends as Sunday's figures.
     */
    schedule: 'cron(0 0 * * ? *)',
  },
  /**
   * Finishes pending subtree roll-ups within a minute, so no officer sees a unit a
   * completion short for long (the daily job alone would leave it up to a day). Same bundle
   * as jobs. Idle, a run is one empty Query per shard of the sparse gsi2 index (8) — about
   * 350,000 tiny reads and 43,200 short invocations a month, cents. The timeout is below
   * the rate, so runs do not pile up; the sweep stops before it, and a roll-up lands once
   * even when two runs meet.
   */
  rollups: {
    entry: 'packages/api/src/jobs.ts',
    handler: 'index.rollups',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 512,
    timeoutSeconds: 50,
    bundleDir: '.build/jobs',
    schedule: 'rate(1 minute)',
  },
  /**
   * Takes up the day's reminders where the daily job's run stopped (its timeout on a deadline
   * day: 30,000 messages at SES's 14 a second take 36 minutes) or left failed sends, every 15
   * minutes through the hours messages may go out (00:00–13:45 UTC = 07:00–20:45 Vietnam).
   * Same bundle as jobs. Idle, and once the day is done, a run is one GetItem: 56 a day. The
   * timeout is below the rate, and a run holds the day while it sends, so runs do not pile up.
   */
  reminders: {
    entry: 'packages/api/src/jobs.ts',
    handler: 'index.reminders',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 512,
    timeoutSeconds: 840,
    bundleDir: '.build/jobs',
    schedule: 'cron(0/15 0-13 * * ? *)',
  },
  /** Generates archived reports; the API invokes it asynchronously. Same bundle as jobs. */
  reports: {
    entry: 'packages/api/src/jobs.ts',
    handler: 'index.report',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 1024,
    timeoutSeconds: 900,
    bundleDir: '.build/jobs',
  },
  /**
   * Receives what SES reports of each message (bounce, complaint, delivery, reject) through
   * an SNS topic, so a bouncing address stops receiving and HR sees it (issue 18).
   */
  mailEvents: {
    entry: 'packages/api/src/mail-events.ts',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 256,
    timeoutSeconds: 30,
    bundleDir: '.build/mail-events',
  },
} as const;

/**
 * E-mail through Amazon SES v2: one sending identity (a domain, or one address, given by the
 * deployer as SES_SENDER), a configuration set every message is sent with, and its event
 * destination, an SNS topic the mailEvents function subscribes to.
 */
export const email = {
  senderFromDeployer: 'SES_SENDER',
  /** Used when SES_SENDER is not set, so a synth works; a real deployment names its own. */
  defaultSender: 'sansang.example.gov.vn',
  events: ['bounce', 'complaint', 'delivery', 'reject'],
} as const;

/** Generated reports live in a private bucket under this prefix; only it is granted. */
export const reportsPrefix = 'reports/';

export type FunctionName = keyof typeof functions;

/**
 * The item-level DynamoDB actions our functions use, on the table and its indexes only.
 * No Scan: nothing on a request or a job reads the whole table (rebuild is an operator CLI).
 */
export const tableActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * The resources a function can be wired to, and the environment variable naming each one:
 * core reads exactly these names (a test scans its sources for process.env).
 */
export const resourceEnv = {
  table: 'TABLE_NAME',
  sessionSecrets: 'SESSION_SECRETS',
  reportsBucket: 'REPORTS_BUCKET',
  reportsFunction: 'REPORTS_FUNCTION',
  /** The From address's identity (a domain or an address) and the SES configuration set. */
  emailSender: 'SES_SENDER',
  emailConfigurationSet: 'SES_CONFIGURATION_SET',
  /** The address users open (CloudFront's, or the custom domain): the daily job's reminders link to it. */
  siteUrl: 'SITE_URL',
} as const;
export type Resource = keyof typeof resourceEnv;
/** What an IAM grant applies to: the table (and its indexes), the reports/ objects, the reports function, the SES identity and configuration set. */
export type GrantTarget = 'table' | 'reportObjects' | 'reportsFunction' | 'emailIdentity';
/** Sending one message, from our identity only, with our configuration set. */
const sendEmail = { on: 'emailIdentity', actions: ['ses:SendEmail'] } as const;
export type Wiring = { env: readonly Resource[]; grants: readonly { on: GrantTarget; actions: readonly string[] }[] };

/**
 * Each function's environment and grants, built alike by SST (infra/sst/function.ts) and
 * CDK (infra/cdk/stack.ts) and asserted on both sides by test/infra.
 */
export const wiring: Record<FunctionName, Wiring> = {
  // Serves downloads of saved reports and starts the reports function for a new one; sends reminders an officer starts.
  api: {
    env: ['table', 'sessionSecrets', 'reportsBucket', 'reportsFunction', 'emailSender', 'emailConfigurationSet'],
    grants: [
      { on: 'table', actions: tableActions },
      { on: 'reportObjects', actions: ['s3:GetObject'] },
      { on: 'reportsFunction', actions: ['lambda:InvokeFunction'] },
      sendEmail,
    ],
  },
  // Starts the due report packs and sends the day's reminders.
  jobs: {
    env: ['table', 'sessionSecrets', 'reportsFunction', 'emailSender', 'emailConfigurationSet', 'siteUrl'],
    grants: [{ on: 'table', actions: tableActions }, { on: 'reportsFunction', actions: ['lambda:InvokeFunction'] }, sendEmail],
  },
  // Records bounces, complaints and deliveries against the messages sent.
  mailEvents: { env: ['table'], grants: [{ on: 'table', actions: tableActions }] },
  rollups: { env: ['table', 'sessionSecrets'], grants: [{ on: 'table', actions: tableActions }] },
  // Sends what the daily job's reminders left.
  reminders: {
    env: ['table', 'sessionSecrets', 'emailSender', 'emailConfigurationSet', 'siteUrl'],
    grants: [{ on: 'table', actions: tableActions }, sendEmail],
  },
  // Writes report files, streamed in parts.
  reports: {
    env: ['table', 'sessionSecrets', 'reportsBucket'],
    grants: [
      { on: 'table', actions: tableActions },
      { on: 'reportObjects', actions: ['s3:PutObject', 's3:AbortMultipartUpload'] },
    ],
  },
};

/** Operational limits the stack alarms on. */
export const alarms = {
  /** Share of API responses that are 5xx over 5 minutes. */
  api5xxRatePercent: 1,
  /** Any throttled Lambda invocation or DynamoDB request in 5 minutes. */
  throttles: 1,
} as const;

/** CloudWatch Logs retention of every function (SST: '1 month'). */
export const logRetentionDays = 30;

export const routes = [{ method: 'ANY', path: '/api/{proxy+}', function: 'api' }] as const;

export const site = {
  /** Built by `npm run build -w @sansang/web`. */
  dir: 'packages/web/dist',
  /** Served from the same origin as the web app, so the session cookie needs no CORS. */
  apiPathPattern: '/api/*',
} as const;

/**
 * Settings read from the deployer's environment at deploy time and handed to the API
 * function when set: the province's identity provider (README, "Security") and who issues
 * its certificates (docs/deploy.md).
 */
export const apiEnvironmentFromDeployer = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_EMPLOYEE_CODE_CLAIM',
  'OIDC_LABEL',
  'ISSUER_PARENT',
  'ISSUER_NAME',
  'ISSUER_PLACE',
  'ISSUER_SIGNER_TITLE',
  'ISSUER_SIGNER_NAME',
] as const;

export function deployerEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(apiEnvironmentFromDeployer.flatMap((k) => (env[k] ? [[k, env[k]!]] : [])));
}
