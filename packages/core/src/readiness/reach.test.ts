import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Course, Exemption, Org, Person, Readiness, Target, moveUnit, personIdFor } from '@sansang/core';
import { db, keys, putMany, tableName } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, threeLevels } from '../../../../test/support/fixtures.ts';
import { contribute } from './contribution.ts';
import { subtreeOf } from './counters.ts';

/*
 * A target's counters are kept only in the subtree totals of the unit that set it and of the
 * units below it (reach.ts), on every path that adds to subtree totals, and `rebuild` counts
 * the same way:
 *
 *   quoc-gia (national target toan-quoc)
 *   ├─ tinh-a (its own target tinh-a-som) ── so-a ── phong-a (its own target phong-a-rieng)
 *   └─ tinh-b ── xa-b
 *
 * A person is marked trained only for the targets that apply where they work; one who moves
 * in, or whose unit is moved in, is marked for the targets they join.
 */
const { nation, provinceA, agencyA, deptA, provinceB, communeB, national, provincial, departmental } = threeLevels();
const owned = [provincial, departmental];

const person = (u: Org.Info, i: number): Person.Info => ({
  id: personIdFor(`NV-${u.id}-${i}`),
  employeeCode: `NV-${u.id}-${i}`,
  fullName: `Trần Thị ${u.id} ${i}`,
  email: null,
  unitId: u.id,
  category: 'cong-chuc',
  position: 'Chuyên viên',
  status: 'active',
});
const people = [person(agencyA, 0), person(deptA, 0), person(communeB, 1), person(deptA, 2), person(communeB, 0)];
const actor = 'quantri@quoc-gia.gov.vn';

/** The targets whose counters a unit's subtree totals hold (trained, exempt, expiring or expired), sorted. */
async function targetsCountedAt(unitId: string): Promise<string[]> {
  const names = Object.entries(await subtreeOf(unitId)).filter(([, n]) => n !== 0);
  return [...new Set(names.flatMap(([name]) => Target.targetOfCounter(name) ?? []))].sort();
}
const trained = async (u: Org.Info, t: Target.Info) => (await Readiness.forUnit({ unitId: u.id, targetId: t.id })).trained;
const agrees = async () => {
  await Readiness.sweepRollups();
  expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
};

