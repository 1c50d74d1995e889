import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { costTable, monthlyCost, type CostInputs } from '../../infra/cost-model.ts';

const inputs = JSON.parse(readFileSync(new URL('../../infra/cost-inputs.json', import.meta.url), 'utf8')) as CostInputs;

describe('cost model', () => {
  it('has a measured figure for every action a course journey and a dashboard use', () => {
    for (const name of [...Object.keys(inputs.assumptions.courseJourney), 'readinessDashboard']) {
      expect(inputs.measuredActions[name], name).toMatchObject({ requests: expect.any(Number), readUnits: expect.any(Number), writeUnits: expect.any(Number) });
    }
  });

  it('costs only storage when nobody learns', () => {
    const idle = monthlyCost(inputs, 'idle');
    expect(idle.apiRequests).toBe(0);
    expect(idle.total).toBeCloseTo(idle.usd.dynamoStorageAndPitr! + idle.usd.s3!, 10);
  });

  it('grows in proportion to learners, so twice the learners cost twice the requests', () => {
    const normal = monthlyCost(inputs, 'normal');
    const doubled: CostInputs = structuredClone(inputs);
    doubled.assumptions.scenarios.normal!.learnersCompletingACourse *= 2;
    doubled.assumptions.scenarios.normal!.hrDashboardViews *= 2;
    const twice = monthlyCost(doubled, 'normal');
    expect(twice.apiRequests).toBe(normal.apiRequests * 2);
    expect(twice.usd.dynamoRequests).toBeCloseTo(normal.usd.dynamoRequests! * 2, 10);
    expect(costTable(inputs).split('\n')).toHaveLength(2 + Object.keys(inputs.assumptions.scenarios).length);
  });
});
