// `npm run cost`: monthly AWS cost of one province, from the measured cost of each learner
// action (infra/cost-inputs.json, measured by test/bench/learner-actions.ts) and the
// on-demand prices written beside them. Prints a Markdown table for docs/deploy.md.
import { readFileSync } from 'node:fs';

type Action = { requests: number; readUnits: number; writeUnits: number; apiMs: number };
/** `lapsePhaseChanges`: people the daily job moves in the month (a yearly target: each trained person twice a year, into its renewal window and out). */
/** `emailsSent`: reminders and digests in the month, each one SES message (and, once measured, `sendReminder`'s table and Lambda cost). */
type Scenario = { learnersCompletingACourse: number; coursesEach: number; hrDashboardViews: number; lapsePhaseChanges?: number; emailsSent?: number };
export type CostInputs = {
  prices: Record<string, number>;
  assumptions: {
    staff: number;
    apiMemoryGb: number;
    lambdaMsPerRequest: number;
    storageGb: number;
    siteGb: number;
    firstVisitKb: number;
    pageKb: number;
    sweepRunsPerMonth: number;
    sweepQueriesPerRun: number;
    sweepMsPerRun: number;
    sweepMemoryGb: number;
    reminderContinuationsPerMonth?: number;
    scenarios: Record<string, Scenario>;
    courseJourney: Record<string, number>;
  };
  measuredActions: Record<string, Action>;
};

export type MonthlyCost = {
  scenario: string;
  apiRequests: number;
  emails: number;
  readUnits: number;
  writeUnits: number;
  lambdaGbSeconds: number;
  cdnGb: number;
  usd: Record<string, number>;
  total: number;
};

export function monthlyCost(inputs: CostInputs, scenario: string): MonthlyCost {
  const { prices: p, assumptions: a, measuredActions: m } = inputs;
  const s = a.scenarios[scenario]!;
  const journeys = s.learnersCompletingACourse * s.coursesEach;
  const sum = (pick: (x: Action) => number) =>
    Object.entries(a.courseJourney).reduce((t, [name, times]) => t + times * pick(m[name]!), 0) * journeys + s.hrDashboardViews * pick(m.readinessDashboard!);
  const apiRequests = Object.values(a.courseJourney).reduce((t, n) => t + n, 0) * journeys + s.hrDashboardViews;
  // The minute's roll-up sweep and the quarter hour's reminder continuation run at idle too: a fixed floor under every scenario.
  const continuations = a.reminderContinuationsPerMonth ?? 0;
  const scheduledRuns = a.sweepRunsPerMonth + continuations;
  const sweepReadUnits = a.sweepRunsPerMonth * a.sweepQueriesPerRun * 0.5 + continuations * 0.5;
  const sweepGbSeconds = scheduledRuns * (a.sweepMsPerRun / 1000) * a.sweepMemoryGb;
  // The daily job's lapses: per person moved, as measured (test/bench/learner-actions.ts `dailyLapse`).
  const lapses = s.lapsePhaseChanges ?? 0;
  const lapse = m.dailyLapse ?? { requests: 0, readUnits: 0, writeUnits: 0, apiMs: 0 };
  const emails = s.emailsSent ?? 0;
  const reminder = m.sendReminder ?? { requests: 0, readUnits: 0, writeUnits: 0, apiMs: 0 };
  const readUnits = sum((x) => x.readUnits) + sweepReadUnits + lapses * lapse.readUnits + emails * reminder.readUnits;
  const writeUnits = sum((x) => x.writeUnits) + lapses * lapse.writeUnits + emails * reminder.writeUnits;
  const lambdaGbSeconds =
    ((apiRequests * a.lambdaMsPerRequest) / 1000) * a.apiMemoryGb + sweepGbSeconds + ((lapses * lapse.apiMs + emails * reminder.apiMs) / 1000) * a.apiMemoryGb;
  const cdnGb = (s.learnersCompletingACourse * a.firstVisitKb + apiRequests * a.pageKb) / 1024 / 1024;
  const usd = {
    lambda: lambdaGbSeconds * p.lambdaArmPerGbSecond! + ((apiRequests + scheduledRuns) / 1e6) * p.lambdaPerMillionRequests!,
    apiGateway: (apiRequests / 1e6) * p.httpApiPerMillionRequests!,
    dynamoRequests: (readUnits / 1e6) * p.dynamoPerMillionReadUnits! + (writeUnits / 1e6) * p.dynamoPerMillionWriteUnits!,
    dynamoStorageAndPitr: a.storageGb * (p.dynamoStoragePerGbMonth! + p.dynamoPitrPerGbMonth!),
    s3: a.siteGb * p.s3StoragePerGbMonth!,
    cloudfront: cdnGb * p.cloudfrontPerGbOut! + (apiRequests / 1e4) * p.cloudfrontPer10kHttpsRequests!,
    ses: (emails / 1000) * p.sesPer1000Emails!,
  };
  return { scenario, apiRequests, emails, readUnits, writeUnits, lambdaGbSeconds, cdnGb, usd, total: Object.values(usd).reduce((t, v) => t + v, 0) };
}

