import { beforeAll, describe, expect, it } from 'vitest';
import { Course, Org, Person, Progress, Requirement, Target, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle } from '../../../../test/support/fixtures.ts';

/**
 * Two provinces as tenants of one installation: a course of province A's own is open to A's
 * people only, beside the installation's courses which everyone sees; to B's people it is as if
 * it did not exist, whatever they ask for.
 */
describe('a unit’s own courses', () => {
  const a = Org.make({ id: 'tinh-a', code: 'TINH-A', name: 'Tỉnh A', kind: 'province' }, null);
  const b = Org.make({ id: 'tinh-b', code: 'TINH-B', name: 'Tỉnh B', kind: 'province' }, null);
  const communeA = Org.make({ id: 'xa-a', code: 'XA-A', name: 'Xã A', kind: 'commune' }, a);
  const person = (code: string, unitId: string): Person.Info => ({
    id: personIdFor(code),
    employeeCode: code,
    fullName: `Người ${code}`,
    email: null,
    unitId,
    category: 'cong-chuc',
    position: 'Chuyên viên',
    status: 'active',
  });
  const inA = person('NV-A', communeA.id);
  const inB = person('NV-B', b.id);
  const own = bundle({ slug: 'khoa-tinh-a', title: 'Khoá riêng của tỉnh A', unitId: a.id, hash: 'tinh-a' });

  beforeAll(async () => {
    await useFreshTable();
    await putMany([a, b, communeA].map(Org.toItem));
    await putMany([inA, inB].map(Person.toItem));
    await Course.publish(bundle());
    await Course.publish(own);
  });

  it('lists it in the catalogue of its subtree’s people only, beside the installation’s', async () => {
    expect((await Progress.catalogueFor(inA)).map((c) => [c.slug, c.unitId])).toEqual([
      ['khoa-mau', null],
      ['khoa-tinh-a', a.id],
    ]);
    expect((await Progress.catalogueFor(inB)).map((c) => c.slug)).toEqual(['khoa-mau']);
  });

  it('opens it, its lessons and its quiz for its people, and answers another province’s as for a course that does not exist', async () => {
    expect((await Progress.courseFor(inA.id, own.slug)).bundle.title).toBe('Khoá riêng của tỉnh A');
    await Progress.markLessonDone({ personId: inA.id, slug: own.slug, lessonId: 'bai-mot' });
    const missing = { kind: 'not_found', code: 'course.not_found', message: 'Không tìm thấy khoá học "khoa-tinh-a".' };
    await expect(Progress.courseFor(inB.id, own.slug)).rejects.toMatchObject(missing);
    await expect(Progress.markLessonDone({ personId: inB.id, slug: own.slug, lessonId: 'bai-mot' })).rejects.toMatchObject(missing);
    // The installation's course is everyone's.
    expect((await Progress.courseFor(inB.id, 'khoa-mau')).bundle.slug).toBe('khoa-mau');
  });

  it('counts in what A’s people owe for A’s target, with its title', async () => {
    const target: Target.Info = {
      id: 'tinh-a-rieng',
      title: 'Chỉ tiêu riêng của tỉnh A',
      programme: [own.slug],
      categories: ['cong-chuc'],
      percent: 100,
      deadline: '2027-06-30',
      unitId: a.id,
    };
    await Target.put(target);
    const owed = await Requirement.forPerson({ personId: inA.id, today: '2027-01-01' });
    expect(owed.map((i) => [i.target.id, i.courses.map((c) => [c.title, c.lessonsDone])])).toEqual([['tinh-a-rieng', [['Khoá riêng của tỉnh A', 1]]]]);
    expect(await Requirement.forPerson({ personId: inB.id, today: '2027-01-01' })).toEqual([]);
  });
});
