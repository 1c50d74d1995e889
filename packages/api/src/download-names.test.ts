import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Org, Person, Readiness, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
let tree: Awaited<ReturnType<typeof smallProvince>>;
let cookie = '';
const get = (path: string) => app.request(path, { headers: { cookie } });
const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { ...WRITE, cookie }, body: JSON.stringify(body) });
const today = new Date().toISOString().slice(0, 10);

/** What a browser saves the file as, and the ASCII name older clients fall back to. */
function names(header: string | null) {
  expect(header).not.toBeNull();
  expect(header).not.toMatch(/[\r\n]/);
  const star = /;\s*filename\*=UTF-8''([^;\s]+)/i.exec(header!);
  const plain = /;\s*filename=(?:"([^"]*)"|([^;\s]*))/i.exec(header!);
  return { saved: star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? plain?.[2]), ascii: plain?.[1] ?? plain?.[2] };
}

/** A unit written straight to the table, as one made before codes were checked may be. */
async function storedUnit(code: string, employeeCode: string): Promise<Org.Info> {
  const unit = Org.make({ id: 'don-vi-cu', code, name: 'Đơn vị cũ', kind: 'department' }, tree.agency);
  const person: Person.Info = {
    id: personIdFor(employeeCode),
    employeeCode,
    fullName: 'Đặng Thị Thu',
    email: null,
    unitId: unit.id,
    category: 'cong-chuc',
    position: 'Chuyên viên',
    status: 'active',
  };
  await putMany([Org.toItem(unit), Person.toItem(person)]);
  await Readiness.rebuild({ write: true });
  return unit;
}

/** Every download an officer or admin can make of one unit, with the file's extension and the Vietnamese words its name starts with. */
const downloads = (unit: Org.Info, employeeCode: string) =>
  [
    [`/api/reports/completions.csv?unit=${unit.id}`, '.csv', 'hoan-thanh-'],
    [`/api/reports/completions.xlsx?unit=${unit.id}`, '.xlsx', 'hoan-thanh-'],
    [`/api/reports/summary.pdf?unit=${unit.id}`, '.pdf', 'tong-hop-'],
    [`/api/reports/untrained.csv?unit=${unit.id}`, '.csv', 'chua-hoan-thanh-'],
    [`/api/org/export.csv?unit=${unit.id}`, '.csv', 'cay-to-chuc-'],
    [`/api/org/export.xlsx?unit=${unit.id}`, '.xlsx', 'cay-to-chuc-'],
    [`/api/reports/transcript.pdf?employeeCode=${encodeURIComponent(employeeCode)}`, '.pdf', 'ket-qua-'],
    [`/api/audit.csv?from=${today}&to=${today}&unit=${unit.id}`, '.csv', 'nhat-ky-'],
  ] as const;

