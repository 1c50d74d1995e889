import { beforeAll, describe, expect, it } from 'vitest';
import { Target } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/** Targets set at any level: each officer sets those of the units their grant covers, and reads where each comes from. */
let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<string, string> = {};
const call = (who: string, path: string, body?: unknown) =>
  app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: cookies[who]!, 'x-requested-with': 'sansang', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const own = (id: string, unitId?: string): Target.Info => ({ ...target, id, title: `Chỉ tiêu ${id}`, ...(unitId ? { unitId } : {}) });

describe('targets set for a unit', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    const at = (unitId: string) => tree.people.find((p) => p.unitId === unitId)!.id;
    await account('admin@test.vn', at(tree.agency.id), [{ role: 'admin', unitId: null }]);
    await account('tinh@test.vn', at(tree.agency.id), [{ role: 'hr', unitId: tree.province.id }]);
    await account('so@test.vn', at(tree.dept1.id), [{ role: 'hr', unitId: tree.agency.id }]);
    await account('xa@test.vn', at(tree.commune.id), [{ role: 'hr', unitId: tree.commune.id }]);
    for (const who of ['admin', 'tinh', 'so', 'xa']) cookies[who] = await sessionCookie(`${who}@test.vn`);
  });

  it('lets an officer set one for a unit of their scope, never above it or beside it', async () => {
    expect((await call('tinh', '/api/targets', own('tinh-som', tree.province.id))).status).toBe(201);
    expect((await call('so', '/api/targets', own('so-rieng', tree.agency.id))).status).toBe(201);
    // A commune's HR: not for the province, not for the agency beside it, not installation-wide.
    expect((await call('xa', '/api/targets', own('xa-cho-tinh', tree.province.id))).status).toBe(403);
    expect((await call('xa', '/api/targets', own('xa-cho-so', tree.agency.id))).status).toBe(403);
    expect((await call('xa', '/api/targets', own('xa-toan-quoc'))).status).toBe(403);
    // Nor change one set above them, even by moving it into their own unit.
    expect((await call('xa', '/api/targets', { ...own('tinh-som', tree.commune.id), percent: 10 })).status).toBe(403);
    expect((await call('xa', '/api/targets', { ...target, unitId: tree.commune.id })).status).toBe(403);
    expect((await call('xa', '/api/targets', own('xa-rieng', tree.commune.id))).status).toBe(201);
    // An installation-wide admin sets the installation's.
    expect((await call('admin', '/api/targets', { ...target, percent: 95 })).status).toBe(200);
    const stored = new Map((await Target.list()).map((t) => [t.id, t]));
    expect([...stored.keys()].sort()).toEqual(['muc-tieu', 'so-rieng', 'tinh-som', 'xa-rieng']);
    expect(stored.get('tinh-som')).toMatchObject({ unitId: tree.province.id, percent: 100 });
    expect(stored.get('muc-tieu')!.unitId).toBeUndefined();
  });

  it('lists the targets that apply at the unit with where each comes from, and those set below it', async () => {
    const list = async (who: string, unit?: string) =>
      (
        (await (await call(who, `/api/targets${unit ? `?unit=${unit}` : ''}`)).json()) as {
          targets: (Target.Info & { owner: { name: string } | null; editable: boolean })[];
        }
      ).targets
        .map((t) => [t.id, t.owner?.name ?? null, t.editable])
        .sort();
    expect(await list('xa')).toEqual([
      ['muc-tieu', null, false],
      ['tinh-som', tree.province.name, false],
      ['xa-rieng', tree.commune.name, true],
    ]);
    expect(await list('tinh')).toEqual([
      ['muc-tieu', null, false],
      ['so-rieng', tree.agency.name, true],
      ['tinh-som', tree.province.name, true],
      ['xa-rieng', tree.commune.name, true],
    ]);
    expect(await list('so', tree.dept1.id)).toEqual([
      ['muc-tieu', null, false],
      ['so-rieng', tree.agency.name, true],
      ['tinh-som', tree.province.name, false],
    ]);
    expect((await call('so', `/api/targets?unit=${tree.commune.id}`)).status).toBe(403);
  });
});
