import { beforeAll, describe, expect, it } from 'vitest';
import { Person, Target } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;

// Communes only, 30 days' grace for a late joiner (the fixture's target covers everyone).
const communeTarget: Target.Info = {
  id: 'xa-2026',
  title: 'Cán bộ cấp xã hoàn thành khoá mẫu',
  programme: ['khoa-mau'],
  categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
  levels: ['xa'],
  percent: 100,
  deadline: '2026-12-31',
  graceDays: 30,
};

const signIn = (email: string) => sessionCookie(email);

type Requirement = { target: { id: string }; dueDate: string; daysLeft: number; status: string; courses: { slug: string; lessonCount: number }[] };
const requirementsOf = async (cookie: string): Promise<Requirement[]> => {
  const res = await app.request('/api/me/requirements', { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()).requirements;
};

describe('GET /api/me/requirements', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await Target.put(communeTarget);
    // A commune officer who started on 15 Dec 2026, too late for the 31 Dec deadline: they owe by their start date plus the grace days.
    const joiner = tree.people.find((p) => p.unitId === tree.commune.id)!;
    await putMany([Person.toItem({ ...joiner, startDate: '2026-12-15' })]);
    await account('moi.vao@test.vn', joiner.id);
    await account('phong@test.vn', tree.people.find((p) => p.unitId === tree.dept1.id)!.id);
  });

  it("gives a late joiner in a target's scope their own due date, start date plus the grace days", async () => {
    const owed = await requirementsOf(await signIn('moi.vao@test.vn'));
    const byTarget = Object.fromEntries(owed.map((r) => [r.target.id, r]));
    expect(Object.keys(byTarget).sort()).toEqual([target.id, communeTarget.id].sort());
    expect(byTarget[communeTarget.id]!.dueDate).toBe('2027-01-14');
    // The fixture's target has the default 60 days.
    expect(byTarget[target.id]!.dueDate).toBe('2027-02-13');
    for (const r of owed) {
      expect(r.status).toBe('not-started');
      expect(r.courses).toEqual([expect.objectContaining({ slug: 'khoa-mau', lessonCount: 2 })]);
    }
  });

  it('gives someone outside a target nothing for it, and only their own requirements', async () => {
    const owed = await requirementsOf(await signIn('phong@test.vn'));
    expect(owed.map((r) => [r.target.id, r.dueDate])).toEqual([[target.id, target.deadline]]);
  });

  it('refuses a caller who is not signed in', async () => {
    const res = await app.request('/api/me/requirements');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('auth.required');
  });
});