/** The national installation (issue 20): 34 provinces, the ministries and their agencies, about two million staff. */
export const NATIONAL_STAFF = 2_000_000;

/**
 * The same inputs for `staff` people instead of the province's: what people do (learners,
 * dashboard views, lapses, e-mails) and what is stored grow with them; the fixed schedule
 * (the minute's sweep, the quarter hour's continuation) and the cost of each action do not —
 * `npm run bench:scale` measured them flat in staff (docs/scale.md).
 */
export function scaledTo(inputs: CostInputs, staff: number): CostInputs {
  const k = staff / inputs.assumptions.staff;
  const scenarios = Object.fromEntries(
    Object.entries(inputs.assumptions.scenarios).map(([name, s]) => [
      name,
      {
        ...s,
        learnersCompletingACourse: s.learnersCompletingACourse * k,
        hrDashboardViews: s.hrDashboardViews * k,
        ...(s.lapsePhaseChanges === undefined ? {} : { lapsePhaseChanges: s.lapsePhaseChanges * k }),
        ...(s.emailsSent === undefined ? {} : { emailsSent: s.emailsSent * k }),
      },
    ]),
  );
  return { ...inputs, assumptions: { ...inputs.assumptions, staff, storageGb: inputs.assumptions.storageGb * k, scenarios } };
}

export function costTable(inputs: CostInputs): string {
  const rows = Object.keys(inputs.assumptions.scenarios).map((s) => monthlyCost(inputs, s));
  const money = (n: number) => `$${n.toFixed(2)}`;
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    '| scenario | API requests | e-mails | DynamoDB RRU / WRU | Lambda GB-s | CloudFront GB | Lambda | API GW | DynamoDB req. | DynamoDB storage+PITR | S3 | CloudFront | SES e-mail | **total / month** |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${int(r.apiRequests)} | ${int(r.emails)} | ${int(r.readUnits)} / ${int(r.writeUnits)} | ${int(r.lambdaGbSeconds)} | ${r.cdnGb.toFixed(1)} | ${money(r.usd.lambda!)} | ${money(r.usd.apiGateway!)} | ${money(r.usd.dynamoRequests!)} | ${money(r.usd.dynamoStorageAndPitr!)} | ${money(r.usd.s3!)} | ${money(r.usd.cloudfront!)} | ${money(r.usd.ses!)} | **${money(r.total)}** |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const inputs = JSON.parse(readFileSync(new URL('./cost-inputs.json', import.meta.url), 'utf8')) as CostInputs;
  console.log(`Monthly AWS cost, province of ${inputs.assumptions.staff.toLocaleString('en-US')} staff (prices: infra/cost-inputs.json)\n`);
  console.log(costTable(inputs));
  console.log(
    `\nThe national installation, ${NATIONAL_STAFF.toLocaleString('en-US')} staff: the same inputs scaled by ${(NATIONAL_STAFF / inputs.assumptions.staff).toFixed(1)} (docs/scale.md)\n`,
  );
  console.log(costTable(scaledTo(inputs, NATIONAL_STAFF)));
}
