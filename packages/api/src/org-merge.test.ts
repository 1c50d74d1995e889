import { beforeAll, describe, expect, it } from 'vitest';
import { Audit, Org, Readiness, Requirement, createUnit, vnDay } from '@sansang/core';
import { app } from './app.ts';
import { daily } from './jobs.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
const actor = 'quantri.tinh@test.vn';
let tree: Awaited<ReturnType<typeof smallProvince>>;
let cookie = '';
const get = (path: string) => app.request(path, { headers: { cookie } });
const post = (path: string, body?: unknown) =>
  app.request(path, { method: 'POST', headers: { ...WRITE, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
const today = vnDay();
const tomorrow = Requirement.addDays(today, 1);
const view = async (unit: string) => (await get(`/api/org?unit=${unit}`)).json();

describe('merging through the API: preview, undo, scheduling', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    await account(actor, tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'admin', unitId: tree.province.id }]);
    cookie = await sessionCookie(actor);
    await createUnit({ code: 'XA-2', name: 'Xã Hai', kind: 'commune', parentId: tree.province.id, effective: '2025-07-01', actor });
    await createUnit({ code: 'XA-3', name: 'Xã Ba', kind: 'commune', parentId: tree.province.id, effective: '2025-07-01', actor });
  });

  it('previews with dryRun=1, merges, shows the merge in the province’s history with an undo, and undoes it', async () => {
    const body = { sourceIds: [tree.commune.id, 'xa-2'], into: { unitId: 'xa-3' }, effective: today };
    const preview = await post('/api/org/merge?dryRun=1', body);
    expect(preview.status).toBe(200);
    const { plan } = await preview.json();
    expect(plan.sources.map((s: { id: string; people: number }) => [s.id, s.people])).toEqual([
      [tree.commune.id, 3],
      ['xa-2', 0],
    ]);
    expect((await Org.get(tree.commune.id)).status).toBe('active');

    const res = await post('/api/org/merge', body);
    expect(res.status).toBe(200);
    const { merged } = await res.json();
    expect(merged).toMatchObject({ people: 3, into: { id: 'xa-3' } });
    const province = await view(tree.province.id);
    expect(province.history.map((e: { action: string }) => e.action)).toContain('merged-below');
    expect(province.undoable).toEqual([{ mergeId: merged.mergeId, undoUntil: merged.undoUntil }]);

    const undone = await post(`/api/org/merges/${merged.mergeId}/undo`);
    expect(undone.status).toBe(200);
    expect((await Org.get(tree.commune.id)).status).toBe('active');
    expect((await view(tree.province.id)).undoable).toEqual([]);
    const again = await post(`/api/org/merges/${merged.mergeId}/undo`);
    expect([again.status, (await again.json()).error.code]).toEqual([409, 'org.undo_done']);
    await Readiness.sweepRollups();
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('schedules a merge dated after today, lists it, cancels one; the daily job of its day applies another', async () => {
    const body = { sourceIds: ['xa-2'], into: { unitId: 'xa-3' }, effective: tomorrow };
    const first = await (await post('/api/org/merge', body)).json();
    expect(first.scheduled).toMatchObject({ effective: tomorrow, status: 'pending' });
    expect((await view(tree.province.id)).pending.map((c: { id: string }) => c.id)).toEqual([first.scheduled.id]);
    const cancelled = await post(`/api/org/scheduled/${first.scheduled.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await view(tree.province.id)).pending).toEqual([]);

    const second = await (await post('/api/org/merge', body)).json();
    expect((await daily(new Date(`${today}T12:00:00+07:00`))).reorganised).toBe(0);
    const result = await daily(new Date(`${tomorrow}T01:00:00+07:00`));
    expect(result).toMatchObject({ reorganised: 1, reorganiseFailed: 0 });
    expect(await Org.get('xa-2')).toMatchObject({ status: 'merged', mergedInto: 'xa-3', until: tomorrow });
    expect((await view(tree.province.id)).pending).toEqual([]);
    // The audit log files entries by UTC day: from 17:00 UTC on, the day before Vietnam's.
    const actions = (await Audit.list({ from: Requirement.addDays(today, -1), to: tomorrow })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['org.schedule', 'org.schedule_cancel', 'org.schedule_apply', 'org.merge_undo']));
    expect(second.scheduled.id).not.toBe(first.scheduled.id);
  });
});