describe("a target's counters stop at the unit that set it", () => {
  beforeAll(async () => {
    await useFreshTable();
    await putMany([nation, provinceA, agencyA, deptA, provinceB, communeB].map(Org.toItem));
    await Course.publish(bundle());
    for (const t of [national, provincial, departmental]) await Target.put(t);
    await Readiness.changePeople(
      people.map((p) => ({ personId: p.id, next: () => p, reason: 'roster' })),
      { actor },
    );
  });

  it('a completion counts for each target up to its owner, and the root holds the national target only', async () => {
    await Readiness.recordCompletion({ person: people[1]!, slug: 'khoa-mau', version: 1 });
    await Readiness.recordCompletion({ person: people[4]!, slug: 'khoa-mau', version: 1 });
    expect(await targetsCountedAt(deptA.id)).toEqual([departmental.id, provincial.id, national.id].sort());
    expect(await targetsCountedAt(agencyA.id)).toEqual([provincial.id, national.id].sort());
    expect(await targetsCountedAt(provinceA.id)).toEqual([provincial.id, national.id].sort());
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    // Marked only for what applies where each works: the other province's learner owes province A nothing.
    expect((await Readiness.trainedMarksOf(people[4]!.id)).map((m) => m.targetId)).toEqual([national.id]);
    expect((await Readiness.trainedMarksOf(people[1]!.id)).map((m) => m.targetId).sort()).toEqual([departmental.id, provincial.id, national.id].sort());
    // What each dashboard shows is unchanged: every target where it applies.
    expect([await trained(nation, national), await trained(provinceA, provincial), await trained(deptA, departmental)]).toEqual([2, 1, 1]);
    await agrees();
  });

  it('roll-ups left pending and finished by the sweep follow the same rule', async () => {
    // A completion and its marks written without their roll-ups, as a crash between the two steps leaves them.
    const placement = { person: people[3]!, unit: deptA };
    const at = new Date().toISOString();
    await contribute(Readiness.completion(placement, { slug: 'khoa-mau', version: 1 }, at), { rollUp: false });
    for (const t of [national, provincial, departmental]) await contribute(Readiness.trained(placement, t, at), { rollUp: false });
    expect(await trained(provinceA, provincial)).toBe(1);
    expect(await Readiness.sweepRollups()).toBe(4);
    expect([await trained(nation, national), await trained(provinceA, provincial), await trained(deptA, departmental)]).toEqual([3, 2, 2]);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
  });

  it("an exemption from a province's target is counted in the province, not above it", async () => {
    await Exemption.create({
      actor: { email: actor },
      within: null,
      input: { employeeCode: people[0]!.employeeCode, targetId: provincial.id, reason: 'thai-san', from: '2026-01-01', until: '2027-12-31' },
      today: '2026-12-08',
    });
    expect(Object.keys(await subtreeOf(provinceA.id)).some((n) => n.startsWith(`exempt:${provincial.id}|`))).toBe(true);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    expect((await Readiness.forUnit({ unitId: provinceA.id, targetId: provincial.id })).exempt).toBe(1);
    await agrees();
  });

  it('a person trained in one province who moves to another takes the counts out of the first, and none reach the root', async () => {
    await Readiness.changePeople([{ personId: people[1]!.id, next: (p) => ({ ...p!, unitId: communeB.id }), reason: 'move' }], { actor });
    expect(await trained(provinceA, provincial)).toBe(1);
    expect(await trained(deptA, departmental)).toBe(1);
    expect(await trained(nation, national)).toBe(3);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    // Nor the other province: its people are not measured against the first one's targets.
    expect(await targetsCountedAt(provinceB.id)).toEqual([national.id]);
    await agrees();
  });

  it('a person who did the programme elsewhere and moves in is marked for the targets of the units they join', async () => {
    await Readiness.recordCompletion({ person: people[2]!, slug: 'khoa-mau', version: 1 });
    expect((await Readiness.trainedMarksOf(people[2]!.id)).map((m) => m.targetId)).toEqual([national.id]);
    await Readiness.changePeople([{ personId: people[2]!.id, next: (p) => ({ ...p!, unitId: deptA.id }), reason: 'move' }], { actor });
    expect((await Readiness.trainedMarksOf(people[2]!.id)).map((m) => m.targetId).sort()).toEqual([departmental.id, provincial.id, national.id].sort());
    expect([await trained(provinceA, provincial), await trained(deptA, departmental), await trained(nation, national)]).toEqual([2, 2, 4]);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
  });

  it('moving a unit carries its counts between provinces, a target it owns staying with it', async () => {
    await moveUnit({ unitId: agencyA.id, parentId: provinceB.id, effective: '2026-12-01', actor });
    expect(await trained(provinceA, provincial)).toBe(0);
    expect(await trained(await Org.get(deptA.id), departmental)).toBe(2);
    // The moved units stop counting the province they left; the department keeps its own target.
    expect(await targetsCountedAt(agencyA.id)).toEqual([national.id]);
    expect(await targetsCountedAt(deptA.id)).toEqual([departmental.id, national.id].sort());
    expect(await targetsCountedAt(provinceB.id)).toEqual([national.id]);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
    // And back: the province counts its own target for them again, from their own counters.
    await moveUnit({ unitId: agencyA.id, parentId: provinceA.id, effective: '2026-12-02', actor });
    expect(await trained(provinceA, provincial)).toBe(2);
    expect(await targetsCountedAt(agencyA.id)).toEqual([provincial.id, national.id].sort());
    expect(await targetsCountedAt(deptA.id)).toEqual([departmental.id, provincial.id, national.id].sort());
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
  });

  it('a commune moved into a province with a target of its own: its people who did the programme are marked for it', async () => {
    // xa-b holds one learner marked for the national target only, and one marked for province A's before moving out of it.
    await moveUnit({ unitId: communeB.id, parentId: provinceA.id, effective: '2026-12-03', actor });
    expect((await Readiness.trainedMarksOf(people[4]!.id)).map((m) => m.targetId).sort()).toEqual([provincial.id, national.id].sort());
    expect(await trained(provinceA, provincial)).toBe(4);
    expect(await targetsCountedAt(provinceB.id)).toEqual([]);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
  });

  it('a mark taken back by a changed programme comes off up to the owner only', async () => {
    await Course.publish(bundle({ slug: 'khoa-hai', title: 'Khoá hai', hash: 'h2' }));
    await Target.put({ ...provincial, programme: ['khoa-mau', 'khoa-hai'] });
    const { unmarked } = await Readiness.retrain(provincial.id);
    expect(unmarked).toBeGreaterThan(0);
    expect(await trained(provinceA, provincial)).toBe(0);
    expect(await trained(nation, national)).toBe(4);
    await agrees();
    await Target.put(provincial);
    await Readiness.retrain(provincial.id);
    expect(await trained(provinceA, provincial)).toBe(4);
    await agrees();
  });

  it('rebuild names a province target counter found at the root, and removes it', async () => {
    const stray = Target.trainedCounter(provincial.id, 'tinh|agency|cong-chuc');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitSubtreeShard(nation.id, 3),
        UpdateExpression: 'ADD #c :n',
        ExpressionAttributeNames: { '#c': stray },
        ExpressionAttributeValues: { ':n': 1 },
      }),
    );
    expect((await Readiness.rebuild({ write: true })).mismatches).toEqual([{ unitId: nation.id, scope: 'subtree', counter: stray, expected: 0, actual: 1 }]);
    expect(await targetsCountedAt(nation.id)).toEqual([national.id]);
    await agrees();
  });

  it('a target stays with the unit that set it: moving it to another unit is refused', async () => {
    await expect(Target.set({ actor: { email: actor }, target: { ...provincial, unitId: provinceB.id } })).rejects.toMatchObject({
      code: 'target.owner_fixed',
    });
    await expect(Target.set({ actor: { email: actor }, target: { ...departmental, unitId: undefined } })).rejects.toMatchObject({ code: 'target.owner_fixed' });
    expect((await Target.list()).find((t) => t.id === provincial.id)?.unitId).toBe(provinceA.id);
  });

  it('the root holds no counter of any owned target after all of the above', async () => {
    const atRoot = await targetsCountedAt(nation.id);
    for (const t of owned) expect(atRoot).not.toContain(t.id);
  });
});
