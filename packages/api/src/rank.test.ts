import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Audit, Org, Person } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { identityOf } from './oidc.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/**
 * The rank dimension of the authorization matrix: every route that acts on an account ×
 * every (actor, target account) pair, across roles and nested scopes. Unit scope alone is
 * not enough: the province's HR covers the unit where the installation admin's person
 * sits, and must still not reach that account.
 *
 *   tinh ── so ── phong-1, phong-2
 *        └─ xa
 */
type Name = 'hocvien' | 'xa' | 'giangvien' | 'nhansu' | 'quantri.so' | 'nhansu.tinh' | 'quantri.tinh' | 'quantri';
const names: Name[] = ['hocvien', 'xa', 'giangvien', 'nhansu', 'quantri.so', 'nhansu.tinh', 'quantri.tinh', 'quantri'];
const grantsOf: Record<Name, Account.Grant[]> = {
  hocvien: [],
  xa: [],
  giangvien: [{ role: 'trainer', unitId: null }],
  nhansu: [{ role: 'hr', unitId: 'so' }],
  'quantri.so': [{ role: 'admin', unitId: 'so' }],
  'nhansu.tinh': [{ role: 'hr', unitId: 'tinh' }],
  'quantri.tinh': [{ role: 'admin', unitId: 'tinh' }],
  quantri: [{ role: 'admin', unitId: null }],
};
/** Where each account's person works: [unit, index among that unit's people]. */
const seat: Record<Name, [string, number]> = {
  hocvien: ['phong-1', 0],
  xa: ['xa', 0],
  giangvien: ['phong-2', 0],
  nhansu: ['so', 0],
  'quantri.so': ['so', 1],
  'nhansu.tinh': ['so', 2],
  'quantri.tinh': ['phong-1', 1],
  quantri: ['phong-2', 1],
};

/**
 * Written out by hand, not derived from the rule under test: whom each officer may act on.
 * Nobody reaches a trainer but the installation's admin (a trainer sees the whole
 * catalogue), nor an equal or wider grant of a stronger role.
 */
const mayActOn: Partial<Record<Name, Name[]>> = {
  nhansu: ['hocvien', 'nhansu'],
  'quantri.so': ['hocvien', 'nhansu', 'quantri.so'],
  'nhansu.tinh': ['hocvien', 'xa', 'nhansu', 'nhansu.tinh'],
  'quantri.tinh': ['hocvien', 'xa', 'nhansu', 'quantri.so', 'nhansu.tinh', 'quantri.tinh'],
  quantri: names,
};
const email = (n: Name) => `${n}@test.vn`;
const cookies = {} as Record<Name, string>;
let tree: Awaited<ReturnType<typeof smallProvince>>;
const personOf = (n: Name) => tree.people.filter((p) => p.unitId === seat[n][0])[seat[n][1]]!;

