import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Person } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { useSesLocal, type SesLocal } from '../../../test/support/ses.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
let ses: SesLocal;
const cookies: Record<string, string> = {};
const emailOf = (p: Person.Info) => `${p.employeeCode.toLowerCase()}@sansang.test`;
const call = (who: string, path: string, method = 'GET') => app.request(path, { method, headers: { cookie: cookies[who]!, 'x-requested-with': 'sansang' } });

describe('reminders over the API', () => {
  beforeAll(async () => {
    // 10:00 in Vietnam on 1 Dec 2026, 30 days before the fixture target's deadline: a day
    // reminders are due, outside the quiet hours. Only Date is faked; timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T03:00:00Z'));
    await useFreshTable();
    ses = await useSesLocal();
    tree = await smallProvince(2);
    await putMany(tree.people.map((p) => Person.toItem({ ...p, email: emailOf(p) })));
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    const learner = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    await account('nhansu@test.vn', inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account(emailOf(learner), learner.id);
    cookies.hr = await sessionCookie('nhansu@test.vn');
    cookies.learner = await sessionCookie(emailOf(learner));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await ses.stop();
  });

  it('shows HR what goes out, sends it once however often asked, and lists what went out', async () => {
    const inAgency = tree.people.filter((p) => [tree.agency.id, tree.dept1.id, tree.dept2.id].includes(p.unitId));
    const plan = await (await call('hr', `/api/reminders/plan?unit=${tree.agency.id}`)).json();
    expect(plan.quiet).toBe(false);
    expect(plan.messages.map((m: { personId: string }) => m.personId).sort()).toEqual(inAgency.map((p) => p.id).sort());
    expect(plan.messages[0]).toMatchObject({ hasEmail: true, items: [{ reason: 'due-30', targetId: target.id, dueDate: '2026-12-31' }], state: null });

    const first = await call('hr', `/api/reminders/run?unit=${tree.agency.id}`, 'POST');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ day: '2026-12-01', quiet: false, unfinished: false, planned: 6, sent: 6, already: 0 });
    // The preview now says they were reminded today.
    const after = await (await call('hr', `/api/reminders/plan?unit=${tree.agency.id}`)).json();
    expect(after.messages.map((m: { state: string }) => m.state)).toEqual(Array(6).fill('sent'));
    const again = await (await call('hr', `/api/reminders/run?unit=${tree.agency.id}`, 'POST')).json();
    expect(again).toMatchObject({ planned: 6, sent: 0, already: 6 });
    expect((await ses.emails()).map((e) => e.destination.to[0]).sort()).toEqual(inAgency.map(emailOf).sort());

    const history = await (await call('hr', `/api/reminders/history?unit=${tree.agency.id}&days=2026-12`)).json();
    expect(history.reminders).toHaveLength(6);
    expect(history.reminders[0]).toMatchObject({ day: '2026-12-01', reasons: ['due-30'], state: 'sent' });
    // The commune is outside the officer's subtree.
    expect((await call('hr', `/api/reminders/history?unit=${tree.commune.id}`)).status).toBe(403);
  });

  it("gives the learner their notice to mark read, and the e-mail's link signs them in once", async () => {
    const learner = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    const listed = await (await call('learner', '/api/notices')).json();
    expect(listed).toMatchObject({ unread: 1, notices: [{ id: '2026-12-01.nhac-viec', read: false }] });
    expect((await call('learner', `/api/notices/${listed.notices[0].id}/read`, 'POST')).status).toBe(204);
    expect(await (await call('learner', '/api/notices')).json()).toMatchObject({ unread: 0 });
    expect((await call('learner', '/api/notices/2026-12-02.nhac-viec/read', 'POST')).status).toBe(404);

    const mail = (await ses.emails()).find((e) => e.destination.to[0] === emailOf(learner))!;
    // The link opens the page with the button, the token in its fragment (never sent to a server); the button's POST signs in, once.
    const link = new URL(/https?:\/\/\S+\/dang-nhap\/lien-ket#[\w-]+/.exec(mail.body.text!)![0]);
    const token = link.hash.slice(1);
    // The address of messages sent before this form still leads there, using nothing.
    const opened = await app.request(`/api/auth/link?token=${token}`);
    expect([opened.status, opened.headers.get('location')]).toEqual([302, `/dang-nhap/lien-ket#${token}`]);
    const press = () =>
      app.request('/api/auth/link', {
        method: 'POST',
        headers: { 'x-requested-with': 'sansang', 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const pressed = await press();
    expect(await pressed.json()).toMatchObject({ next: '/viec-can-hoan-thanh', user: { id: learner.id } });
    const session = pressed.headers.get('set-cookie')!.split(';')[0]!;
    const owed = await app.request('/api/me/requirements', { headers: { cookie: session } });
    expect((await owed.json()).requirements[0]).toMatchObject({ target: { id: target.id }, daysLeft: 30 });
    expect(await (await press()).json()).toMatchObject({ error: { code: 'auth.link_invalid' } });
  });
});
