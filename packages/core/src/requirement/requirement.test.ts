import { beforeAll, describe, expect, it } from 'vitest';
import { Course, Person, Progress, Readiness, Requirement, Target } from '@sansang/core';
import { meterDynamo, putMany } from '@sansang/core/testing';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;

// Besides the fixture's target (everyone, khoa-mau by 2026-12-31, grace 60 by default):
const commune: Target.Info = {
  id: 'xa-2027',
  title: 'Cán bộ, công chức cấp xã hoàn thành hai khoá',
  programme: ['khoa-mau', 'khoa-hai'],
  categories: ['can-bo', 'cong-chuc'],
  levels: ['xa'],
  percent: 90,
  deadline: '2027-03-31',
  graceDays: 30,
};
const departments: Target.Info = {
  id: 'phong-2026',
  title: 'Các phòng hoàn thành khoá hai',
  programme: ['khoa-hai'],
  categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
  unitKinds: ['department'],
  percent: 100,
  deadline: '2026-06-30',
};

/** The fixture puts people of categories can-bo, cong-chuc, vien-chuc in turn in each unit. */
const at = (unitId: string, category: Person.Category) => tree.people.find((p) => p.unitId === unitId && p.category === category)!;
const owed = async (personId: string, today: string) =>
  (await Requirement.forPerson({ personId, today })).map((r) => [r.target.id, r.status, r.dueDate, r.daysLeft]);

describe("a person's requirements", () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    await Course.publish(bundle({ slug: 'khoa-hai', title: 'Khoá hai', hash: 'h2' }));
    await Target.put(commune);
    await Target.put(departments);
  });

  it('lists only the targets whose scope covers them: category, level and unit kind', async () => {
    const today = '2026-12-01';
    expect((await owed(at(tree.commune.id, 'can-bo').id, today)).map(([id]) => id)).toEqual([target.id, commune.id]);
    // A commune's viên chức is outside the commune target's categories.
    expect((await owed(at(tree.commune.id, 'vien-chuc').id, today)).map(([id]) => id)).toEqual([target.id]);
    // An agency is neither at commune level nor a department.
    expect((await owed(at(tree.agency.id, 'can-bo').id, today)).map(([id]) => id)).toEqual([target.id]);
    // A department's people: the departments' target is past its deadline (30 Jun → 1 Dec: 154 days), so it leads.
    expect(await owed(at(tree.dept1.id, 'cong-chuc').id, today)).toEqual([
      [departments.id, 'overdue', '2026-06-30', -154],
      [target.id, 'not-started', '2026-12-31', 30],
    ]);
  });

  it('shows the programme in order with how far the person is, and moves from not started to in progress, overdue and done', async () => {
    const learner = at(tree.commune.id, 'can-bo');
    const [first, second] = await Requirement.forPerson({ personId: learner.id, today: '2026-12-01' });
    expect(first).toEqual({
      target: { id: target.id, title: target.title, percent: 100, deadline: '2026-12-31' },
      dueDate: '2026-12-31',
      daysLeft: 30,
      status: 'not-started',
      exemptUntil: null,
      trainedAt: null,
      validUntil: null,
      courses: [{ slug: 'khoa-mau', title: 'Khoá mẫu', done: false, lessonsDone: 0, lessonCount: 2 }],
    });
    expect(second).toMatchObject({ target: { id: commune.id }, dueDate: '2027-03-31', daysLeft: 120, status: 'not-started' });

    await Progress.markLessonDone({ personId: learner.id, slug: 'khoa-mau', lessonId: 'bai-mot' });
    expect(await owed(learner.id, '2026-12-01')).toEqual([
      [target.id, 'in-progress', '2026-12-31', 30],
      [commune.id, 'in-progress', '2027-03-31', 120],
    ]);
    // On the due date itself nothing is late yet; the day after, being part-way through does not hide it.
    expect((await owed(learner.id, '2026-12-31'))[0]).toEqual([target.id, 'in-progress', '2026-12-31', 0]);
    expect(await owed(learner.id, '2027-01-05')).toEqual([
      [target.id, 'overdue', '2026-12-31', -5],
      [commune.id, 'in-progress', '2027-03-31', 85],
    ]);

    await Progress.markLessonDone({ personId: learner.id, slug: 'khoa-mau', lessonId: 'bai-hai' });
    await takeQuiz(learner.id, 'khoa-mau');
    const after = await Requirement.forPerson({ personId: learner.id, today: '2027-01-05' });
    // Done goes last, however late it was finished.
    expect(after.map((r) => [r.target.id, r.status])).toEqual([
      [commune.id, 'in-progress'],
      [target.id, 'done'],
    ]);
    expect(after[1]!.trainedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after[0]!.trainedAt).toBeNull();
    expect(after[0]!.courses).toEqual([
      { slug: 'khoa-mau', title: 'Khoá mẫu', done: true, lessonsDone: 2, lessonCount: 2 },
      { slug: 'khoa-hai', title: 'Khoá hai', done: false, lessonsDone: 0, lessonCount: 2 },
    ]);
  });

  it('gives a late joiner their own due dates: start date plus the grace period when that is later than the deadline', async () => {
    const joiner = { ...at(tree.commune.id, 'cong-chuc'), startDate: '2026-11-20' };
    await putMany([Person.toItem(joiner)]);
    // The everyone target: 20 Nov + 60 days = 19 Jan, later than 31 Dec. The commune target:
    // 20 Nov + 30 days = 20 Dec, earlier than 31 Mar, so the deadline holds.
    expect(await owed(joiner.id, '2027-01-05')).toEqual([
      [target.id, 'not-started', '2027-01-19', 14],
      [commune.id, 'not-started', '2027-03-31', 85],
    ]);
    expect((await owed(joiner.id, '2027-01-20'))[0]).toEqual([target.id, 'overdue', '2027-01-19', -1]);
  });

  it('owes nothing once the person has left', async () => {
    const leaver = at(tree.agency.id, 'cong-chuc');
    await Readiness.changePeople([{ personId: leaver.id, next: (current) => ({ ...current!, status: 'left' }) }], { actor: 'test' });
    expect(await Requirement.forPerson({ personId: leaver.id, today: '2026-12-01' })).toEqual([]);
  });

  it("reads a fixed handful of items, whoever's they are", async () => {
    const meter = meterDynamo();
    await Requirement.forPerson({ personId: at(tree.dept2.id, 'can-bo').id, today: '2026-12-01' });
    const few = meter.take().requests;
    // Person, unit, targets, catalogue, progress, completions, trained marks, exemptions.
    expect(few).toBeLessThanOrEqual(8);
    await Requirement.forPerson({ personId: at(tree.commune.id, 'can-bo').id, today: '2026-12-01' });
    expect(meter.take().requests).toBe(few);
  });
});
