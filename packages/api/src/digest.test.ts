import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Audit, Digest } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<string, string> = {};
const call = (who: string, path: string, body?: unknown) =>
  app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: cookies[who]!, 'x-requested-with': 'sansang', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('digest opt-out and heads of units over the API', () => {
  let officer: string, learner: string;

  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    officer = tree.people.find((p) => p.unitId === tree.agency.id)!.id;
    learner = tree.people.find((p) => p.unitId === tree.dept1.id)!.id;
    await account('nhansu@test.vn', officer, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('hocvien@test.vn', learner);
    await account('quantri@test.vn', tree.people.find((p) => p.unitId === tree.commune.id)!.id, [{ role: 'admin', unitId: null }]);
    cookies.hr = await sessionCookie('nhansu@test.vn');
    cookies.learner = await sessionCookie('hocvien@test.vn');
    cookies.admin = await sessionCookie('quantri@test.vn');
  });

  it('makes a recipient of every account opened or regranted with an HR grant, and drops it when the grant goes', async () => {
    const officers = async () => {
      const found: string[] = [];
      for await (const o of Account.officers()) found.push(`${o.email} ${o.unitId}`);
      return found.sort();
    };
    const opened = tree.people.find((p) => p.unitId === tree.dept2.id)!;
    const open = await call('admin', '/api/accounts', {
      email: 'nhansu.phong@test.vn',
      employeeCode: opened.employeeCode,
      grants: [{ role: 'hr', unitId: tree.dept2.id }],
    });
    expect(open.status).toBe(201);
    expect(await officers()).toEqual([`nhansu.phong@test.vn ${tree.dept2.id}`, `nhansu@test.vn ${tree.agency.id}`]);
    expect((await call('admin', '/api/accounts/grants', { email: 'hocvien@test.vn', grants: [{ role: 'hr', unitId: tree.dept1.id }] })).status).toBe(204);
    expect((await call('admin', '/api/accounts/grants', { email: 'nhansu.phong@test.vn', grants: [] })).status).toBe(204);
    expect(await officers()).toEqual([`hocvien@test.vn ${tree.dept1.id}`, `nhansu@test.vn ${tree.agency.id}`]);
    expect((await call('admin', '/api/accounts/grants', { email: 'hocvien@test.vn', grants: [] })).status).toBe(204);
    expect(await officers()).toEqual([`nhansu@test.vn ${tree.agency.id}`]);
  });

  it("lets a signed-in person turn only their own digest off and on, audited, and refuses a body naming someone else's", async () => {
    expect(await (await call('hr', '/api/reminders/digest')).json()).toEqual({ officer: true, heads: [], optedOut: false });
    // A learner cannot reach the officer's choice: a body naming another person is refused, and theirs stays as it was.
    const other = await call('learner', '/api/reminders/digest-optout', { optOut: true, personId: officer });
    expect(other.status).toBe(400);
    expect((await Digest.status(officer, [])).optedOut).toBe(false);
    expect((await call('learner', '/api/reminders/digest-optout', { optOut: 'yes' })).status).toBe(400);
    // Signed out: no choice at all.
    expect(
      (
        await app.request('/api/reminders/digest-optout', {
          method: 'POST',
          headers: { 'x-requested-with': 'sansang', 'content-type': 'application/json' },
          body: '{"optOut":true}',
        })
      ).status,
    ).toBe(401);

    const off = await call('learner', '/api/reminders/digest-optout', { optOut: true });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ officer: false, heads: [], optedOut: true });
    expect((await Digest.status(learner, [])).optedOut).toBe(true);
    expect((await Digest.status(officer, [])).optedOut).toBe(false);
    expect(await (await call('learner', '/api/reminders/digest-optout', { optOut: false })).json()).toMatchObject({ optedOut: false });
    const today = new Date().toISOString().slice(0, 10);
    const log = (await Audit.list({ from: today, to: today })).filter((e) => e.action.startsWith('reminder.digest.opt'));
    expect(log.map((e) => [e.action, e.actor, e.unitId, e.detail?.personId])).toEqual([
      ['reminder.digest.optin', 'hocvien@test.vn', tree.dept1.id, learner],
      ['reminder.digest.optout', 'hocvien@test.vn', tree.dept1.id, learner],
    ]);
  });

  it('lets HR name the head of a unit in their subtree, from that unit only, and not a learner', async () => {
    const head = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    expect((await call('learner', `/api/reminders/head?unit=${tree.dept1.id}`, { employeeCode: head.employeeCode })).status).toBe(403);
    // The commune is outside the officer's subtree.
    expect((await call('hr', `/api/reminders/head?unit=${tree.commune.id}`, { employeeCode: head.employeeCode })).status).toBe(403);
    // Someone of another unit is answered as unknown.
    const elsewhere = tree.people.find((p) => p.unitId === tree.dept2.id)!;
    expect((await call('hr', `/api/reminders/head?unit=${tree.dept1.id}`, { employeeCode: elsewhere.employeeCode })).status).toBe(403);
    const named = await call('hr', `/api/reminders/head?unit=${tree.dept1.id}`, { employeeCode: head.employeeCode });
    expect(named.status).toBe(200);
    expect((await named.json()).head).toMatchObject({ personId: head.id, fullName: head.fullName, by: 'nhansu@test.vn' });
    expect((await (await call('hr', `/api/reminders/head?unit=${tree.dept1.id}`)).json()).head).toMatchObject({ personId: head.id });
    // The head sees that they receive the digest, and for which unit.
    expect(await (await call('learner', '/api/reminders/digest')).json()).toEqual({
      officer: false,
      heads: [{ id: tree.dept1.id, name: tree.dept1.name }],
      optedOut: false,
    });
  });
});
