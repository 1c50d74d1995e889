import { beforeAll, describe, expect, it } from 'vitest';
import { Exemption, Person, Progress, Readiness, Requirement } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { MAX_EVIDENCE_BYTES } from '../objects/evidence.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const hr = { email: 'nhansu@test.vn' };
const pdf = (text = 'quyết định nghỉ thai sản') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');
const figures = async (unitId: string) => {
  const r = await Readiness.forUnit({ unitId, targetId: target.id });
  return { inScope: r.inScope, exempt: r.exempt, staff: r.staff, trained: r.trained, owing: r.owing };
};
const input = (employeeCode: string, over: Partial<Exemption.Input> = {}): Exemption.Input => ({
  employeeCode,
  targetId: null,
  reason: 'thai-san',
  from: '2026-11-01',
  until: '2027-04-30',
  ...over,
});
const person = (unitId: string, i: number) => tree.people.filter((p) => p.unitId === unitId)[i]!;
const noMismatch = async () => expect((await Readiness.rebuild({ write: false, today: TODAY })).mismatches).toEqual([]);
const TODAY = '2026-12-07';

describe('exemptions', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(4);
  });

  it('takes an exempt person out of the denominator, the still-to-train list and what they owe, with evidence kept', async () => {
    const before = await figures(tree.dept1.id);
    const p = person(tree.dept1.id, 0);
    const e = await Exemption.create({
      actor: hr,
      within: tree.province.id,
      input: input(p.employeeCode, { evidence: { fileName: 'qd.pdf', data: pdf() } }),
      today: TODAY,
    });
    expect(e.evidence).toMatchObject({ contentType: 'application/pdf', fileName: 'qd.pdf' });
    expect(await figures(tree.dept1.id)).toEqual({ ...before, exempt: before.exempt + 1, staff: before.staff - 1, owing: before.owing - 1 });
    const province = await figures(tree.province.id);
    expect(province.exempt).toBe(1);
    expect((await Person.get(p.id)).exempt).toEqual(['*']);
    const untrained = await Readiness.untrained({ unitId: tree.dept1.id, today: TODAY });
    expect(untrained.people.map((u) => u.id)).not.toContain(p.id);
    expect(await Requirement.forPerson({ personId: p.id, today: TODAY })).toMatchObject([{ status: 'exempt', exemptUntil: '2027-04-30' }]);
    const { body, contentType } = await Exemption.evidence({ actor: hr, within: null, id: e.id });
    expect(contentType).toBe('application/pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toContain('quyết định nghỉ thai sản');
    const listed = await Exemption.list({ unitId: tree.agency.id, today: TODAY });
    expect(listed.exemptions.map((x) => [x.employeeCode, x.state, x.unitName])).toEqual([[p.employeeCode, 'active', tree.dept1.name]]);
    await noMismatch();
  });

  it('leaves a trained person out of the numerator too while exempt, and counts them again when it ends early', async () => {
    const p = person(tree.dept2.id, 0);
    for (const lessonId of ['bai-mot', 'bai-hai']) await Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId });
    await takeQuiz(p.id, 'khoa-mau');
    const trained = await figures(tree.dept2.id);
    expect(trained.trained).toBe(1);
    const e = await Exemption.create({ actor: hr, within: null, input: input(p.employeeCode, { targetId: target.id, reason: 'biet-phai' }), today: TODAY });
    expect(await figures(tree.dept2.id)).toEqual({ ...trained, exempt: 1, staff: trained.staff - 1, trained: 0 });
    await noMismatch();
    await Exemption.end({ actor: hr, within: null, id: e.id, today: TODAY });
    expect(await figures(tree.dept2.id)).toEqual(trained);
    const ended = (await Exemption.list({ unitId: tree.dept2.id, today: TODAY })).exemptions[0]!;
    expect([ended.state, ended.endedOn, ended.endedBy]).toEqual(['ended', TODAY, hr.email]);
    await expect(Exemption.end({ actor: hr, within: null, id: e.id, today: TODAY })).rejects.toMatchObject({ code: 'exemption.already_ended' });
    await noMismatch();
  });

  it('starts and ends by itself through the daily run, and the person owes again with a new due date', async () => {
    const p = person(tree.commune.id, 1);
    const before = await figures(tree.commune.id);
    await Exemption.create({
      actor: hr,
      within: null,
      input: input(p.employeeCode, { reason: 'di-hoc', from: '2026-12-10', until: '2027-02-28' }),
      today: TODAY,
    });
    expect(await figures(tree.commune.id), 'not started yet').toEqual(before);
    expect(await Requirement.forPerson({ personId: p.id, today: TODAY })).toMatchObject([{ status: 'not-started', dueDate: '2026-12-31' }]);

    await Exemption.runDue(TODAY); // the marks of the earlier tests' exemptions (their first days are past)
    expect(await Exemption.runDue('2026-12-09')).toEqual({ people: 0 });
    expect(await Exemption.runDue('2026-12-10')).toEqual({ people: 1 });
    expect(await figures(tree.commune.id)).toMatchObject({ exempt: 1, staff: before.staff - 1 });
    expect(await Exemption.runDue('2026-12-10'), 'a second run of the same day has nothing left').toEqual({ people: 0 });

    expect(await Exemption.runDue('2027-03-01')).toEqual({ people: 1 });
    expect(await figures(tree.commune.id)).toEqual(before);
    const back = await Person.get(p.id);
    expect([back.exempt, back.resumed]).toEqual([undefined, { '*': '2027-03-01' }]);
    // Back on 1 March: the 60 days of grace count from then.
    expect(await Requirement.forPerson({ personId: p.id, today: '2027-03-01' })).toMatchObject([{ status: 'not-started', dueDate: '2027-04-30' }]);
    await expect(noMismatchOn('2027-03-01')).resolves.toBeUndefined();
  });

  it('refuses what must not be recorded, with a message that says why, and writes nothing', async () => {
    const p = person(tree.dept1.id, 0); // exempt for every target from the first test
    const q = person(tree.dept1.id, 1);
    const listed = async () => (await Exemption.list({ unitId: tree.province.id, today: TODAY })).exemptions.length;
    const count = await listed();
    const cases: [Exemption.Input, string, RegExp][] = [
      [input(p.employeeCode, { targetId: target.id, from: '2027-04-01', until: '2027-06-30' }), 'exemption.overlap', /trùng/],
      [
        input(q.employeeCode, { evidence: { fileName: 'quyet-dinh.pdf', data: Buffer.from('MZ không phải PDF').toString('base64') } }),
        'evidence.type',
        /không phải PDF hay ảnh/,
      ],
      [
        input(q.employeeCode, { evidence: { fileName: 'lon.pdf', data: Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0x25).toString('base64') } }),
        'evidence.too_large',
        /5 MB/,
      ],
      [input(q.employeeCode, { targetId: 'khong-co' }), 'target.not_found', /khong-co/],
      [input('NV-KHONG-CO'), 'exemption.person_not_found', /NV-KHONG-CO/],
    ];
    for (const [bad, code, message] of cases) {
      await expect(Exemption.create({ actor: hr, within: null, input: bad, today: TODAY }), code).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    }
    // Outside the officer's subtree, the same answer as for nobody.
    await expect(Exemption.create({ actor: hr, within: tree.commune.id, input: input(q.employeeCode), today: TODAY })).rejects.toMatchObject({
      code: 'exemption.person_not_found',
    });
    for (const [bad, message] of [
      [input(q.employeeCode, { from: '2027-01-10', until: '2027-01-09' }), /ngày kết thúc/],
      [input(q.employeeCode, { reason: 'khac' }), /cần ghi chú/],
    ] as const) {
      await expect(Exemption.create({ actor: hr, within: null, input: bad, today: TODAY })).rejects.toMatchObject({ message: expect.stringMatching(message) });
    }
    expect(await listed()).toBe(count);
    expect((await Person.get(q.id)).exempt).toBeUndefined();
    // An image passes, by its bytes whatever its name.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
    const ok = await Exemption.create({
      actor: hr,
      within: null,
      input: input(q.employeeCode, { reason: 'om-dai-ngay', evidence: { fileName: 'giay-om.pdf', data: png } }),
      today: TODAY,
    });
    expect(ok.evidence?.contentType).toBe('image/png');
  });

  it('follows its person through a move, and rebuild names a wrong exempt counter or a person whose exempt disagrees with the records', async () => {
    const p = person(tree.dept1.id, 0);
    await Readiness.changePeople([{ personId: p.id, next: (c) => ({ ...c!, unitId: tree.dept2.id }), reason: 'move' }], { actor: hr.email });
    expect((await Exemption.list({ unitId: tree.dept2.id, today: TODAY })).exemptions.map((e) => e.employeeCode)).toContain(p.employeeCode);
    expect((await Exemption.list({ unitId: tree.dept1.id, today: TODAY })).exemptions.map((e) => e.employeeCode)).not.toContain(p.employeeCode);
    await noMismatch();

    // A person whose `exempt` was lost (a bad restore): rebuild names them, and with write restores it and the counters.
    const { exempt: _, ...lost } = await Person.get(p.id);
    await Readiness.changePeople([{ personId: p.id, next: () => lost }], { actor: 'test' });
    const found = (await Readiness.rebuild({ write: false, today: TODAY })).mismatches;
    expect(found).toContainEqual(expect.objectContaining({ scope: 'record', counter: 'exempt [] → [*]', item: `PERSON#${p.id}/PERSON` }));
    await Readiness.rebuild({ write: true, today: TODAY });
    expect((await Person.get(p.id)).exempt).toEqual(['*']);
    await noMismatch();

    // A unit's exempt counter gone wrong (a bug, a hand edit): named, then repaired.
    const counter = 'exempt:*|tinh|department|can-bo';
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitStats(tree.dept2.id),
        UpdateExpression: 'SET #c = :n',
        ExpressionAttributeNames: { '#c': counter },
        ExpressionAttributeValues: { ':n': 5 },
      }),
    );
    expect((await Readiness.rebuild({ write: false, today: TODAY })).mismatches).toEqual([
      { unitId: tree.dept2.id, scope: 'own', counter, expected: 1, actual: 5 },
    ]);
    await Readiness.rebuild({ write: true, today: TODAY });
    await noMismatch();
  });
});

async function noMismatchOn(today: string) {
  expect((await Readiness.rebuild({ write: false, today })).mismatches).toEqual([]);
}