async function call(as: Name, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await app.request(path, {
    method,
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    headers: { cookie: cookies[as], 'x-requested-with': 'sansang', 'content-type': contentType },
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : null };
}
const grantsNow = async (n: Name) => (await Account.get(email(n)))!.grants;

describe('nobody acts above their own rank', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    for (const n of names) {
      await account(email(n), personOf(n).id, grantsOf[n]);
      cookies[n] = await sessionCookie(email(n));
    }
  });

  it('answers every account-acting route × (actor, target) as the rank table says, and an unknown address like a forbidden one', async () => {
    const wrong: string[] = [];
    let seq = 0;
    for (const actor of names) {
      for (const target of names) {
        const allowed = mayActOn[actor]?.includes(target) ?? false;
        const isAdmin = grantsOf[actor].some((g) => g.role === 'admin');
        const cases: [string, string, unknown, boolean, number][] = [
          ['password-link', '/api/accounts/password-link', { email: email(target) }, allowed, 200],
          // Grants as they are: a change that gives nothing new, so only the rank decides.
          ['grants', '/api/accounts/grants', { email: email(target), grants: grantsOf[target] }, allowed && isAdmin, 204],
          // A second login bound to the target's person.
          ['second login', '/api/accounts', { email: `them-${++seq}@test.vn`, employeeCode: personOf(target).employeeCode }, allowed, 201],
        ];
        for (const [route, path, body, want, ok] of cases) {
          const res = await call(actor, 'POST', path, body);
          const got = res.status === ok ? 'allowed' : res.status === 403 ? 'forbidden' : `${res.status} ${JSON.stringify(res.body)}`;
          if (got !== (want ? 'allowed' : 'forbidden')) wrong.push(`${route}: ${actor} → ${target}: got ${got}, want ${want ? 'allowed' : 'forbidden'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const n of names) expect(await grantsNow(n)).toEqual(grantsOf[n]);
    // An address that has no account is answered exactly like one beyond the caller's rank.
    const unknown = await call('nhansu.tinh', 'POST', '/api/accounts/password-link', { email: 'khong-ai@test.vn' });
    const beyond = await call('nhansu.tinh', 'POST', '/api/accounts/password-link', { email: email('quantri') });
    expect(unknown).toEqual(beyond);
    expect(beyond.status).toBe(403);
  });

  it('does not give the province HR a set-password link for the installation admin whose person sits in the province', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const before = (await Audit.list({ from: today, to: today })).filter((e) => e.action === 'account.password_link_issued').length;
    const res = await call('nhansu.tinh', 'POST', '/api/accounts/password-link', { email: email('quantri') });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } });
    const after = (await Audit.list({ from: today, to: today })).filter((e) => e.action === 'account.password_link_issued').length;
    expect(after).toBe(before);
    expect((await call('nhansu.tinh', 'POST', '/api/accounts', { email: 'quantri-2@test.vn', employeeCode: personOf('quantri').employeeCode })).status).toBe(
      403,
    );
    expect(await Account.get('quantri-2@test.vn')).toBeNull();
  });

  it('does not let a scoped admin demote or re-scope a wider admin, and keeps grants the caller cannot give', async () => {
    const res = await call('quantri.so', 'POST', '/api/accounts/grants', { email: email('quantri'), grants: [{ role: 'admin', unitId: 'so' }] });
    expect(res.status).toBe(403);
    expect(await grantsNow('quantri')).toEqual([{ role: 'admin', unitId: null }]);
    // Giving beyond one's scope is refused; inside it, allowed.
    expect((await call('quantri.so', 'POST', '/api/accounts/grants', { email: email('hocvien'), grants: [{ role: 'admin', unitId: 'tinh' }] })).status).toBe(
      403,
    );
    expect((await call('quantri.so', 'POST', '/api/accounts/grants', { email: email('hocvien'), grants: [{ role: 'hr', unitId: 'phong-1' }] })).status).toBe(
      204,
    );
    expect(await grantsNow('hocvien')).toEqual([{ role: 'hr', unitId: 'phong-1' }]);
    // The province admin gives the learner a province-wide HR grant; the agency admin can no longer act on them.
    expect(
      (
        await call('quantri.tinh', 'POST', '/api/accounts/grants', {
          email: email('hocvien'),
          grants: [
            { role: 'hr', unitId: 'phong-1' },
            { role: 'hr', unitId: 'xa' },
          ],
        })
      ).status,
    ).toBe(204);
    expect((await call('quantri.so', 'POST', '/api/accounts/grants', { email: email('hocvien'), grants: [] })).status).toBe(403);
    // The province admin removes only what it asks to; a grant it could not give would be kept.
    expect((await call('quantri.tinh', 'POST', '/api/accounts/grants', { email: email('hocvien'), grants: [] })).status).toBe(204);
    expect(await grantsNow('hocvien')).toEqual([]);
  });

  it("does not let a tree import pull a unit from outside the importer's scope into it", async () => {
    const csv = 'code,name,kind,parent_code\nXA,Xã kéo vào,commune,SO\n';
    const res = await call('quantri.so', 'POST', '/api/org/import?unit=so', csv, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/dòng 2, cột code: ngoài phạm vi/);
    expect((await Org.get('xa')).parentId).toBe('tinh');
    // Inside the scope, the same kind of row still moves a unit.
    const inside = await call(
      'quantri.so',
      'POST',
      '/api/org/import?unit=so',
      'code,name,kind,parent_code\nPHONG-2,Đơn vị phong-2,department,PHONG-1\n',
      'text/csv',
    );
    expect(inside.status).toBe(200);
    expect((await Org.get('phong-2')).parentId).toBe('phong-1');
  });

  it('does not let a scoped admin move, merge or dissolve the unit its own grant is anchored on', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await call('quantri.so', 'POST', '/api/org/units/so/move', { parentId: 'phong-1', effective: today })).status).toBe(403);
    expect((await call('quantri.so', 'POST', '/api/org/merge', { sourceIds: ['so'], into: { unitId: 'phong-1' }, effective: today })).status).toBe(403);
    expect((await call('quantri.so', 'POST', '/api/org/units/so/dissolve', { effective: today })).status).toBe(403);
    expect((await Org.get('so')).status).toBe('active');
  });

  it('does not route a sign-in by employee code into the account a roster email names', async () => {
    // HR sets a subordinate's roster email to the admin's address.
    const subordinate = tree.people.filter((p) => p.unitId === 'phong-1')[2]!;
    await putMany([Person.toItem({ ...subordinate, email: email('quantri') })]);
    const signIn = await Account.loginWithIdentity({
      issuer: 'https://idp.test',
      subject: 'x',
      email: null,
      employeeCode: subordinate.employeeCode,
      address: null,
    }).then(
      (s) => s,
      (err) => err,
    );
    const session = signIn.token ? await Account.session(signIn.token) : null;
    expect(session?.email).not.toBe(email('quantri'));
    expect(signIn).toMatchObject({ code: 'auth.oidc_unknown_person' });
    // The person's own login, bound to them, is found by employee code.
    await account('cap-duoi@test.vn', subordinate.id);
    const own = await Account.loginWithIdentity({
      issuer: 'https://idp.test',
      subject: 'x',
      email: null,
      employeeCode: subordinate.employeeCode,
      address: null,
    });
    expect((await Account.session(own.token))?.email).toBe('cap-duoi@test.vn');
  });

  it('counts an email as the identity only when the provider says it verified it', () => {
    const base = { iss: 'https://idp.test', sub: 's', email: 'quantri@test.vn' };
    expect(identityOf(base, 'employee_code').email).toBeNull();
    expect(identityOf({ ...base, email_verified: false }, 'employee_code').email).toBeNull();
    expect(identityOf({ ...base, email_verified: 'true' }, 'employee_code').email).toBeNull();
    expect(identityOf({ ...base, email_verified: true }, 'employee_code').email).toBe('quantri@test.vn');
  });

  it("leaves the unchecked Account.create to the operator's tools: no API source calls it", () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const sources = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(20);
    const calls = sources.filter((f) => /\bAccount\.create\b/.test(readFileSync(join(dir, f), 'utf8')));
    expect(calls).toEqual([]);
  });
});
