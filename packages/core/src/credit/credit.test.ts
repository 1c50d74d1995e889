import { beforeAll, describe, expect, it } from 'vitest';
import { Credit, Readiness, Requirement } from '@sansang/core';
import { queryList } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const hr = { email: 'nhansu@test.vn' };
const pdf = Buffer.from('%PDF-1.4\n% chứng chỉ ứng dụng CNTT cơ bản\n%%EOF\n').toString('base64');
const certificate = (employeeCode: string, over: Partial<Credit.Input> = {}): Credit.Input => ({
  employeeCode,
  issuer: 'Trung tâm Sát hạch CNTT tỉnh',
  number: 'CB-2025-0142',
  issuedOn: '2025-05-20',
  courses: ['khoa-mau'],
  evidence: { fileName: 'chung-chi.pdf', data: pdf },
  ...over,
});
const person = (unitId: string, i: number) => tree.people.filter((p) => p.unitId === unitId)[i]!;
const trainedAt = async (unitId: string) => (await Readiness.forUnit({ unitId, targetId: target.id })).trained;
const noMismatch = async () => expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);

describe('credit for prior learning', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
  });

  it('counts, once HR records it, as a completion of its courses, marked as credit, and makes the person trained', async () => {
    const p = person(tree.dept1.id, 0);
    expect(await trainedAt(tree.dept1.id)).toBe(0);
    const credit = await Credit.submit({ actor: hr, within: tree.agency.id, input: certificate(p.employeeCode), approve: true });
    expect([credit.state, credit.approvedBy, credit.evidence.contentType]).toEqual(['approved', hr.email, 'application/pdf']);
    expect(await trainedAt(tree.dept1.id)).toBe(1);
    expect(await trainedAt(tree.province.id)).toBe(1);
    const [completion] = await queryList({ pk: `PERSON#${p.id}`, skPrefix: 'COMPLETION#' });
    expect(completion).toMatchObject({ slug: 'khoa-mau', creditId: credit.id });
    expect(await Requirement.forPerson({ personId: p.id })).toMatchObject([{ status: 'done' }]);
    await noMismatch();
  });

  it('waits for HR when the learner sends it, then counts once approved, and only once', async () => {
    const p = person(tree.dept2.id, 1);
    const sent = await Credit.submit({ actor: { email: 'hocvien@test.vn' }, within: tree.dept2.id, input: certificate(p.employeeCode), approve: false });
    expect(sent.state).toBe('pending');
    expect(await trainedAt(tree.dept2.id)).toBe(0);
    expect((await Credit.list({ unitId: tree.agency.id, state: 'pending' })).credits.map((c) => [c.employeeCode, c.unitName])).toEqual([
      [p.employeeCode, tree.dept2.name],
    ]);
    const approved = await Credit.approve({ actor: hr, within: tree.agency.id, id: sent.id });
    expect([approved.state, approved.approvedBy]).toEqual(['approved', hr.email]);
    expect(await trainedAt(tree.dept2.id)).toBe(1);
    await expect(Credit.approve({ actor: hr, within: null, id: sent.id })).rejects.toMatchObject({ code: 'credit.already_approved' });
    expect(await trainedAt(tree.dept2.id)).toBe(1);
    await noMismatch();
  });

  it('refuses, writing nothing, a credit without a scan or with a file that is not one, from the future, for an unknown course, twice, or for someone outside', async () => {
    const p = person(tree.commune.id, 0);
    const count = async () => (await Credit.list({ unitId: tree.province.id })).credits.length;
    const before = await count();
    const cases: [unknown, string, RegExp][] = [
      [{ ...certificate(p.employeeCode), evidence: undefined }, 'request.invalid', /bản chụp/],
      [
        certificate(p.employeeCode, { evidence: { fileName: 'anh.jpg', data: Buffer.from('GIF89a không phải').toString('base64') } }),
        'evidence.type',
        /không phải PDF hay ảnh/,
      ],
      [certificate(p.employeeCode, { issuedOn: '2099-01-01' }), 'credit.future_date', /chưa tới/],
      [certificate(p.employeeCode, { courses: ['khoa-mau', 'khong-co'] }), 'credit.unknown_course', /khong-co/],
      [certificate(person(tree.dept1.id, 0).employeeCode, { number: ' cb-2025-0142 ' }), 'credit.duplicate', /đã được ghi/],
      [certificate('NV-KHONG-CO'), 'credit.not_found', /NV-KHONG-CO/],
    ];
    for (const [input, code, message] of cases) {
      await expect(Credit.submit({ actor: hr, within: null, input: input as Credit.Input, approve: true }), code).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    }
    await expect(Credit.submit({ actor: hr, within: tree.agency.id, input: certificate(p.employeeCode), approve: true })).rejects.toMatchObject({
      code: 'credit.not_found',
    });
    expect(await count()).toBe(before);
  });

  it('follows its person through a move', async () => {
    const p = person(tree.dept2.id, 1);
    await Readiness.changePeople([{ personId: p.id, next: (c) => ({ ...c!, unitId: tree.commune.id }), reason: 'move' }], { actor: hr.email });
    expect((await Credit.list({ unitId: tree.commune.id })).credits.map((c) => c.employeeCode)).toEqual([p.employeeCode]);
    expect((await Credit.list({ unitId: tree.agency.id })).credits.map((c) => c.employeeCode)).not.toContain(p.employeeCode);
    await noMismatch();
  });
});
