import { describe, expect, it } from 'vitest';
import { functions } from '../../../infra/spec.ts';
import { rateMs } from './local-schedule.ts';

describe('schedules run by npm start', () => {
  it('sweep roll-ups as often as the deployed schedule does: every minute', () => {
    expect(rateMs(functions.rollups.schedule)).toBe(60_000);
  });

  it('read rate expressions as EventBridge does, and refuse anything else', () => {
    expect(rateMs('rate(5 minutes)')).toBe(300_000);
    expect(rateMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateMs('rate(2 days)')).toBe(172_800_000);
    expect(() => rateMs('cron(0 23 * * ? *)')).toThrow('is not a rate(...) schedule');
  });
});
