import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { costTable, monthlyCost, NATIONAL_STAFF, scaledTo, type CostInputs } from '../../infra/cost-model.ts';

const inputs = JSON.parse(readFileSync(new URL('../../infra/cost-inputs.json', import.meta.url), 'utf8')) as CostInputs;

describe('cost model', () => {
  it('has a measured figure for every action a course journey and a dashboard use', () => {
    for (const name of [...Object.keys(inputs.assumptions.courseJourney), 'readinessDashboard']) {
      expect(inputs.measuredActions[name], name).toMatchObject({ requests: expect.any(Number), readUnits: expect.any(Number), writeUnits: expect.any(Number) });
    }
  });

  it("costs storage, the minute's roll-up sweep and the quarter hour's reminder continuation when nobody learns, together a few cents", () => {
    const idle = monthlyCost(inputs, 'idle');
    expect(idle.apiRequests).toBe(0);
    expect(idle.writeUnits).toBe(0);
    // 43,200 sweeps × 8 empty Queries × 0.5 RRU and 1,680 continuations × one GetItem (0.5 RRU);
    // (43,200 + 1,680) × 30 ms × 0.5 GB of Lambda.
    expect(inputs.assumptions.reminderContinuationsPerMonth).toBe(56 * 30);
    expect(idle.readUnits).toBe(172_800 + 840);
    expect(idle.lambdaGbSeconds).toBeCloseTo(673.2, 6);
    const sweep = idle.usd.lambda! + idle.usd.dynamoRequests!;
    expect(sweep).toBeGreaterThan(0);
    expect(sweep).toBeLessThan(0.1);
    expect(idle.total).toBeCloseTo(idle.usd.dynamoStorageAndPitr! + idle.usd.s3! + sweep, 10);
    expect(idle.usd.apiGateway).toBe(0);
  });

  it('grows in proportion to learners, so twice the learners cost twice the requests', () => {
    // Learning alone: the daily job's lapses follow the roster, not who learns this month.
    const learning: CostInputs = structuredClone(inputs);
    learning.assumptions.scenarios.normal!.lapsePhaseChanges = 0;
    learning.assumptions.scenarios.normal!.emailsSent = 0;
    const normal = monthlyCost(learning, 'normal');
    const doubled: CostInputs = structuredClone(learning);
    doubled.assumptions.scenarios.normal!.learnersCompletingACourse *= 2;
    doubled.assumptions.scenarios.normal!.hrDashboardViews *= 2;
    const twice = monthlyCost(doubled, 'normal');
    expect(twice.apiRequests).toBe(normal.apiRequests * 2);
    // Above the idle floor (the minute's sweep), requests cost in proportion.
    const floor = monthlyCost(inputs, 'idle').usd.dynamoRequests!;
    expect(twice.usd.dynamoRequests! - floor).toBeCloseTo((normal.usd.dynamoRequests! - floor) * 2, 10);
    expect(costTable(inputs).split('\n')).toHaveLength(2 + Object.keys(inputs.assumptions.scenarios).length);
  });

  it("adds the daily job's lapses in proportion to the people it moves, as measured per person", () => {
    const none: CostInputs = structuredClone(inputs);
    none.assumptions.scenarios.normal!.lapsePhaseChanges = 0;
    const moved = inputs.assumptions.scenarios.normal!.lapsePhaseChanges!;
    expect(moved).toBeGreaterThan(0);
    const lapse = inputs.measuredActions.dailyLapse!;
    expect(lapse.requests).toBeGreaterThan(0);
    const [withLapses, without] = [monthlyCost(inputs, 'normal'), monthlyCost(none, 'normal')];
    expect(withLapses.writeUnits - without.writeUnits).toBeCloseTo(moved * lapse.writeUnits, 6);
    expect(withLapses.readUnits - without.readUnits).toBeCloseTo(moved * lapse.readUnits, 6);
  });

  it('prices the e-mail line at the SES rate per 1,000 messages, in the normal month and the deadline rush alike', () => {
    const price = inputs.prices.sesPer1000Emails!;
    expect(price).toBeGreaterThan(0);
    for (const scenario of ['normal', 'deadlineRush']) {
      const sent = inputs.assumptions.scenarios[scenario]!.emailsSent!;
      expect(sent, scenario).toBeGreaterThan(0);
      const cost = monthlyCost(inputs, scenario);
      expect(cost.emails).toBe(sent);
      expect(cost.usd.ses, scenario).toBeCloseTo((sent / 1000) * price, 10);
    }
    expect(monthlyCost(inputs, 'deadlineRush').usd.ses!).toBeGreaterThan(monthlyCost(inputs, 'normal').usd.ses!);
    expect(monthlyCost(inputs, 'idle').usd.ses).toBe(0);
    expect(costTable(inputs)).toContain('SES e-mail');
  });

  it('gives a national column: what people do and store grows with staff, the fixed schedule and each action’s cost do not', () => {
    const national = scaledTo(inputs, NATIONAL_STAFF);
    const k = NATIONAL_STAFF / inputs.assumptions.staff;
    for (const scenario of Object.keys(inputs.assumptions.scenarios)) {
      const province = monthlyCost(inputs, scenario);
      const nation = monthlyCost(national, scenario);
      expect(nation.apiRequests, scenario).toBeCloseTo(province.apiRequests * k, 3);
      expect(nation.emails, scenario).toBeCloseTo(province.emails * k, 3);
      expect(nation.usd.dynamoStorageAndPitr!, scenario).toBeCloseTo(province.usd.dynamoStorageAndPitr! * k, 6);
      // The sweep's and the continuation's reads stay what they are for one province.
      expect(nation.readUnits - 173_640, scenario).toBeCloseTo((province.readUnits - 173_640) * k, 0);
    }
    expect(monthlyCost(national, 'idle').apiRequests).toBe(0);
    expect(monthlyCost(national, 'deadlineRush').total).toBeGreaterThan(monthlyCost(inputs, 'deadlineRush').total * 50);
  });
});
