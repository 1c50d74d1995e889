import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Audit, Course, Org, Readiness, Target } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, target } from '../../../../test/support/fixtures.ts';

/** Audit entries are kept by UTC day: look on both sides of today. */
const around = () => ({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
const entries = async (actor: string) => (await Audit.list({ ...around(), actor })).reverse(); // oldest first

describe('an admin setting a target', () => {
  const a = Org.make({ id: 'tinh-a', code: 'TINH-A', name: 'Tỉnh A', kind: 'province' }, null);
  const b = Org.make({ id: 'tinh-b', code: 'TINH-B', name: 'Tỉnh B', kind: 'province' }, null);
  beforeAll(async () => {
    await useFreshTable();
    await putMany([a, b].map(Org.toItem));
    await Course.publish(bundle());
    await Course.publish(bundle({ slug: 'khoa-moi', hash: 'moi' }));
    await Course.publish(bundle({ slug: 'khoa-tinh-a', unitId: a.id, hash: 'tinh-a' }));
  });
  afterEach(() => vi.restoreAllMocks());

  it('stores it, audits create then update with before and after, and recounts only when the programme changed', async () => {
    const retrain = vi.spyOn(Readiness, 'dispatchRetrain').mockResolvedValue();
    const admin = { email: 'quantri@test.vn', grants: [{ role: 'admin' as const, unitId: null }] };

    expect(await Target.set({ actor: admin, target })).toEqual({ existed: false });
    expect(retrain).toHaveBeenCalledWith(target.id, { validity: false });

    const later = { ...target, percent: 80, deadline: '2027-06-30' };
    expect(await Target.set({ actor: admin, target: later })).toEqual({ existed: true });
    expect(retrain).toHaveBeenCalledTimes(1); // scope, percentage and deadline are read live

    const wider = { ...later, programme: ['khoa-mau', 'khoa-moi'] };
    await Target.set({ actor: admin, target: wider });
    expect(retrain).toHaveBeenCalledTimes(2);
    // A new validity sets every mark's last valid day again.
    const yearly = { ...wider, validity: { until: 'year-end' as const } };
    await Target.set({ actor: admin, target: yearly });
    expect(retrain).toHaveBeenLastCalledWith(target.id, { validity: true });
    await Target.set({ actor: admin, target: wider });
    expect(retrain).toHaveBeenCalledTimes(4);

    expect(await Target.list()).toEqual([wider]);
    expect((await entries(admin.email)).map((e) => [e.action, e.detail])).toEqual([
      ['target.create', { before: null, after: target }],
      ['target.update', { before: target, after: later }],
      ['target.update', { before: later, after: wider }],
      ['target.update', { before: wider, after: yearly }],
      ['target.update', { before: yearly, after: wider }],
    ]);
  });

  it('refuses a programme naming a course that does not exist, or one of another unit its people could not open', async () => {
    vi.spyOn(Readiness, 'dispatchRetrain').mockResolvedValue();
    const admin = { email: 'quantri.khoa@test.vn', grants: [{ role: 'admin' as const, unitId: null }] };
    const refused = { code: 'target.course_unknown', kind: 'invalid' };
    await expect(Target.set({ actor: admin, target: { ...target, id: 'khong-co', programme: ['khoa-khong-co'] } })).rejects.toMatchObject(refused);
    // Province A's own course: in A's target, not in B's nor in the installation's.
    expect(await Target.set({ actor: admin, target: { ...target, id: 'cua-a', unitId: a.id, programme: ['khoa-mau', 'khoa-tinh-a'] } })).toEqual({
      existed: false,
    });
    await expect(Target.set({ actor: admin, target: { ...target, id: 'cua-b', unitId: b.id, programme: ['khoa-tinh-a'] } })).rejects.toMatchObject({
      ...refused,
      message: expect.stringContaining('"khoa-tinh-a"'),
    });
    await expect(Target.set({ actor: admin, target: { ...target, id: 'toan-bo', programme: ['khoa-tinh-a'] } })).rejects.toMatchObject(refused);
    expect((await entries(admin.email)).map((e) => e.detail?.after && (e.detail.after as Target.Info).id)).toEqual(['cua-a']);
  });

  it('refuses a target that does not validate, and audits nothing', async () => {
    await expect(Target.set({ actor: { email: 'quantri@test.vn' }, target: { ...target, id: 'khac', percent: 140 } })).rejects.toMatchObject({
      code: 'request.invalid',
    });
    expect((await entries('quantri@test.vn')).filter((e) => e.detail?.after && (e.detail.after as Target.Info).id === 'khac')).toEqual([]);
  });
});
