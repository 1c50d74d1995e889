import { beforeAll, describe, expect, it } from 'vitest';
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
    expect(province.trained).toBe(new Set([...learners.map((p) => p.id), tree.people.find((p) => p.unitId === tree.dept1.id)!.id]).size);
    expect(province.children.reduce((s, c) => s + c.trained, 0)).toBe(province.trained);
    const check = await Readiness.rebuild({ write: false });
    expect(check.mismatches).toEqual([]);
  });

  it('reports percent against the headcount and whether each child meets the target', async () => {
    const commune = tree.people.filter((p) => p.unitId === tree.commune.id);
    await Promise.all(commune.map((p) => finishCourse(p.id)));
    const r = await Readiness.forUnit({ unitId: tree.province.id });
    const child = r.children.find((c) => c.id === tree.commune.id)!;
    expect(child).toMatchObject({ staff: commune.length, trained: commune.length, percent: 100, meetsTarget: true });
    expect(r.percent).toBe(Math.floor((r.trained / r.staff) * 1000) / 10);
    expect(r.meetsTarget).toBe(false);
    // The gap is who is still missing for the target's percentage of the headcount.
    expect(r.gap).toBe(Math.ceil((r.staff * r.target.percent) / 100) - r.trained);
    expect(r.daysLeft).toBe(Math.ceil((Date.parse(`${r.target.deadline}T23:59:59+07:00`) - Date.now()) / 86_400_000));
  });

  it('keeps a weekly history from the snapshots, oldest first, for the trend chart', async () => {
    await Readiness.snapshotWeek(new Date('2026-11-10T03:00:00Z'));
    await Readiness.snapshotWeek(new Date('2026-11-03T03:00:00Z'));
    const r = await Readiness.forUnit({ unitId: tree.province.id });
    expect(r.history.map((h) => h.week)).toEqual(['2026-W45', '2026-W46']);
    expect(r.history.at(-1)).toMatchObject({ staff: r.staff, trained: r.trained, percent: r.percent });
  });

  it('repairs drifted counters with rebuild --write', async () => {
    const { mismatches } = await Readiness.rebuild({ write: true });
    expect(mismatches).toEqual([]);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });
});
