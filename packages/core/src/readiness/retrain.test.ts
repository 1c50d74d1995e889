import { beforeAll, describe, expect, it } from 'vitest';
import { Course, Readiness, Requirement, Target, vnDay, type Person } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince, target } from '../../../../test/support/fixtures.ts';

/*
 * What an HR officer sees after a target's programme changes. Counted by hand from the
 * fixture: 12 people, 3 in each of so, phong-1, phong-2 and xa, all in the target's scope;
 * phong-1 #0, phong-1 #1 and xa #0 have finished khoa-mau, and only phong-1 #0 also khoa-moi.
 */
let tree: Awaited<ReturnType<typeof smallProvince>>;
const person = (unitId: string, i: number): Person.Info => tree.people.filter((p) => p.unitId === unitId)[i]!;
const complete = (p: Person.Info, slug: string) => Readiness.recordCompletion({ person: p, slug, version: 1 });
const seen = async (unitId: string, targetId = target.id) => {
  const r = await Readiness.forUnit({ unitId, targetId });
  return { staff: r.staff, trained: r.trained, percent: r.percent, gap: r.gap };
};
const untrainedAt = async (unitId: string, targetId = target.id) => (await Readiness.untrained({ unitId, targetId })).people.map((p) => p.id).sort();

describe('retrain, after a target or its programme changes', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    await Course.publish(bundle({ slug: 'khoa-moi', title: 'Khoá mới', hash: 'km-1' }));
    await complete(person('phong-1', 0), 'khoa-moi');
    for (const p of [person('phong-1', 0), person('phong-1', 1), person('xa', 0)]) await complete(p, 'khoa-mau');
    expect(await seen('tinh')).toEqual({ staff: 12, trained: 3, percent: 25, gap: 9 });
  });

  it('takes the mark back from whoever has not done a course added to the programme', async () => {
    await Target.put({ ...target, programme: ['khoa-mau', 'khoa-moi'] });
    expect(await Readiness.retrain(target.id)).toEqual({ marked: 0, unmarked: 2, revalidated: 0 });
    expect(await seen('tinh')).toEqual({ staff: 12, trained: 1, percent: 8.3, gap: 11 });
    expect(await seen('phong-1')).toEqual({ staff: 3, trained: 1, percent: 33.3, gap: 2 });
    expect(await seen('xa')).toEqual({ staff: 3, trained: 0, percent: 0, gap: 3 });
    expect(await untrainedAt('xa')).toEqual(
      tree.people
        .filter((p) => p.unitId === 'xa')
        .map((p) => p.id)
        .sort(),
    );
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('marks nobody twice when run again', async () => {
    expect(await Readiness.retrain(target.id)).toEqual({ marked: 0, unmarked: 0, revalidated: 0 });
    expect(await seen('tinh')).toMatchObject({ trained: 1 });
  });

  it('lets a learner who then does the new course count again at once', async () => {
    await complete(person('xa', 0), 'khoa-moi');
    expect(await seen('xa')).toEqual({ staff: 3, trained: 1, percent: 33.3, gap: 2 });
    expect(await seen('tinh')).toMatchObject({ trained: 2 });
  });

  it('gives the mark to everyone who has already done a shortened programme', async () => {
    await Target.put({ ...target, programme: ['khoa-mau'] });
    expect(await Readiness.retrain(target.id)).toEqual({ marked: 1, unmarked: 0, revalidated: 0 }); // phong-1 #1
    expect(await seen('tinh')).toEqual({ staff: 12, trained: 3, percent: 25, gap: 9 });
    expect(await untrainedAt('phong-1')).toEqual([person('phong-1', 2).id]);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('counts past completions for a new target, and leaves the other target as it was', async () => {
    const signing: Target.Info = { ...target, id: 'ky-so', title: 'Hoàn thành khoá mới', programme: ['khoa-moi'], categories: ['can-bo'], percent: 50 };
    await Target.put(signing);
    expect(await seen('tinh', signing.id)).toMatchObject({ staff: 4, trained: 0 });
    expect(await Readiness.retrain(signing.id)).toEqual({ marked: 2, unmarked: 0, revalidated: 0 }); // phong-1 #0 and xa #0, both can-bo
    // In scope: the 4 can-bo (i = 0 of each unit); half of them is the target: 2, reached.
    expect(await seen('tinh', signing.id)).toEqual({ staff: 4, trained: 2, percent: 50, gap: 0 });
    expect(await seen('tinh')).toMatchObject({ trained: 3 });
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('gives the marks made before the target had a validity their last valid day, and lapses those already past it', async () => {
    const yearly = { ...target, validity: { months: 12 } as const, renewalDays: 30 };
    await Target.put(yearly);
    expect(await Readiness.retrain(target.id, { validity: true })).toEqual({ marked: 0, unmarked: 0, revalidated: 3 });
    const marks = await Readiness.trainedMarksOf(person('phong-1', 0).id);
    const mark = marks.find((m) => m.targetId === target.id)!;
    expect(mark.validUntil).toBe(Target.validUntil(yearly, vnDay(new Date(mark.trainedAt))));
    // Run again, nothing changes; and nobody's completion is a year old yet: the figures stand.
    expect(await Readiness.retrain(target.id, { validity: true })).toEqual({ marked: 0, unmarked: 0, revalidated: 0 });
    expect(await seen('tinh')).toEqual({ staff: 12, trained: 3, percent: 25, gap: 9 });
    const lapsed = Requirement.addDays(mark.validUntil!, 1);
    expect((await Readiness.runLapses(lapsed)).people).toBe(3);
    expect(await seen('tinh')).toEqual({ staff: 12, trained: 0, percent: 0, gap: 12 });
    expect((await Readiness.forUnit({ unitId: 'tinh', targetId: target.id })).expired).toBe(3);
    expect((await Readiness.rebuild({ write: false, today: lapsed })).mismatches).toEqual([]);
  });
});
