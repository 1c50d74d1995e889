import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Audit, Person, Report } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
/** Audit entries are kept by UTC day: look on both sides of today. */
const around = () => ({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
const downloads = async (actor: string) =>
  (await Audit.list({ ...around(), actor }))
    .filter((e) => e.action === 'report.download')
    .reverse()
    .map((e) => ({ unitId: e.unitId, detail: e.detail }));
const bytes = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

describe('a report file leaving the system', () => {
  beforeAll(async () => {
    await useFreshTable();
    process.env.REPORTS_DIR = await mkdtemp(join(tmpdir(), 'sansang-reports-'));
    tree = await smallProvince(2);
  });

  it('is recorded by core as report.download, with who, which unit and what, whichever way it leaves', async () => {
    const hr = { email: 'nhansu@test.vn' };
    const person = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    expect((await bytes(await Report.download({ actor: hr, kind: 'org.csv', unitId: tree.agency.id }))).toString('utf8')).toContain('PHONG-1');
    await bytes(await Report.download({ actor: hr, kind: 'untrained.csv', unitId: tree.agency.id, target: target.id }));
    await bytes(await Report.download({ actor: hr, kind: 'transcript.pdf', unitId: tree.dept1.id, employeeCode: person.employeeCode }));
    expect(await downloads(hr.email)).toEqual([
      { unitId: tree.agency.id, detail: { report: 'org.csv' } },
      { unitId: tree.agency.id, detail: { report: 'untrained.csv', target: target.id } },
      { unitId: tree.dept1.id, detail: { report: 'transcript.pdf', employeeCode: person.employeeCode } },
    ]);

    // The CLI writes the file to disk: its entry says so, and where.
    const operator = { email: 'van-hanh' };
    await bytes(await Report.download({ actor: operator, kind: 'completions.csv', unitId: tree.province.id, terminal: { out: '/tmp/bao-cao.csv' } }));
    expect(await downloads(operator.email)).toEqual([{ unitId: tree.province.id, detail: { report: 'completions.csv', via: 'cli', out: '/tmp/bao-cao.csv' } }]);
  });

  it("lists who is still to train with each one's due date, later for someone who started late", async () => {
    const [joiner, other] = tree.people.filter((p) => p.unitId === tree.dept2.id);
    await putMany([Person.toItem({ ...joiner!, startDate: '2026-12-15' })]);
    const csv = (await bytes(await Report.download({ actor: { email: 'nhansu@test.vn' }, kind: 'untrained.csv', unitId: tree.dept2.id, target: target.id })))
      .toString('utf8')
      .split('\r\n');
    expect(csv[0]).toBe('\ufeffMã đơn vị,Đơn vị,Mã cán bộ,Họ và tên,Phân loại,Chức vụ,Hạn hoàn thành');
    expect(csv.find((line) => line.includes(joiner!.employeeCode))).toMatch(/,2027-02-13$/);
    expect(csv.find((line) => line.includes(other!.employeeCode))).toMatch(new RegExp(`,${target.deadline}$`));
  });

  it('is recorded for an archived copy too, with the archive and its hash, and not when the archive is made', async () => {
    const requested = await Report.requestArchive(tree.agency.id, 'luu@test.vn', 'completions.csv');
    const made = await Report.runArchiveJob({ unitId: tree.agency.id, id: requested.id });
    expect(made.status).toBe('ready');
    expect(await downloads('luu@test.vn')).toEqual([]);
    const { archive, body } = await Report.downloadArchive({ actor: { email: 'luu@test.vn' }, unitId: tree.agency.id, id: requested.id });
    expect((await bytes(body)).length).toBe(archive.bytes);
    expect(await downloads('luu@test.vn')).toEqual([
      { unitId: tree.agency.id, detail: { report: 'completions.csv', archive: requested.id, sha256: made.sha256 } },
    ]);
  });

  it('records nothing when the file cannot be made', async () => {
    await expect(Report.download({ actor: { email: 'sai@test.vn' }, kind: 'untrained.csv', unitId: tree.agency.id, target: 'khong-co' })).rejects.toMatchObject(
      { code: 'target.not_found' },
    );
    await expect(
      Report.downloadArchive({ actor: { email: 'sai@test.vn' }, unitId: tree.agency.id, id: '20260101T000000000Z-000000000000' }),
    ).rejects.toMatchObject({ code: 'report.not_found' });
    expect(await downloads('sai@test.vn')).toEqual([]);
  });
});
