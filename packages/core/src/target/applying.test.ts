import { beforeAll, describe, expect, it } from 'vitest';
import { Org, Person, Readiness, Reminder, Requirement, Target, Course } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, threeLevels } from '../../../../test/support/fixtures.ts';

/**
 * Targets at three levels: the installation's (national), a province's stricter one and a
 * department's own. Each applies at its owner and below, never beside it.
 */
const { nation, provinceA, agencyA, deptA, provinceB, communeB, national, provincial, departmental } = threeLevels();

const person = (u: Org.Info, i: number): Person.Info => ({
  id: `p-${u.id}-${i}`,
  employeeCode: `NV-${u.id}-${i}`,
  fullName: `Nguyễn Văn ${u.id} ${i}`,
  email: null,
  unitId: u.id,
  category: 'cong-chuc',
  position: 'Chuyên viên',
  status: 'active',
});
const people = [person(agencyA, 0), person(deptA, 0), person(deptA, 1), person(communeB, 0), person(communeB, 1)];
const ids = (targets: { id: string }[]) => targets.map((t) => t.id).sort();

describe('targets owned by a unit', () => {
  beforeAll(async () => {
    await useFreshTable();
    await putMany([...[nation, provinceA, agencyA, deptA, provinceB, communeB].map(Org.toItem), ...people.map(Person.toItem)]);
    await Course.publish(bundle());
    for (const t of [national, provincial, departmental]) await Target.put(t);
    await Readiness.rebuild({ write: true });
  });

  it('apply at their owner and below: the nation sees one, the province two, the department three', async () => {
    const all = await Target.list();
    expect(ids(Target.applyingAt(nation, all))).toEqual([national.id]);
    expect(ids(Target.applyingAt(provinceA, all))).toEqual(ids([national, provincial]));
    expect(ids(Target.applyingAt(deptA, all))).toEqual(ids([national, provincial, departmental]));
    expect(ids(Target.applyingAt(communeB, all))).toEqual([national.id]);
  });

  it('are the ones a dashboard offers, each with where it comes from', async () => {
    const at = async (u: Org.Info) => (await Readiness.forUnit({ unitId: u.id })).targets.map((t) => [t.id, t.owner?.name ?? null]).sort();
    expect(await at(nation)).toEqual([[national.id, null]]);
    expect(await at(provinceA)).toEqual(
      [
        [provincial.id, provinceA.name],
        [national.id, null],
      ].sort(),
    );
    expect(await at(deptA)).toEqual(
      [
        [departmental.id, deptA.name],
        [provincial.id, provinceA.name],
        [national.id, null],
      ].sort(),
    );
    expect(await at(provinceB)).toEqual([[national.id, null]]);
    // Figures against a target of another subtree are not this unit's to show.
    await expect(Readiness.forUnit({ unitId: provinceB.id, targetId: provincial.id })).rejects.toMatchObject({ code: 'target.not_found' });
    expect(ids((await Readiness.summary(provinceA.id, 'hr@test.vn')).targets.map((f) => f.target))).toEqual(ids([national, provincial]));
    // Nor is the list of who still owes it.
    await expect(Readiness.untrained({ unitId: nation.id, targetId: provincial.id })).rejects.toMatchObject({ code: 'target.not_found' });
    expect((await Readiness.untrained({ unitId: provinceA.id, targetId: provincial.id })).people.length).toBe(3);
  });

  it('are owed by the people of the owner’s subtree only', async () => {
    const owes = async (p: Person.Info) => (await Requirement.forPerson({ personId: p.id, today: '2026-09-01' })).map((i) => i.target.id).sort();
    expect(await owes(people[0]!)).toEqual(ids([national, provincial]));
    expect(await owes(people[1]!)).toEqual(ids([national, provincial, departmental]));
    expect(await owes(people[3]!)).toEqual([national.id]);
  });

  it('remind only the owner’s subtree: a learner of another province is not reminded of the province’s target', async () => {
    // The day after the province's deadline: its people are overdue; nothing of the others is due.
    const plan = await Reminder.plan({ date: '2026-11-01' });
    expect(plan.map((m) => m.personId).sort()).toEqual([people[0]!.id, people[1]!.id, people[2]!.id].sort());
    expect(plan.every((m) => m.items.map((i) => i.targetId).join() === provincial.id)).toBe(true);
    // A run of the other province, of the province itself and of a unit inside it.
    expect(await Reminder.plan({ date: '2026-11-01', unitId: provinceB.id })).toEqual([]);
    expect((await Reminder.plan({ date: '2026-11-01', unitId: provinceA.id })).length).toBe(3);
    expect((await Reminder.plan({ date: '2026-11-01', unitId: deptA.id })).map((m) => m.personId).sort()).toEqual([people[1]!.id, people[2]!.id]);
  });

  it('refuses an owner that does not exist', async () => {
    await expect(Target.set({ actor: { email: 'quantri@test.vn' }, target: { ...departmental, unitId: 'khong-co' } })).rejects.toMatchObject({
      code: 'org.unit_not_found',
    });
  });
});
