import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Audit, Org, Person, Readiness, Report, personIdFor } from '@sansang/core';
import { app } from './app.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<string, string> = {};
const get = (who: string, path: string) => app.request(path, { headers: { cookie: cookies[who]! } });
const post = (who: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { ...WRITE, cookie: cookies[who]!, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const today = new Date().toISOString().slice(0, 10);
/** Audit entries are kept by UTC day: a test that runs across midnight must look on both sides of it. */
const aroundToday = { from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) };

/** The archive once the background job has finished it (polled; fails after 30 s). */
const waitReady = (unitId: string, id: string) =>
  vi.waitFor(
    async () => {
      const { archives } = await (await get('hr', `/api/reports/archives?unit=${unitId}`)).json();
      const a = archives.find((x: { id: string }) => x.id === id);
      if (a.status === 'pending' || a.status === 'running') throw new Error(`archive ${id} is still ${a.status}`);
      return a;
    },
    { timeout: 30_000, interval: 50 },
  );

/** The person the HR officer's account is bound to. */
const inAgencyFirst = () => tree.people.filter((p) => p.unitId === tree.agency.id)[0]!;

describe('HR report packs, schedules, roster and org routes', () => {
  beforeAll(async () => {
    await useFreshTable();
    process.env.REPORTS_DIR = await mkdtemp(join(tmpdir(), 'sansang-reports-'));
    tree = await smallProvince(3);
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    await account('nhansu@test.vn', inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('quantri@test.vn', inAgency[1]!.id, [{ role: 'admin', unitId: null }]);
    cookies.hr = await sessionCookie('nhansu@test.vn');
    cookies.admin = await sessionCookie('quantri@test.vn');
    for (const p of tree.people.filter((p) => p.unitId === tree.dept1.id)) await Readiness.recordCompletion({ person: p, slug: 'khoa-mau', version: 1 });
  });

  it('downloads the subtree as CSV, XLSX and PDF, each download audited, nothing outside the subtree', async () => {
    const csv = await get('hr', '/api/reports/completions.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const text = bytes.toString('utf8');
    expect(text).toContain(tree.dept1.name);
    expect(text).not.toContain(tree.commune.name);

    const xlsx = await get('hr', `/api/reports/completions.xlsx?unit=${tree.agency.id}`);
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="?hoan-thanh-SO-[0-9-]+\.xlsx"?$/);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)[0]).toBe('Tổng hợp');
    const sheet = book.worksheets[1]!;
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(4).value));
    });
    expect(names.sort()).toEqual(
      tree.people
        .filter((p) =>
          Org.isWithin(
            tree.units.find((u) => u.id === p.unitId)!,
            tree.agency.id,
          ),
        )
        .map((p) => p.fullName)
        .sort(),
    );

    // Whoever prepares the report is named as a person who signs, on paper and in the workbook; the audit log below keeps the e-mail.
    const preparer = inAgencyFirst().fullName;
    expect(JSON.stringify(book.getWorksheet('Tổng hợp')!.getSheetValues())).toContain(preparer);
    expect(JSON.stringify(book.getWorksheet('Tổng hợp')!.getSheetValues())).not.toContain('nhansu@test.vn');
    const pdf = await get('hr', `/api/reports/summary.pdf?unit=${tree.agency.id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfWords = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(pdfWords).toContain(tree.agency.name);
    expect(pdfWords).toMatch(new RegExp(`Người lập biểu.*${preparer}`));
    expect(pdfWords).not.toContain('nhansu@test.vn');

    const transcript = await get('hr', `/api/reports/transcript.pdf?employeeCode=${tree.people.find((p) => p.unitId === tree.dept1.id)!.employeeCode}`);
    expect(await pdfText(new Uint8Array(await transcript.arrayBuffer()))).toContain('Khoá mẫu');

    expect((await get('hr', `/api/reports/completions.xlsx?unit=${tree.commune.id}`)).status).toBe(403);
    expect((await get('hr', `/api/reports/transcript.pdf?employeeCode=${tree.people.find((p) => p.unitId === tree.commune.id)!.employeeCode}`)).status).toBe(
      403,
    );
    const downloads = (await Audit.list({ ...aroundToday, actor: 'nhansu@test.vn' })).filter((e) => e.action === 'report.download');
    expect(downloads.map((d) => d.detail?.report).sort()).toEqual(['completions.csv', 'completions.xlsx', 'summary.pdf', 'transcript.pdf']);
    expect(
      downloads.every(
        (d) =>
          d.unitId === tree.agency.id ||
          Org.isWithin(
            tree.units.find((u) => u.id === d.unitId)!,
            tree.agency.id,
          ),
      ),
    ).toBe(true);
  });

  it('sends a subtree too large for a direct download to the background, where a retried request makes one archive', async () => {
    process.env.REPORT_DIRECT_LIMIT = '2';
    try {
      const refused = await get('hr', '/api/reports/completions.xlsx');
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.code).toBe('report.use_archive');
    } finally {
      delete process.env.REPORT_DIRECT_LIMIT;
    }
    const first = await (await post('hr', '/api/reports/archives?kind=completions.xlsx', undefined, { 'idempotency-key': 'nut-bam-1' })).json();
    const again = await (await post('hr', '/api/reports/archives?kind=completions.xlsx', undefined, { 'idempotency-key': 'nut-bam-1' })).json();
    expect(again.archive.id).toBe(first.archive.id);
    const ready = await waitReady(tree.agency.id, first.archive.id);
    expect(ready).toMatchObject({ status: 'ready', kind: 'completions.xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await get('hr', `/api/reports/archives/${first.archive.id}?unit=${tree.agency.id}`);
    expect(file.headers.get('content-type')).toBe(Report.archiveKinds['completions.xlsx'].contentType);
    expect(
      (await (await get('hr', `/api/reports/archives?unit=${tree.agency.id}`)).json()).archives.filter((a: { kind: string }) => a.kind === 'completions.xlsx'),
    ).toHaveLength(1);
  });

  it('makes a scheduled pack once when it is due, and not again when the job runs twice', async () => {
    const res = await post('hr', '/api/reports/schedules', { unit: tree.dept1.id, frequency: 'quarterly' });
    expect(res.status).toBe(201);
    const { schedule } = await res.json();
    expect(new Date(schedule.nextRun).getUTCDate() === 1 || new Date(schedule.nextRun).getUTCDate() >= 28).toBe(true);
    expect((await (await get('hr', '/api/reports/schedules')).json()).schedules.map((s: { unitId: string }) => s.unitId)).toEqual([tree.dept1.id]);
    expect(await Report.runDueSchedules(new Date())).toEqual([]);
    const due = new Date(Date.parse(schedule.nextRun) + 60_000);
    const made = await Report.runDueSchedules(due);
    expect(made.map((a) => a.kind).sort()).toEqual(['completions.csv', 'completions.xlsx', 'summary.pdf']);
    expect(await Report.runDueSchedules(due)).toEqual([]);
    for (const a of made) expect((await waitReady(tree.dept1.id, a.id)).status).toBe('ready');
    expect((await post('hr', '/api/reports/schedules', { unit: tree.commune.id, frequency: 'monthly' })).status).toBe(403);
    expect((await post('hr', '/api/reports/schedules/remove', { unit: tree.dept1.id, frequency: 'quarterly' })).status).toBe(204);
    expect((await (await get('hr', '/api/reports/schedules')).json()).schedules).toEqual([]);
    const set = (await Audit.list({ ...aroundToday, actor: 'nhansu@test.vn' })).filter((e) => e.action.startsWith('report.') && e.action.endsWith('schedule'));
    expect(set.map((e) => [e.action, e.unitId, e.detail])).toEqual([
      ['report.unschedule', tree.dept1.id, { frequency: 'quarterly' }],
      ['report.schedule', tree.dept1.id, { frequency: 'quarterly' }],
    ]);
  });

  it("imports a roster into the officer's subtree only, previewing first", async () => {
    const outsider = tree.people.find((p) => p.unitId === tree.commune.id)!;
    const file = [
      'Mã cán bộ,Họ và tên,Mã đơn vị,Phân loại,Chức vụ,Trạng thái',
      'SNV-100,Vũ Thị Hằng,PHONG-2,Công chức,Chuyên viên,',
      'SNV-101,Đinh Công Tráng,XA,Công chức,Chuyên viên,',
      `${outsider.employeeCode},${outsider.fullName},PHONG-2,Công chức,Chuyên viên,`,
    ].join('\r\n');
    const preview = await (await post('hr', '/api/roster/import?dryRun=1', file, { 'content-type': 'text/csv' })).json();
    expect(preview.plan).toMatchObject({ applied: false, invalidRows: 2, counts: { create: 1 } });
    expect(preview.plan.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(['3:unit_code', '4:employee_code']);
    const refused = await post('hr', '/api/roster/import', file, { 'content-type': 'text/csv' });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/^dòng 3, cột unit_code: /);
    const done = await (await post('hr', '/api/roster/import?acceptValid=1', file, { 'content-type': 'text/csv' })).json();
    expect(done.plan).toMatchObject({ applied: true, counts: { create: 1 } });
    expect((await Person.get(personIdFor('SNV-100'))).unitId).toBe(tree.dept2.id);
    expect((await Person.get(outsider.id)).unitId).toBe(tree.commune.id);
  });

  it('lets an admin reorganise and round-trips the tree through an export', async () => {
    const created = await post('admin', '/api/org/units', {
      code: 'SO-MOI',
      name: 'Sở Khoa học và Công nghệ',
      kind: 'agency',
      parentId: tree.province.id,
      effective: '2025-07-01',
    });
    expect(created.status).toBe(201);
    const { merged } = await (
      await post('admin', '/api/org/merge', { sourceIds: [tree.dept2.id], into: { unitId: tree.dept1.id }, effective: '2025-07-01' })
    ).json();
    expect(merged.into.id).toBe(tree.dept1.id);
    const view = await (await get('admin', `/api/org?unit=${tree.agency.id}`)).json();
    expect(view.former.map((u: { id: string }) => u.id)).toEqual([tree.dept2.id]);
    expect(view.children.find((u: { id: string }) => u.id === tree.dept1.id).staff).toBe(
      tree.people.filter((p) => p.unitId === tree.dept1.id || p.unitId === tree.dept2.id).length + 1,
    );
    expect((await post('hr', '/api/org/units', { code: 'X', name: 'x', kind: 'department', parentId: tree.agency.id, effective: today })).status).toBe(403);
    const csv = Buffer.from(await (await get('admin', '/api/org/export.csv')).arrayBuffer()).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffMã đơn vị,Tên đơn vị,Loại đơn vị,Cấp,Mã đơn vị cấp trên');
    const dry = await (await post('admin', '/api/org/import?dryRun=1', csv, { 'content-type': 'text/csv' })).json();
    expect(dry.plan).toMatchObject({ created: 0, updated: 0, moved: 0, unchanged: csv.trim().split('\r\n').length - 1 });
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });
});
