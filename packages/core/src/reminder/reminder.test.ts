import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Account, Audit, Exemption, Mail, Person, Progress, Readiness, Reminder, Requirement, Target } from '@sansang/core';
import { meterDynamo, putMany } from '@sansang/core/testing';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { useSesLocal, type SesLocal } from '../../../../test/support/ses.ts';
import { account, smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
let ses: SesLocal;

// Besides the fixture's target (everyone, khoa-mau by 2026-12-31): the commune's own, a week
// earlier, so on 1 Dec a commune learner owes two things in one message; and a yearly one, whose
// completions lapse.
const commune: Target.Info = {
  id: 'xa-2026',
  title: 'Cấp xã hoàn thành khoá mẫu',
  programme: ['khoa-mau'],
  categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
  unitKinds: ['commune'],
  percent: 100,
  deadline: '2026-12-08',
};
const yearly: Target.Info = { ...target, id: 'an-toan-hang-nam', title: 'An toàn thông tin hằng năm', deadline: '2027-06-30', validity: { months: 12 } };

const operator = { email: 'cli' };
/** 10:00 and 22:00 in Vietnam (UTC+7) on a day. */
const morning = (day: string) => new Date(`${day}T03:00:00Z`);
const evening = (day: string) => new Date(`${day}T15:00:00Z`);
const fast = () => Mail.mailer({ perSecond: 1000 });

const at = (unitId: string, i: number) => tree.people.filter((p) => p.unitId === unitId)[i]!;
const emailOf = (p: Person.Info) => `${p.employeeCode.toLowerCase()}@sansang.test`;
const recipients = async () => (await ses.emails()).map((e) => e.destination.to[0]!).sort();

async function complete(personId: string) {
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-mot' });
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-hai' });
  await takeQuiz(personId, 'khoa-mau');
}

describe('reminders', () => {
  let done: Person.Info, exempt: Person.Info, left: Person.Info, noEmail: Person.Info, learner: Person.Info;

  beforeAll(async () => {
    await useFreshTable();
    ses = await useSesLocal();
    tree = await smallProvince(3);
    await Target.put(commune);
    await Target.put(yearly);
    [done, exempt, left, noEmail, learner] = [at(tree.dept1.id, 0), at(tree.dept1.id, 1), at(tree.dept2.id, 0), at(tree.dept2.id, 1), at(tree.commune.id, 0)];
    await putMany(tree.people.filter((p) => p !== noEmail).map((p) => Person.toItem({ ...p, email: emailOf(p) })));
    await complete(done.id);
    await Exemption.create({
      actor: { email: 'hr@sansang.test' },
      within: null,
      input: { employeeCode: exempt.employeeCode, targetId: null, reason: 'thai-san', from: '2026-11-01', until: '2027-03-31' },
      today: '2026-11-01',
    });
    await Readiness.changePeople([{ personId: left.id, next: (current) => ({ ...current!, status: 'left' }) }], { actor: 'test' });
    await account(emailOf(learner), learner.id);
  });
  afterAll(() => ses.stop());
  beforeEach(() => ses.clear());

  it('plans one message per person due that day, naming only what they owe, and nobody done, exempt or gone', async () => {
    const plan = await Reminder.plan({ date: '2026-12-01' });
    const owing = tree.people.filter((p) => ![done, exempt, left].includes(p));
    expect(plan.map((p) => p.personId).sort()).toEqual(owing.map((p) => p.id).sort());
    expect(plan.find((p) => p.personId === learner.id)!.items).toEqual([
      // Soonest first, as the learner's page lists them.
      { reason: 'due-7', targetId: commune.id, title: commune.title, dueDate: '2026-12-08', validUntil: null },
      { reason: 'due-30', targetId: target.id, title: target.title, dueDate: '2026-12-31', validUntil: null },
    ]);
    expect(plan.find((p) => p.unitId === tree.agency.id)!.items.map((i) => i.reason)).toEqual(['due-30']);
    // A day no deadline and no lapse falls on: nothing, and no walk.
    expect(await Reminder.plan({ date: '2026-12-02' })).toEqual([]);
    // A page's preview stops at its limit and says there is more.
    const firstTwo = await Reminder.preview({ date: '2026-12-01', limit: 2 });
    expect(firstTwo.messages).toHaveLength(2);
    expect(firstTwo.more).toBe(true);
    for (const m of firstTwo.messages) expect(plan).toContainEqual(m);
    expect(await Reminder.preview({ date: '2026-12-01', limit: 100 })).toEqual({ messages: plan, more: false });
  });

  it('reminds 7 days before, the day after a missed due date, and within a unit only', async () => {
    expect((await Reminder.plan({ date: '2026-12-24' })).map((p) => p.items.map((i) => i.reason))).toEqual(Array(9).fill(['due-7']));
    const overdue = await Reminder.plan({ date: '2026-12-09', unitId: tree.province.id });
    expect(overdue.map((p) => [p.unitId, p.items.map((i) => `${i.reason} ${i.targetId}`)])).toEqual(
      tree.people.filter((p) => p.unitId === tree.commune.id).map(() => [tree.commune.id, [`overdue-1 ${commune.id}`]]),
    );
    const dept = await Reminder.plan({ date: '2027-01-01', unitId: tree.dept2.id });
    expect(dept.map((p) => p.personId).sort()).toEqual([noEmail.id, at(tree.dept2.id, 2).id].sort());
  });

  it('reminds nobody under a unit HR paused until it is resumed, and audits both', async () => {
    const before = await Reminder.plan({ date: '2026-12-24' });
    const underAgency = (p: { unitId: string }) => [tree.agency.id, tree.dept1.id, tree.dept2.id].includes(p.unitId);
    expect(before.filter(underAgency).length).toBeGreaterThan(0);
    expect(await Reminder.pause({ unitId: tree.agency.id, paused: true, actor: { email: 'nhansu@test.vn' } })).toMatchObject({ unitId: tree.agency.id });
    const paused = await Reminder.plan({ date: '2026-12-24' });
    expect(paused.filter(underAgency)).toEqual([]);
    expect(paused.map((p) => p.personId).sort()).toEqual(
      before
        .filter((p) => !underAgency(p))
        .map((p) => p.personId)
        .sort(),
    );
    // A unit below sees the pause above it.
    expect((await Reminder.pausesOver(tree.dept1.id)).map((p) => p.unitId)).toEqual([tree.agency.id]);
    expect(await Reminder.pause({ unitId: tree.agency.id, paused: false, actor: { email: 'nhansu@test.vn' } })).toBeNull();
    expect((await Reminder.plan({ date: '2026-12-24' })).length).toBe(before.length);
    const today = new Date().toISOString().slice(0, 10);
    const audited = (await Audit.list({ from: today, to: today, unitId: tree.agency.id })).map((e) => e.action);
    expect(audited).toEqual(expect.arrayContaining(['reminder.pause', 'reminder.resume']));
  });

  it('reminds before a completion lapses, on the day its renewal window opens', async () => {
    const [mark] = (await Readiness.trainedMarksOf(done.id)).filter((m) => m.targetId === yearly.id);
    expect(mark?.validUntil).toBeTruthy();
    const opens = Target.renewalOpens(yearly, mark!.validUntil!);
    const plan = await Reminder.plan({ date: opens });
    expect(plan.map((p) => [p.personId, p.items])).toEqual([
      [done.id, [{ reason: 'lapse', targetId: yearly.id, title: yearly.title, dueDate: mark!.validUntil, validUntil: mark!.validUntil }]],
    ]);
  });

  it('reminds the day after a completion lapses, once the daily job has worked the lapse, and the next day the due marks go', async () => {
    const [mark] = (await Readiness.trainedMarksOf(done.id)).filter((m) => m.targetId === yearly.id);
    const lapsed = Requirement.addDays(mark!.validUntil!, 1);
    // The daily job works the day's lapses before the reminders run.
    await Readiness.runLapses(lapsed);
    const plan = await Reminder.plan({ date: lapsed });
    expect(plan.filter((p) => p.personId === done.id).map((p) => p.items)).toEqual([
      [{ reason: 'overdue-1', targetId: yearly.id, title: yearly.title, dueDate: mark!.validUntil, validUntil: mark!.validUntil }],
    ]);
    const changesOn = async (day: string) => {
      const found: string[] = [];
      for await (const c of Readiness.phaseChangesOn(day)) found.push(c.personId);
      return found;
    };
    expect(await changesOn(lapsed)).toEqual([done.id]);
    await Readiness.runLapses(Requirement.addDays(lapsed, 1));
    expect(await changesOn(lapsed)).toEqual([]);
  });

  it('sends nothing in the quiet hours', async () => {
    const outcome = await Reminder.run({ date: '2026-12-24', actor: operator, now: evening('2026-12-24'), mailer: fast() });
    expect(outcome).toMatchObject({ quiet: true, planned: 9, sent: 0 });
    expect(await ses.emails()).toEqual([]);
    expect(Reminder.isQuietHour(new Date('2026-12-24T00:00:00Z'))).toBe(false); // 07:00
    expect(Reminder.isQuietHour(new Date('2026-12-23T23:59:00Z'))).toBe(true); // 06:59
    expect(Reminder.isQuietHour(new Date('2026-12-24T13:59:00Z'))).toBe(false); // 20:59
  });

  it('sends each message once: e-mail with a one-time sign-in link, an in-app notice, an audit entry; a second run sends nothing', async () => {
    const meter = meterDynamo();
    const first = await Reminder.run({ date: '2026-12-01', actor: operator, now: morning('2026-12-01'), mailer: fast(), site: 'https://sansang.example' });
    const requests = meter.take().requests;
    expect(first).toMatchObject({ quiet: false, planned: 9, sent: 8, noAddress: 1, already: 0, failed: 0 });
    const emailed = tree.people.filter((p) => ![done, exempt, left, noEmail].includes(p));
    expect(await recipients()).toEqual(emailed.map(emailOf).sort());
    console.log(
      `reminder run: ${requests} DynamoDB requests for ${first.planned} messages (${(requests / first.planned).toFixed(1)} a message, planning included)`,
    );

    const mail = (await ses.emails()).find((e) => e.destination.to[0] === emailOf(learner))!;
    expect(mail.subject).toBe('Sẵn Sàng: việc cần hoàn thành');
    expect(mail.body.text).toContain(`Kính gửi ${learner.fullName},`);
    expect(mail.body.text).toContain(`${target.title}: còn 30 ngày, hạn hoàn thành 31/12/2026.`);
    expect(mail.body.text).toContain(`${commune.title}: chỉ còn 7 ngày, hạn hoàn thành 08/12/2026.`);
    expect(mail.body.html).toContain(`<strong>${target.title}</strong>`);
    expect(mail.body.text!.normalize('NFC')).toBe(mail.body.text);
    // Nobody else's name is in it.
    for (const other of tree.people.filter((p) => p !== learner)) expect(mail.body.text).not.toContain(other.fullName);
    const token = /https:\/\/sansang\.example\/dang-nhap\/lien-ket#([\w-]+)/.exec(mail.body.text!)![1]!;
    expect(mail.body.html).toContain(`href="https://sansang.example/dang-nhap/lien-ket#${token}"`);
    const session = await Account.redeemSignInLink({ token });
    expect(session).toMatchObject({ email: emailOf(learner) });
    expect((await Account.session(session.token))?.personId).toBe(learner.id);
    await expect(Account.redeemSignInLink({ token })).rejects.toMatchObject({ code: 'auth.link_invalid' });
    // Someone without a learner account is sent to the sign-in page instead.
    const other = (await ses.emails()).find((e) => e.destination.to[0] === emailOf(at(tree.agency.id, 0)))!;
    expect(other.body.text).toContain('https://sansang.example/dang-nhap?tiep=%2Fviec-can-hoan-thanh');

    const [notice] = await Reminder.notices(learner.id);
    expect(notice).toMatchObject({ id: '2026-12-01.nhac-viec', title: 'Sẵn Sàng: việc cần hoàn thành', read: false });
    expect(notice!.body).toContain(commune.title);
    await Reminder.markRead({ personId: learner.id, id: notice!.id });
    expect((await Reminder.notices(learner.id))[0]!.read).toBe(true);
    await expect(Reminder.markRead({ personId: exempt.id, id: notice!.id })).rejects.toMatchObject({ code: 'notice.not_found' });
    // The person without an address gets the notice alone.
    expect(await Reminder.notices(noEmail.id)).toHaveLength(1);

    const today = new Date().toISOString().slice(0, 10);
    const audited = (await Audit.list({ from: today, to: today })).filter((e) => e.action.startsWith('reminder.') && e.detail?.day === '2026-12-01');
    expect(audited.map((e) => e.action).sort()).toEqual(['reminder.noticed', 'reminder.run', ...Array(8).fill('reminder.sent')]);
    expect(audited.find((e) => e.detail?.personId === learner.id)).toMatchObject({
      actor: 'cli',
      unitId: tree.commune.id,
      detail: { reasons: ['due-7', 'due-30'] },
    });

    const again = await Reminder.run({ date: '2026-12-01', actor: operator, now: morning('2026-12-01'), mailer: fast() });
    expect(again).toMatchObject({ planned: 9, sent: 0, noAddress: 0, already: 9 });
    expect(await ses.emails()).toHaveLength(8);
    // The read notice stays read.
    expect((await Reminder.notices(learner.id))[0]!.read).toBe(true);

    const history = await Reminder.history({ unitId: tree.province.id, days: '2026-12-01' });
    expect(history.reminders).toHaveLength(9);
    expect(history.reminders.find((r) => r.personId === learner.id)).toMatchObject({ day: '2026-12-01', reasons: ['due-7', 'due-30'], state: 'sent' });
    expect(history.reminders.find((r) => r.personId === noEmail.id)).toMatchObject({ state: 'no-address', messageId: null });
    expect((await Reminder.history({ unitId: tree.commune.id })).reminders.map((r) => r.unitId)).toEqual(Array(3).fill(tree.commune.id));
    // The preview says who was already reminded that day (a run skips them).
    expect(new Set((await Reminder.plan({ date: '2026-12-01' })).map((p) => p.state))).toEqual(new Set(['sent', 'no-address']));

    // What SES reports afterwards (through the configuration set's events) shows in the history; a late delivery never hides a bounce.
    const sent = history.reminders.find((r) => r.personId === learner.id)!;
    const event = (eventType: string, extra: object) =>
      JSON.stringify({
        eventType,
        mail: { messageId: sent.messageId, destination: [emailOf(learner)], tags: { person: [learner.id], day: ['2026-12-01'], unit: [tree.commune.id] } },
        ...extra,
      });
    const deliveryOf = async () =>
      (await Reminder.history({ unitId: tree.commune.id, days: '2026-12-01' })).reminders.find((r) => r.personId === learner.id)!.delivery;
    expect(sent.delivery).toBeNull();
    expect(await Reminder.recordMailEvent(event('Delivery', {}))).toBe(false);
    expect(await deliveryOf()).toBe('delivered');
    expect(await Reminder.recordMailEvent(event('Complaint', { complaint: { complainedRecipients: [{ emailAddress: emailOf(learner) }] } }))).toBe(true);
    expect(await Reminder.recordMailEvent(event('Delivery', {}))).toBe(false);
    expect(await deliveryOf()).toBe('complained');
    // An event naming another message id (an older message, a forged tag) changes nothing.
    await Reminder.recordMailEvent(event('Bounce', { bounce: { bounceType: 'Permanent' } }).replace(sent.messageId!, 'someone-else'));
    expect(await deliveryOf()).toBe('complained');
  });

  it('finishes a run that failed half-way: the next run sends the rest, every message exactly once', async () => {
    let calls = 0;
    const breaking = Mail.mailer({
      perSecond: 1000,
      transport: async (m) => {
        if (++calls >= 4) throw new Error('connection reset');
        // The emulator itself may drop a connection under load, and the mailer tries again: that try is not one of the three.
        return Mail.ses(m).catch((err: unknown) => {
          calls--;
          throw err;
        });
      },
    });
    const first = await Reminder.run({ date: '2026-12-24', actor: operator, now: morning('2026-12-24'), mailer: breaking });
    expect(first.sent).toBe(3);
    expect(first.failed).toBe(first.planned - first.noAddress - 3);
    const second = await Reminder.run({ date: '2026-12-24', actor: operator, now: morning('2026-12-24'), mailer: fast() });
    expect(second).toMatchObject({ sent: first.failed, already: 3 + first.noAddress });
    const sent = await recipients();
    expect(sent).toHaveLength(8);
    expect(new Set(sent).size).toBe(8);
  });

  it('takes over a message whose sender died mid-send once its lease ends, and sends it once', async () => {
    let calls = 0;
    // The second send never returns: the run holding it is as good as killed.
    const dying = Mail.mailer({ perSecond: 1000, transport: (m) => (++calls === 2 ? new Promise(() => {}) : Mail.ses(m)) });
    // A lease long enough that the second run below falls within it on a loaded machine.
    const leaseSeconds = 5;
    void Reminder.run({ date: '2026-12-09', actor: operator, now: morning('2026-12-09'), mailer: dying, leaseSeconds });
    await expect.poll(async () => (await ses.emails()).length).toBe(2);
    // The hung message was recorded, and its lease taken, before now.
    const leased = Date.now();
    // Within the lease another run leaves it alone.
    expect(await Reminder.run({ date: '2026-12-09', actor: operator, now: morning('2026-12-09'), mailer: fast() })).toMatchObject({
      sent: 0,
      busy: 1,
      already: 2,
    });
    await new Promise((r) => setTimeout(r, Math.max(0, leased + leaseSeconds * 1000 + 200 - Date.now())));
    expect(await Reminder.run({ date: '2026-12-09', actor: operator, now: morning('2026-12-09'), mailer: fast() })).toMatchObject({ sent: 1, already: 2 });
    const sent = await recipients();
    expect(sent).toEqual(
      tree.people
        .filter((p) => p.unitId === tree.commune.id)
        .map(emailOf)
        .sort(),
    );
  });

  it('backs off when SES throttles, and two runs at once still send each message once', async () => {
    const refused = new Map<string, number>();
    const accepted = new Map<string, number>();
    const throttled = () =>
      Mail.mailer({
        perSecond: 1000,
        retry: { baseMs: 5, capMs: 20 },
        transport: async (m) => {
          // Each message's first try is refused as SES refuses a send above the account's rate.
          if (!refused.has(m.to)) {
            refused.set(m.to, 1);
            throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
          }
          // Counted once SES accepts: a connection to the emulator dropped on a busy machine is tried again, as it would be with SES.
          const out = await Mail.ses(m);
          accepted.set(m.to, (accepted.get(m.to) ?? 0) + 1);
          return out;
        },
      });
    const [a, b] = await Promise.all([
      Reminder.run({ date: '2027-01-01', actor: operator, now: morning('2027-01-01'), mailer: throttled() }),
      Reminder.run({ date: '2027-01-01', actor: operator, now: morning('2027-01-01'), mailer: throttled() }),
    ]);
    expect(a.failed + b.failed).toBe(0);
    // Each was refused once, then accepted once; none refused or accepted a second time.
    expect([...refused.values()]).toEqual(Array(a.sent + b.sent).fill(1));
    expect([...accepted.values()]).toEqual(Array(a.sent + b.sent).fill(1));
    const sent = await recipients();
    expect(sent.length).toBe(a.sent + b.sent);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toEqual(
      (await Reminder.plan({ date: '2027-01-01' }))
        .filter((p) => p.email)
        .map((p) => p.email!)
        .sort(),
    );
  });

  it('reminds a late joiner on their own days: the day they start, 30 days before their own due date, the day after it', async () => {
    // Written through the roster's one write path, as an import or an edit would.
    const joiner: Person.Info = { ...at(tree.agency.id, 0), id: 'nv-moi', employeeCode: 'NV-MOI', fullName: 'Lê Thị Mới', startDate: '2027-01-10' };
    await Readiness.changePeople([{ personId: joiner.id, next: () => joiner }], { actor: 'test' });
    const reasonsOn = async (day: string) =>
      (await Reminder.plan({ date: day })).filter((p) => p.personId === joiner.id).flatMap((p) => p.items.map((i) => `${i.reason} ${i.targetId} ${i.dueDate}`));
    // Due on 10 Jan + 60 days = 11 Mar for the everyone target; by its deadline for the yearly one.
    expect(await reasonsOn('2027-01-10')).toEqual([`start ${target.id} 2027-03-11`, `start ${yearly.id} 2027-06-30`]);
    expect(await reasonsOn('2027-02-09')).toEqual([`due-30 ${target.id} 2027-03-11`]);
    expect(await reasonsOn('2027-03-04')).toEqual([`due-7 ${target.id} 2027-03-11`]);
    expect(await reasonsOn('2027-03-12')).toEqual([`overdue-1 ${target.id} 2027-03-11`]);
    expect(await reasonsOn('2027-01-11')).toEqual([]);
  });

  it('sends on a later day a message left unsent on its day, with what was owed then; withdraws one no longer owed', async () => {
    // 8 Nov: 30 days before the commune's own deadline. SES is down all day.
    const communeStaff = tree.people.filter((p) => p.unitId === tree.commune.id);
    const down = Mail.mailer({ perSecond: 1000, transport: async () => Promise.reject(new Error('SES unreachable')) });
    const failing = await Reminder.run({ date: '2026-11-08', actor: operator, now: morning('2026-11-08'), mailer: down });
    expect(failing).toMatchObject({ planned: communeStaff.length, sent: 0, failed: communeStaff.length, earlier: 0 });
    // One of them completes the programme before the next run, another leaves.
    const [finisher, leaver, ...rest] = communeStaff;
    await complete(finisher!.id);
    await Readiness.changePeople([{ personId: leaver!.id, next: (current) => ({ ...current!, status: 'left' }) }], { actor: 'test' });
    // 10 Nov, nothing of its own due: the run sends 8 Nov's messages to those who still owe them.
    const later = await Reminder.run({ date: '2026-11-10', actor: operator, now: morning('2026-11-10'), mailer: fast() });
    expect(later).toMatchObject({ planned: 0, earlier: communeStaff.length, sent: rest.length, withdrawn: 2, failed: 0 });
    expect(await recipients()).toEqual(rest.map(emailOf).sort());
    const mail = (await ses.emails())[0]!;
    expect(mail.body.text).toContain('còn 30 ngày, hạn hoàn thành 08/12/2026');
    const history = (await Reminder.history({ unitId: tree.commune.id, days: '2026-11-08' })).reminders;
    expect(Object.fromEntries(history.map((r) => [r.personId, r.state]))).toEqual(
      Object.fromEntries([...rest.map((p) => [p.id, 'sent']), [finisher!.id, 'withdrawn'], [leaver!.id, 'withdrawn']]),
    );
    // Settled, they are no longer looked at.
    expect(await Reminder.run({ date: '2026-11-11', actor: operator, now: morning('2026-11-11'), mailer: fast() })).toMatchObject({ earlier: 0, sent: 0 });
    expect(await ses.emails()).toHaveLength(rest.length);
  });

  it('writes in English to a learner who chose English on their account, in Vietnamese to the others', async () => {
    const [english, vietnamese] = [at(tree.agency.id, 1), at(tree.agency.id, 2)];
    await account(emailOf(english!), english!.id);
    await Account.setLanguage({ email: emailOf(english!), personId: english!.id, language: 'en' });
    // 30 days before the yearly target's deadline.
    await Reminder.run({ date: '2027-05-31', unitId: tree.agency.id, actor: operator, now: morning('2027-05-31'), mailer: fast() });
    const mails = await ses.emails();
    const to = (p: Person.Info) => mails.find((m) => m.destination.to[0] === emailOf(p));
    expect(to(english!)?.subject).toBe('Sẵn Sàng: training to complete');
    expect(to(english!)?.body.text).toContain(`Dear ${english!.fullName},`);
    expect(to(english!)?.body.text).toContain(`${yearly.title}: 30 days left, due by 30/06/2027.`);
    expect(to(vietnamese!)?.subject).toBe('Sẵn Sàng: việc cần hoàn thành');
  });

  it('sends a day in pieces: a run stopped at its time bound leaves the day open, the continuation finishes it, then does nothing', async () => {
    const day = '2027-06-23'; // 7 days before the yearly target's deadline
    const due = (await Reminder.plan({ date: day })).length;
    expect(due).toBeGreaterThan(3);
    // Before any run opened the day (the daily job applies exemptions and lapses first), the continuation waits.
    expect(await Reminder.continueDay({ now: morning(day), actor: operator, mailer: fast() })).toBeNull();
    // The daily job's run, out of time after its first few messages.
    let sends = 0;
    const slow = Mail.mailer({ perSecond: 1000, transport: (m) => (++sends, Mail.ses(m)) });
    const first = await Reminder.run({ date: day, actor: operator, now: morning(day), mailer: slow, stopAt: Date.now() + 1 });
    expect(first.unfinished).toBe(true);
    expect(first.sent).toBeLessThan(due);
    const second = await Reminder.continueDay({ now: morning(day), actor: operator, mailer: fast() });
    expect(second).toMatchObject({ unfinished: false, failed: 0 });
    expect(second!.sent + first.sent + first.noAddress + second!.noAddress).toBe(due);
    expect(await Reminder.continueDay({ now: morning(day), actor: operator, mailer: fast() })).toBeNull();
    const sent = await recipients();
    expect(sent).toEqual([...new Set(sent)]);
    expect(sent).toHaveLength(first.sent + second!.sent);
    // Nor at night.
    expect(await Reminder.continueDay({ now: evening(day), actor: operator, mailer: fast() })).toBeNull();
  });

  it('keeps to the maximum send rate', async () => {
    const mailer = Mail.mailer({ perSecond: 20, transport: async () => ({ messageId: 'x' }) });
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => mailer.send({ to: 'a@b.test', subject: 's', text: 't', html: 'h' })));
    // Eleven sends at 20 a second: the last waits ten gaps of 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
  });

  it('tries a send again when the connection drops before SES answers, and not when SES refuses the message', async () => {
    let tries = 0;
    const dropping = Mail.mailer({
      perSecond: 1000,
      retry: { baseMs: 1, capMs: 2 },
      transport: async () => {
        // What the SDK throws when a kept-alive socket was closed under it (seen from the emulator under load).
        if (++tries === 1) throw Object.assign(new Error('read ECONNRESET'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: { attempts: 1 } });
        return { messageId: 'm-1' };
      },
    });
    expect(await dropping.send({ to: 'a@b.test', subject: 's', text: 't', html: 'h' })).toEqual({ messageId: 'm-1' });
    expect(tries).toBe(2);
    let refusals = 0;
    const refusing = Mail.mailer({
      perSecond: 1000,
      retry: { baseMs: 1, capMs: 2 },
      transport: async () => {
        refusals++;
        throw Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } });
      },
    });
    await expect(refusing.send({ to: 'a@b.test', subject: 's', text: 't', html: 'h' })).rejects.toThrow('not verified');
    expect(refusals).toBe(1);
  });
});
