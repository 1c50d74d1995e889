import { beforeAll, describe, expect, it } from 'vitest';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);
const get = (who: string, path: string) => app.request(path, { headers: { cookie: cookies[who]! } });
const log = async (who: string, unit?: string) =>
  get(who, `/api/audit?from=${today}&to=${today}${unit === undefined ? '' : `&unit=${encodeURIComponent(unit)}`}`);

describe('the audit log names what it records', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    await account('quantri@test.vn', inAgency[0]!.id, [{ role: 'admin', unitId: tree.province.id }]);
    await account('quantri.so@test.vn', inAgency[1]!.id, [{ role: 'admin', unitId: tree.agency.id }]);
    cookies.admin = await sessionCookie('quantri@test.vn');
    cookies.agencyAdmin = await sessionCookie('quantri.so@test.vn');
    const merged = await app.request('/api/org/merge', {
      method: 'POST',
      headers: { cookie: cookies.admin, 'content-type': 'application/json', 'x-requested-with': 'sansang' },
      body: JSON.stringify({ sourceIds: [tree.dept2.id], into: { unitId: tree.dept1.id }, effective: today }),
    });
    expect(merged.status).toBe(200);
  });

  it('returns an org merge and a sign-in with the names of every unit they name', async () => {
    const { entries, units } = await (await log('admin')).json();
    const merge = entries.find((e: { action: string }) => e.action === 'org.merge');
    expect(merge).toMatchObject({ actor: 'quantri@test.vn', unitId: tree.dept1.id, detail: { sources: [tree.dept2.id], people: 2, effective: today } });
    const signIn = entries.find((e: { action: string; actor: string }) => e.action === 'auth.sign_in' && e.actor === 'quantri@test.vn');
    expect(signIn).toMatchObject({ unitId: tree.agency.id });
    // The unit merged away is named too, although it is no longer active.
    expect(units[tree.dept1.id]).toEqual({ name: tree.dept1.name, code: tree.dept1.code });
    expect(units[tree.dept2.id]).toEqual({ name: tree.dept2.name, code: tree.dept2.code });
    expect(units[tree.agency.id]).toEqual({ name: tree.agency.name, code: tree.agency.code });
  });

  it('filters by a unit given by id, code or name, marks or not, and says in words when none is found', async () => {
    const actions = async (unit: string) => {
      const res = await log('admin', unit);
      expect(res.status, unit).toBe(200);
      const body = await res.json();
      expect(body.unit.id, unit).toBe(tree.dept1.id);
      return body.entries.map((e: { action: string }) => e.action);
    };
    for (const unit of [tree.dept1.id, tree.dept1.code, tree.dept1.name, 'don vi PHONG-1']) expect(await actions(unit)).toContain('org.merge');
    // The unit merged away keeps its entries and can still be chosen.
    expect((await (await log('admin', tree.dept2.name)).json()).unit.id).toBe(tree.dept2.id);

    const unknown = await log('admin', 'Xã Không Có');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'audit.unit_unknown', message: expect.stringContaining('Xã Không Có') });
    // "Đơn vị" is in every unit's name here: the answer lists them rather than picking one.
    const ambiguous = await (await log('admin', 'Đơn vị')).json();
    expect(ambiguous.error.code).toBe('audit.unit_ambiguous');
    // A unit outside the agency admin's scope reads as one that does not exist, by code or by name.
    for (const unit of [tree.commune.code, tree.commune.name]) {
      expect((await (await log('agencyAdmin', unit)).json()).error.code, unit).toBe('audit.unit_unknown');
    }
  });

  it('exports the action and unit names beside their codes', async () => {
    const csv = new TextDecoder().decode(await (await get('admin', `/api/audit.csv?from=${today}&to=${today}`)).arrayBuffer());
    const merge = csv.split('\r\n').find((line) => line.includes(',org.merge,'));
    expect(merge).toContain(`,org.merge,Hợp nhất đơn vị,${tree.dept1.id},${tree.dept1.name},`);
    expect(csv).toContain(',auth.sign_in,Đăng nhập,');
  });
});
