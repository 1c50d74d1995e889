import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Requirement, Target } from '@sansang/core/schema';
import { target } from '../../../../test/support/fixtures.ts';

const { addDays, daysBetween, dueDate, isOverdue } = Requirement;

describe('a due date', () => {
  // Each expected day is counted on a calendar by hand.
  it.each([
    ['nobody said when they started', {}, { deadline: '2026-12-31' }, '2026-12-31'],
    ['started years ago', { startDate: '2020-05-01' }, { deadline: '2026-12-31' }, '2026-12-31'],
    ['joined with exactly the 60 days before the deadline', { startDate: '2026-11-01' }, { deadline: '2026-12-31' }, '2026-12-31'],
    ['joined a month before the deadline: 60 days by default', { startDate: '2026-12-01' }, { deadline: '2026-12-31' }, '2027-01-30'],
    ['joined with a 30-day grace, early enough', { startDate: '2026-11-20' }, { deadline: '2027-03-31', graceDays: 30 }, '2027-03-31'],
    ['joined with a 30-day grace, late', { startDate: '2027-03-20' }, { deadline: '2027-03-31', graceDays: 30 }, '2027-04-19'],
    ['grace 0, joined after the deadline', { startDate: '2027-02-10' }, { deadline: '2026-12-31', graceDays: 0 }, '2027-02-10'],
    ['grace 0, joined on the deadline', { startDate: '2026-12-31' }, { deadline: '2026-12-31', graceDays: 0 }, '2026-12-31'],
    ['one day into a leap February', { startDate: '2028-02-28' }, { deadline: '2027-12-31', graceDays: 1 }, '2028-02-29'],
    ['over a leap day', { startDate: '2028-02-28' }, { deadline: '2027-12-31', graceDays: 2 }, '2028-03-01'],
    ['over a common February', { startDate: '2027-02-28' }, { deadline: '2026-12-31', graceDays: 1 }, '2027-03-01'],
    ['from the last of January', { startDate: '2027-01-31' }, { deadline: '2026-12-31', graceDays: 30 }, '2027-03-02'],
    ['a leap year from its eve', { startDate: '2027-12-31' }, { deadline: '2026-12-31', graceDays: 366 }, '2028-12-31'],
    ['the longest grace, two leap days inside', { startDate: '2026-01-01' }, { deadline: '2026-12-31', graceDays: 3650 }, '2035-12-30'],
    // Back from an exemption: the day they owe again plus the grace period, if later.
    ['back from leave of this target', { resumed: { t: '2027-02-01' } }, { deadline: '2026-12-31', graceDays: 30 }, '2027-03-03'],
    ['back from leave of every target', { resumed: { '*': '2027-02-01' } }, { deadline: '2026-12-31', graceDays: 30 }, '2027-03-03'],
    ['back from leave of another target', { resumed: { other: '2027-02-01' } }, { deadline: '2026-12-31', graceDays: 30 }, '2026-12-31'],
    ['back from leave long before the deadline', { resumed: { t: '2026-03-01' } }, { deadline: '2026-12-31', graceDays: 30 }, '2026-12-31'],
    ['late joiner, then back from leave later', { startDate: '2027-01-10', resumed: { '*': '2027-02-20' } }, { deadline: '2026-12-31' }, '2027-04-21'],
  ] as [string, { startDate?: string; resumed?: Record<string, string> }, { deadline: string; graceDays?: number }, string][])(
    '%s',
    (_, person, t, expected) => {
      expect(dueDate({ id: 't', ...t }, person)).toBe(expected);
    },
  );

  it('counts calendar days whatever the clock: on the due date 0 left and not late, the day after late', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-01-05', '2026-12-31')).toBe(-5);
    expect(daysBetween('2026-12-01', '2027-03-31')).toBe(120);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change elsewhere moves nothing here
    expect(isOverdue('2026-12-31', '2026-12-31')).toBe(false);
    expect(isOverdue('2026-12-31', '2027-01-01')).toBe(true);
  });
});

describe("a target's grace period", () => {
  const valid = (graceDays: unknown) => v.safeParse(Target.Info, { ...target, graceDays }).success;

  it('is optional, 60 days when absent, and a whole number of days from 0 to 3650', () => {
    expect(v.safeParse(Target.Info, target).success).toBe(true);
    expect(Target.defaultGraceDays).toBe(60);
    expect([0, 30, 3650].map(valid)).toEqual([true, true, true]);
    expect([-1, 3651, 1.5, '30'].map(valid)).toEqual([false, false, false, false]);
  });
});
