import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Attempt, Progress, Readiness } from '@sansang/core';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { allRight, smallProvince } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;

async function finishCourse(personId: string) {
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-mot' });
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-hai' });
  return takeQuiz(personId, 'khoa-mau');
}

describe('readiness counters', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(6);
  });

  it('starts from the roster: staff in scope per unit and subtree, nobody trained', async () => {
    const r = await Readiness.forUnit({ unitId: tree.province.id });
    expect(r.staff).toBe(tree.people.length);
    expect(r.trained).toBe(0);
    const agency = r.children.find((c) => c.id === tree.agency.id)!;
    expect(agency.staff).toBe(18); // the agency's own 6 and its two departments' 12
  });

  it('counts a completion once however often it is sent, and rolls it up to every ancestor', async () => {
    const person = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    await finishCourse(person.id);
    // A double-clicked button and retried requests arrive together: one attempt, graded once.
    const attempt = await Attempt.start({ personId: person.id, slug: 'khoa-mau' });
    const again = await Promise.all([1, 2, 3, 4].map(() => Attempt.submit({ personId: person.id, slug: 'khoa-mau', n: attempt.n, answers: allRight })));
    for (const r of again) expect(r.result).toEqual(again[0]!.result);
    for (const unitId of [tree.province.id, tree.agency.id, tree.dept1.id]) {
      expect((await Readiness.forUnit({ unitId })).trained).toBe(1);
    }
    expect((await Readiness.forUnit({ unitId: tree.commune.id })).trained).toBe(0);
  });

  it('agrees exactly with a rebuild from source records after many concurrent completions', async () => {
    const learners = tree.people.filter((_, i) => i % 2 === 0);
    await Promise.all(learners.map((p) => finishCourse(p.id)));
    const province = await Readiness.forUnit({ unitId: tree.province.id });
    // The 12 people at even places of 24, dept-1's first (the one trained above) among them.
    expect(province.trained).toBe(12);
    expect(province.children.reduce((s, c) => s + c.trained, 0)).toBe(province.trained);
    const check = await Readiness.rebuild({ write: false });
    expect(check.mismatches).toEqual([]);
  });

  it('reports percent against the headcount and whether each child meets the target', async () => {
    const commune = tree.people.filter((p) => p.unitId === tree.commune.id);
    await Promise.all(commune.map((p) => finishCourse(p.id)));
    // 23:59 on 1 December in Vietnam (16:59 UTC): the deadline, 31 December 23:59:59, is 30 days and 59 s away.
    vi.useFakeTimers({ now: new Date('2026-12-01T16:59:00Z'), toFake: ['Date'] });
    const r = await Readiness.forUnit({ unitId: tree.province.id });
    const child = r.children.find((c) => c.id === tree.commune.id)!;
    expect(child).toMatchObject({ staff: 6, trained: 6, percent: 100, meetsTarget: true, gap: 0 });
    // 12 trained before, and the commune's 3 at odd places now: 15 of 24 is 62.5 %; the target is 100 %, so 9 are missing.
    expect({ staff: r.staff, trained: r.trained, percent: r.percent, meetsTarget: r.meetsTarget, gap: r.gap, daysLeft: r.daysLeft }).toEqual({
      staff: 24,
      trained: 15,
      percent: 62.5,
      meetsTarget: false,
      gap: 9,
      daysLeft: 31,
    });
    // A minute later it is 2 December in Vietnam: one day fewer, though it is still 1 December in UTC.
    vi.setSystemTime(new Date('2026-12-01T17:00:00Z'));
    expect((await Readiness.forUnit({ unitId: tree.province.id })).daysLeft).toBe(30);
  });

  it('rounds the percent down, so nearly there is never printed as there', async () => {
    await finishCourse(tree.people[1]!.id); // the agency's second: an odd place, not trained yet
    // The agency's subtree: 18 people, the 9 at even places and this one: 10 of 18 is 55.55… %.
    const agency = await Readiness.forUnit({ unitId: tree.agency.id });
    expect({ staff: agency.staff, trained: agency.trained, percent: agency.percent }).toEqual({ staff: 18, trained: 10, percent: 55.5 });
    // The province: 16 of 24 is 66.66… %.
    expect((await Readiness.forUnit({ unitId: tree.province.id })).percent).toBe(66.6);
  });

  it('keeps a weekly history from the snapshots, oldest first, for the trend chart', async () => {
    await Readiness.snapshotWeek(new Date('2026-11-10T03:00:00Z'));
    await Readiness.snapshotWeek(new Date('2026-11-03T03:00:00Z'));
    const r = await Readiness.forUnit({ unitId: tree.province.id });
    expect(r.history.map((h) => h.week)).toEqual(['2026-W45', '2026-W46']);
    expect(r.history.at(-1)).toMatchObject({ staff: r.staff, trained: r.trained, percent: r.percent });
  });

  it('finds nothing to repair after all this (rebuild.test.ts shows it repairing)', async () => {
    const { mismatches } = await Readiness.rebuild({ write: true });
    expect(mismatches).toEqual([]);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });
});
