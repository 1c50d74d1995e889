import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/** The accounts page's API: who in a unit can sign in, and a mistyped staff code told apart from a refusal. */
describe('accounts of a unit and new accounts by staff code', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  const cookies: Record<string, string> = {};
  const call = async (as: string, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { cookie: cookies[as]!, 'x-requested-with': 'sansang', 'content-type': 'application/json' },
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };

  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    const inUnit = (unitId: string) => tree.people.filter((p) => p.unitId === unitId);
    await account('nhansu@test.vn', inUnit('so')[0]!.id, [{ role: 'hr', unitId: 'so' }]);
    await account('quantri@test.vn', inUnit('xa')[0]!.id, [{ role: 'admin', unitId: null }]);
    await account('hocvien@test.vn', inUnit('phong-1')[0]!.id);
    await account('truongphong@test.vn', inUnit('phong-1')[1]!.id, [{ role: 'hr', unitId: 'phong-1' }]);
    // A wider grant than the agency's HR holds, on someone of the agency.
    await account('quantri.tinh@test.vn', inUnit('phong-1')[2]!.id, [{ role: 'admin', unitId: 'tinh' }]);
    for (const email of ['nhansu@test.vn', 'quantri@test.vn']) cookies[email] = await sessionCookie(email);
  });

  it('lists the accounts of the people directly in the unit, each with its roles and the unit each reaches', async () => {
    const res = await call('nhansu@test.vn', 'GET', '/api/accounts?unit=phong-1');
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ id: 'phong-1', name: 'Đơn vị phong-1' });
    const byEmail = Object.fromEntries(res.body.accounts.map((a: { email: string }) => [a.email, a]));
    expect(Object.keys(byEmail).sort()).toEqual(['hocvien@test.vn', 'quantri.tinh@test.vn', 'truongphong@test.vn']);
    expect(byEmail['truongphong@test.vn']).toEqual({
      email: 'truongphong@test.vn',
      employeeCode: 'NV-phong-1-1',
      fullName: 'Nguyễn Văn phong-1 1',
      grants: [{ role: 'hr', unitId: 'phong-1', unitName: 'Đơn vị phong-1' }],
    });
    expect(byEmail['hocvien@test.vn'].grants).toEqual([]);
    // The agency's own people, not those of the units below it.
    const agency = await call('nhansu@test.vn', 'GET', '/api/accounts?unit=so');
    expect(agency.body.accounts.map((a: { email: string }) => a.email)).toEqual(['nhansu@test.vn']);
    // An installation-wide grant is named as such (no unit).
    const commune = await call('quantri@test.vn', 'GET', '/api/accounts?unit=xa');
    expect(commune.body.accounts[0].grants).toEqual([{ role: 'admin', unitId: null, unitName: null }]);
    // Outside the officer's scope: refused.
    expect((await call('nhansu@test.vn', 'GET', '/api/accounts?unit=xa')).status).toBe(403);
  });

  it('answers a mistyped code and a code outside the scope alike, as "no such staff code here", and a stronger login as a refusal', async () => {
    const mistyped = await call('nhansu@test.vn', 'POST', '/api/accounts', { email: 'moi-1@test.vn', employeeCode: 'NV-phong-1-9' });
    expect(mistyped.status).toBe(403);
    expect(mistyped.body.error).toEqual({ code: 'account.person_not_found', message: 'Không có cán bộ mã "NV-phong-1-9" trong phạm vi quản lý của bạn.' });
    const outside = await call('nhansu@test.vn', 'POST', '/api/accounts', { email: 'moi-2@test.vn', employeeCode: 'NV-xa-1' });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('account.person_not_found');
    // In scope, but already holding a wider login than the officer's: the rank rule refuses, in its own words.
    const stronger = await call('nhansu@test.vn', 'POST', '/api/accounts', { email: 'moi-3@test.vn', employeeCode: 'NV-phong-1-2' });
    expect(stronger.status).toBe(403);
    expect(stronger.body.error.code).toBe('auth.forbidden');
    for (const email of ['moi-1@test.vn', 'moi-2@test.vn', 'moi-3@test.vn']) expect(await Account.get(email)).toBeNull();
    const made = await call('nhansu@test.vn', 'POST', '/api/accounts', { email: 'moi-4@test.vn', employeeCode: 'NV-phong-2-0' });
    expect(made.status).toBe(201);
  });
});
