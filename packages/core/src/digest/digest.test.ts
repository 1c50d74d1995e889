import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Account, Audit, Digest, Mail, Person, Readiness, Reminder } from '@sansang/core';
import { keys, putMany, queryList } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { useSesLocal, type SesLocal } from '../../../../test/support/ses.ts';
import { account, smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
let ses: SesLocal;

const operator = { email: 'cli' };
/** 10:00 in Vietnam (UTC+7) on a day. */
const morning = (day: string) => new Date(`${day}T03:00:00Z`);
const fast = () => Mail.mailer({ perSecond: 1000 });
const MONDAY = '2026-12-07';

const at = (unitId: string, i: number) => tree.people.filter((p) => p.unitId === unitId)[i]!;
const mailTo = async (address: string) => (await ses.emails()).filter((e) => e.destination.to[0] === address);
const audited = async (action: string) => (await Audit.list({ from: MONDAY, to: '2026-12-14' })).filter((e) => e.action === action);

describe('digests to HR officers and heads of units', () => {
  const agencyHr = 'nhansu.so@test.vn';
  const communeHr = 'nhansu.xa@test.vn';
  const formerHr = 'cu.nhansu@test.vn';
  const headEmail = 'truong.phong1@test.vn';
  let head: Person.Info;

  beforeAll(async () => {
    // Figures and projections are read as of the digest's Monday morning.
    vi.useFakeTimers({ now: morning(MONDAY), toFake: ['Date'] });
    await useFreshTable();
    ses = await useSesLocal();
    tree = await smallProvince(3);
    head = at(tree.dept1.id, 0);
    await putMany([Person.toItem({ ...head, email: headEmail })]);
    const officers: [string, Person.Info, string][] = [
      [agencyHr, at(tree.agency.id, 0), tree.agency.id],
      [communeHr, at(tree.commune.id, 0), tree.commune.id],
      [formerHr, at(tree.dept2.id, 0), tree.dept2.id],
    ];
    // Created as the operator's tools do (Account.create): an HR grant alone makes a recipient, whatever path gave it.
    for (const [email, person, unitId] of officers) await account(email, person.id, [{ role: 'hr', unitId }]);
    // This one's HR grant is taken away: they drop out of the recipients.
    await Account.changeGrants({ actor: Account.operator, email: formerHr, grants: [] });
    await Digest.nameHead({ unitId: tree.dept1.id, employeeCode: head.employeeCode, actor: { email: agencyHr } });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await ses.stop();
  });
  beforeEach(() => ses.clear());

  it('names as head only a person of the unit or below it, and audits it', async () => {
    await expect(
      Digest.nameHead({ unitId: tree.dept1.id, employeeCode: at(tree.commune.id, 1).employeeCode, actor: { email: agencyHr } }),
    ).rejects.toMatchObject({
      code: 'account.person_not_found',
    });
    expect(await Digest.head(tree.dept1.id)).toMatchObject({ personId: head.id, fullName: head.fullName, by: agencyHr });
    expect((await audited('reminder.head.set')).map((e) => e.unitId)).toEqual([tree.dept1.id]);
  });

  it("sends each officer a digest of their own subtree only, and the head of a unit their unit's", async () => {
    const outcome = await Digest.weekly({ actor: operator, now: morning(MONDAY), mailer: fast(), site: 'https://sansang.example' });
    expect(outcome).toMatchObject({ week: '2026-W50', quiet: false, recipients: 3, sent: 3, already: 0, failed: 0 });
    expect((await ses.emails()).map((e) => e.destination.to[0]).sort()).toEqual([agencyHr, communeHr, headEmail].sort());

    const [agency] = await mailTo(agencyHr);
    expect(agency!.subject).toBe('Sẵn Sàng: báo cáo tuần 2026-W50');
    const text = agency!.body.text!;
    expect(text.normalize('NFC')).toBe(text);
    expect(text).toContain(`Kính gửi ${at(tree.agency.id, 0).fullName},`);
    expect(text).toContain(`### ${tree.agency.name}`);
    // 9 people in the agency's subtree, nobody trained, against a 100 % target by 31/12/2026.
    expect(text).toContain(`${target.title}: 0/9 người đã hoàn thành (0%), chỉ tiêu 100% trước ngày 31/12/2026.`);
    expect(text).toContain(`Đơn vị chậm nhất: ${tree.dept1.name} (0%, còn 3 người)`);
    expect(text).toContain('Cần nhắc: ');
    expect(text).toContain('https://sansang.example/san-sang?unit=so');
    // Nobody and nothing outside the agency's subtree.
    for (const p of tree.people.filter((p) => p.unitId === tree.commune.id)) expect(text).not.toContain(p.fullName);
    expect(text).not.toContain(tree.commune.name);
    expect(text).not.toContain(tree.province.name);

    const commune = (await mailTo(communeHr))[0]!.body.text!;
    expect(commune).toContain(`### ${tree.commune.name}`);
    for (const p of tree.people.filter((p) => p.unitId !== tree.commune.id)) expect(commune).not.toContain(p.fullName);
    expect(commune).not.toContain(tree.agency.name);

    // The head of dept 1 reads dept 1 alone, and is sent to the notices page: the readiness pages are HR's.
    const dept = (await mailTo(headEmail))[0]!.body.text!;
    expect(dept).toContain(`### ${tree.dept1.name}`);
    expect(dept).not.toContain(tree.dept2.name);
    for (const p of tree.people.filter((p) => p.unitId !== tree.dept1.id)) expect(dept).not.toContain(p.fullName);
    expect(dept).toContain('https://sansang.example/thong-bao');

    // The bell shows it; every send is in the audit log.
    const [notice] = await Reminder.notices(at(tree.agency.id, 0).id);
    expect(notice).toMatchObject({ id: `${MONDAY}.bao-cao-tuan`, title: 'Sẵn Sàng: báo cáo tuần 2026-W50', read: false });
    expect(notice!.body).toContain(`${tree.agency.name}: ${target.title}: 0/9`);
    expect((await audited('reminder.digest.sent')).map((e) => e.unitId).sort()).toEqual([tree.agency.id, tree.commune.id, tree.dept1.id].sort());
  });

  it('sends nothing new for the rest of the week, and nothing in the quiet hours', async () => {
    const again = await Digest.weekly({ actor: operator, now: morning('2026-12-09'), mailer: fast() });
    expect(again).toMatchObject({ week: '2026-W50', sent: 0, already: 3 });
    expect(await Digest.weekly({ actor: operator, now: new Date('2026-12-14T15:00:00Z'), mailer: fast() })).toMatchObject({ quiet: true, sent: 0 });
    expect(await ses.emails()).toEqual([]);
  });

  it('tells a unit’s officer and head once when its projection turns "không kịp hạn", and not again while it stays so', async () => {
    // No history yet: no projection, nothing to tell.
    expect(await Digest.watchProjections({ actor: operator, now: morning(MONDAY), mailer: fast() })).toMatchObject({ turned: 0, sent: 0 });
    // Two weeks ago as now: nobody trained since, so at this pace no unit reaches its target.
    await Readiness.snapshotWeek(new Date('2026-11-23T03:00:00Z'));
    const turned = await Digest.watchProjections({ actor: operator, now: morning(MONDAY), mailer: fast() });
    expect(turned).toMatchObject({ turned: 3, sent: 3, already: 0 });
    const [alert] = await mailTo(agencyHr);
    expect(alert!.subject).toBe(`Sẵn Sàng: ${tree.agency.name} không kịp hạn chỉ tiêu`);
    expect(alert!.body.text).toContain('Dự báo: không kịp hạn, mấy tuần gần đây gần như không có thêm người hoàn thành.');
    expect((await mailTo(headEmail))[0]!.subject).toBe(`Sẵn Sàng: ${tree.dept1.name} không kịp hạn chỉ tiêu`);
    expect(await mailTo(communeHr)).toHaveLength(1);
    expect((await Reminder.notices(head.id)).map((n) => n.title)).toContain(`Sẵn Sàng: ${tree.dept1.name} không kịp hạn chỉ tiêu`);

    await ses.clear();
    expect(await Digest.watchProjections({ actor: operator, now: morning(MONDAY), mailer: fast() })).toMatchObject({ turned: 0, sent: 0, already: 3 });
    expect(await Digest.watchProjections({ actor: operator, now: morning('2026-12-08'), mailer: fast() })).toMatchObject({ turned: 0, sent: 0 });
    expect(await ses.emails()).toEqual([]);
    expect(await audited('reminder.late.sent')).toHaveLength(3);
  });

  it('sends no digest to who turned it off, audits the choice, and sends again once turned back on', async () => {
    const communeOfficer = at(tree.commune.id, 0);
    await Digest.optOut({ personId: communeOfficer.id, optOut: true, actor: { email: communeHr, personId: communeOfficer.id } });
    expect(await Digest.status(communeOfficer.id, [{ role: 'hr', unitId: tree.commune.id }])).toEqual({ officer: true, heads: [], optedOut: true });
    const nextWeek = await Digest.weekly({ actor: operator, now: morning('2026-12-14'), mailer: fast() });
    expect(nextWeek).toMatchObject({ week: '2026-W51', recipients: 3, optedOut: 1, sent: 2 });
    expect((await ses.emails()).map((e) => e.destination.to[0]).sort()).toEqual([agencyHr, headEmail].sort());
    expect((await audited('reminder.digest.optout')).map((e) => [e.actor, e.unitId])).toEqual([[communeHr, tree.commune.id]]);

    await Digest.optOut({ personId: communeOfficer.id, optOut: false, actor: { email: communeHr } });
    expect(await audited('reminder.digest.optin')).toHaveLength(1);
    expect(await Digest.weekly({ actor: operator, now: morning('2026-12-15'), mailer: fast() })).toMatchObject({ sent: 1, already: 2 });
    expect(await mailTo(communeHr)).toHaveLength(1);
  });

  it('runs from the daily job: projections every day, the digest on Mondays', async () => {
    expect(Digest.isDigestDay('2026-12-21')).toBe(true);
    expect(Digest.isDigestDay('2026-12-22')).toBe(false);
    expect((await Digest.daily({ actor: operator, now: morning('2026-12-22'), mailer: fast() })).weekly).toBeNull();
    expect((await Digest.daily({ actor: operator, now: morning('2026-12-21'), mailer: fast() })).weekly).toMatchObject({ week: '2026-W52', sent: 3 });
  });

  it("takes on the officers an older release enrolled in the recipients' partition, from that week's digest on", async () => {
    const oldHr = 'nhansu.cu@test.vn';
    const person = at(tree.dept2.id, 1);
    // As that release left them: the account without the officers' listing, its HR grant enrolled beside the heads.
    await putMany([
      {
        ...keys.account(oldHr),
        ...keys.loginIndex(person.id, oldHr),
        type: 'account',
        email: oldHr,
        personId: person.id,
        grants: [{ role: 'hr', unitId: tree.dept2.id }],
      },
      {
        pk: keys.digestRecipients,
        sk: `HR#${oldHr}#${tree.dept2.id}`,
        type: 'digest-recipient',
        kind: 'hr',
        email: oldHr,
        personId: person.id,
        unitId: tree.dept2.id,
      },
    ]);
    expect(await Digest.weekly({ actor: operator, now: morning('2026-12-28'), mailer: fast() })).toMatchObject({ week: '2026-W53', recipients: 4, sent: 4 });
    expect((await mailTo(oldHr))[0]!.body.text).toContain(`### ${tree.dept2.name}`);
    const listed: string[] = [];
    for await (const officer of Account.officers()) listed.push(officer.email);
    expect(listed).toContain(oldHr);
    expect((await queryList({ pk: keys.digestRecipients })).map((i) => String(i.sk)).filter((sk) => sk.startsWith('HR#'))).toEqual([]);
  });
});
