import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Audit, Readiness, Target } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { target } from '../../../../test/support/fixtures.ts';

/** Audit entries are kept by UTC day: look on both sides of today. */
const around = () => ({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
const entries = async (actor: string) => (await Audit.list({ ...around(), actor })).reverse(); // oldest first

describe('an admin setting a target', () => {
  beforeAll(async () => {
    await useFreshTable();
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

  it('refuses a target that does not validate, and audits nothing', async () => {
    await expect(Target.set({ actor: { email: 'quantri@test.vn' }, target: { ...target, id: 'khac', percent: 140 } })).rejects.toMatchObject({
      code: 'request.invalid',
    });
    expect((await entries('quantri@test.vn')).filter((e) => e.detail?.after && (e.detail.after as Target.Info).id === 'khac')).toEqual([]);
  });
});