describe('download file names', () => {
  beforeAll(async () => {
    await useFreshTable();
    process.env.REPORTS_DIR = await mkdtemp(join(tmpdir(), 'sansang-reports-'));
    tree = await smallProvince(1);
    await account('quantri@test.vn', tree.people[0]!.id, [{ role: 'admin', unitId: null }]);
    cookie = await sessionCookie('quantri@test.vn');
  });

  it('downloads every report of a unit with a Vietnamese code, the real name in filename* and an ASCII one beside it', async () => {
    const created = await post('/api/org/units', {
      code: 'ĐV-01',
      name: 'Đơn vị Đặc biệt',
      kind: 'department',
      parentId: tree.agency.id,
      effective: '2025-07-01',
    });
    expect(created.status).toBe(201);
    const { unit } = (await created.json()) as { unit: Org.Info };
    await putMany([
      Person.toItem({
        id: personIdFor('ĐV-01-001'),
        employeeCode: 'ĐV-01-001',
        fullName: 'Đặng Thị Thu',
        email: null,
        unitId: unit.id,
        category: 'cong-chuc',
        position: 'Chuyên viên',
        status: 'active',
      }),
    ]);
    await Readiness.rebuild({ write: true });
    for (const [path, ext, stem] of downloads(unit, 'ĐV-01-001')) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const { saved, ascii } = names(res.headers.get('content-disposition'));
      // One language for every file: Vietnamese words, never `completions-` beside `tong-hop-`.
      expect(saved, path).toMatch(new RegExp(`^${stem}`));
      expect(ascii, path).toMatch(new RegExp(`^${stem}`));
      expect(saved, path).toContain('ĐV-01');
      expect(saved!.endsWith(ext), path).toBe(true);
      expect(ascii, path).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(ascii, path).toContain('DV-01');
      await res.arrayBuffer();
    }
  });

  it('names an archived report as the direct download of its kind is named', async () => {
    for (const [kind, stem] of [
      ['completions.csv', 'hoan-thanh'],
      ['completions.xlsx', 'hoan-thanh'],
      ['summary.pdf', 'tong-hop'],
    ] as const) {
      const requested = await post(`/api/reports/archives?unit=${tree.agency.id}&kind=${kind}`, {});
      expect(requested.status, kind).toBe(202);
      const { archive } = (await requested.json()) as { archive: { id: string } };
      await vi.waitFor(
        async () => {
          const { archives } = (await (await get(`/api/reports/archives?unit=${tree.agency.id}`)).json()) as { archives: { id: string; status: string }[] };
          if (archives.find((a) => a.id === archive.id)?.status !== 'ready') throw new Error(`archive ${archive.id} is not ready`);
        },
        { timeout: 30_000, interval: 50 },
      );
      const res = await get(`/api/reports/archives/${archive.id}?unit=${tree.agency.id}`);
      expect(res.status, kind).toBe(200);
      expect(names(res.headers.get('content-disposition')).saved, kind).toBe(`${stem}-${tree.agency.code}-${archive.id}.${kind.split('.')[1]}`);
      await res.arrayBuffer();
    }
  });

  it('keeps a hostile code already stored from adding to the header or changing the extension', async () => {
    const code = "X\"; filename*=UTF-8''bao-cao.hta\r\nX-Evil: 1";
    const unit = await storedUnit(code, 'NV-CU-1');
    for (const [path, ext] of downloads(unit, 'NV-CU-1').filter(([p]) => !p.includes('transcript') && !p.includes('audit'))) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-evil'), path).toBeNull();
      const header = res.headers.get('content-disposition')!;
      expect(header.match(/filename\*=/g), path).toHaveLength(1);
      const { saved, ascii } = names(header);
      expect(saved, path).toContain("X\"; filename*=UTF-8''bao-cao.hta--X-Evil: 1");
      expect(saved!.endsWith(ext), path).toBe(true);
      expect(ascii, path).toMatch(/^[A-Za-z0-9._-]+$/);
      await res.arrayBuffer();
    }
  });

  it('refuses a unit code with a quote, a line break or other punctuation, naming the field', async () => {
    for (const code of ['A"B', 'A\r\nB', 'A;B', 'A\\B', '<b>', 'A\u0000B', 'x'.repeat(65)]) {
      const res = await post('/api/org/units', { code, name: 'Phòng thử', kind: 'department', parentId: tree.agency.id, effective: '2025-07-01' });
      expect(res.status, JSON.stringify(code)).toBe(400);
      expect((await res.json()).error.message, JSON.stringify(code)).toMatch(/code: /);
    }
    for (const code of ['Phòng 2/TCCB', 'P_3.1', 'ĐV 02']) {
      expect(
        (await post('/api/org/units', { code, name: 'Phòng thử', kind: 'department', parentId: tree.agency.id, effective: '2025-07-01' })).status,
        code,
      ).toBe(201);
    }
  });

  it('refuses a code that another unit already has, however it is spelled', async () => {
    const again = await post('/api/org/units', { code: 'phong 1', name: 'Phòng trùng', kind: 'department', parentId: tree.agency.id, effective: '2025-07-01' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('org.code_taken');
    const renamed = await post(`/api/org/units/${tree.dept1.id}/update`, { code: 'PHONG 2', effective: '2025-07-01' });
    expect(renamed.status).toBe(409);
    expect((await renamed.json()).error.code).toBe('org.code_taken');
    expect((await Org.get(tree.dept1.id)).code).toBe(tree.dept1.code);
    const respelled = await post(`/api/org/units/${tree.dept1.id}/update`, { code: 'Phong 1', effective: '2025-07-01' });
    expect(respelled.status).toBe(200);
    const invalid = await post(`/api/org/units/${tree.dept1.id}/update`, { code: 'P1"', effective: '2025-07-01' });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toMatch(/code: /);
  });
});
