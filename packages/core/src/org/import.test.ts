import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError, Org, Readiness, exportUnits, importUnits, readImportFile, type ImportRow } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';

const rows = (lines: string[][]): ImportRow[] =>
  lines.slice(1).map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(lines[0]!.map((h, j) => [h, cells[j] ?? ''])) }));
const header = ['code', 'name', 'kind', 'level', 'parent_code'];

/** A province with 40 sở of 12 phòng each and 120 xã with 5 schools each: 1,241 units. */
function provinceFile(): string[][] {
  const lines = [header, ['T', 'UBND tỉnh Thử', 'province', '', '']];
  for (let a = 1; a <= 40; a++) {
    lines.push([`S${a}`, `Sở số ${a}`, 'agency', '', 'T']);
    for (let d = 1; d <= 12; d++) lines.push([`S${a}-P${d}`, `Phòng ${d}`, 'department', '', `S${a}`]);
  }
  for (let x = 1; x <= 120; x++) {
    lines.push([`X${x}`, `Xã số ${x}`, 'commune', '', 'T']);
    for (let s = 1; s <= 5; s++) lines.push([`X${x}-TH${s}`, `Trường ${s} xã ${x}`, 'service-unit', '', `X${x}`]);
  }
  // Children first: an HR system's export is in no particular order.
  return [header, ...lines.slice(1).reverse()];
}

describe('importing and exporting the org tree in bulk', () => {
  beforeAll(async () => {
    await useFreshTable();
  });

  it('imports a province of 1,241 units in one file, children before parents, and exports it back unchanged', async () => {
    const file = rows(provinceFile());
    expect(file.length).toBe(1 + 40 * 13 + 120 * 6);
    const dry = await importUnits(file, { effective: '2025-07-01', dryRun: true });
    expect(dry).toMatchObject({ created: file.length, updated: 0, moved: 0 });
    expect(await Org.children(null)).toEqual([]);
    const plan = await importUnits(file, { effective: '2025-07-01' });
    expect(plan.created).toBe(file.length);
    expect(await Org.get('x7-th3')).toMatchObject({ ancestors: ['t', 'x7'], level: 'xa', kind: 'service-unit' });
    expect(await Org.get('s3-p2')).toMatchObject({ ancestors: ['t', 's3'], level: 'tinh' });
    const exported: string[][] = [];
    for await (const u of exportUnits('t')) exported.push([u.code, u.name, u.kind, u.level, u.parent_code]);
    expect(exported.length).toBe(file.length);
    const again = await importUnits(rows([header, ...exported]), { effective: '2025-07-02', dryRun: true });
    expect(again).toMatchObject({ created: 0, updated: 0, moved: 0, unchanged: file.length });
  }, 120_000);

  it('renames and moves through the file, and refuses a file with any bad row, naming each', async () => {
    const plan = await importUnits(rows([header, ['S1-P1', 'Văn phòng Sở số 1', 'department', '', 'S2'], ['S1', 'Sở Nội vụ', 'agency', '', 'T']]), {
      effective: '2025-08-01',
    });
    expect(plan).toMatchObject({ updated: 2, moved: 1 });
    expect(await Org.get('s1-p1')).toMatchObject({ name: 'Văn phòng Sở số 1', parentId: 's2', ancestors: ['t', 's2'] });
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);

    const bad = await importUnits(
      rows([
        header,
        ['A', 'Vòng A', 'department', '', 'B'],
        ['B', 'Vòng B', 'department', '', 'A'],
        ['K', 'Sai loại', 'bureau', 'tinh', 'T'],
        ['L', 'Sai cấp', 'department', 'vung', 'T'],
        ['M', 'Không có cấp trên', 'department', '', 'KHONG-CO'],
        ['T', 'Dưới cháu', 'province', '', 'S3-P2'],
      ]),
      { effective: '2025-08-01' },
    ).catch((e) => e);
    expect(bad).toBeInstanceOf(ImportError);
    expect(bad.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort()).toEqual(['4:kind', '5:level', '6:parent_code'].sort());
    const cycles = await importUnits(
      rows([header, ['A', 'Vòng A', 'department', '', 'B'], ['B', 'Vòng B', 'department', '', 'A'], ['T', 'Dưới cháu', 'province', '', 'S3-P2']]),
      { effective: '2025-08-01' },
    ).catch((e) => e);
    expect(cycles.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort()).toEqual([
      '2:parent_code',
      '3:parent_code',
      '4:parent_code',
    ]);
    expect((await Org.get('t')).parentId).toBeNull();
  });

  it('refuses codes that could forge a header or a CSV line, or that name one unit twice, row by row', async () => {
    const bad = await importUnits(
      rows([
        header,
        ['A"B', 'Dấu nháy', 'department', '', 'T'],
        ['X\r\nY', 'Xuống dòng', 'department', '', 'T'],
        ['A;B', 'Chấm phẩy', 'department', '', 'T'],
        ['MS VP', 'Văn phòng', 'department', '', 'T'],
        ['ms-vp', 'Văn phòng lần hai', 'department', '', 'T'],
        ['X'.repeat(65), 'Quá dài', 'department', '', 'T'],
      ]),
      { effective: '2025-08-01', dryRun: true },
    ).catch((e) => e);
    expect(bad).toBeInstanceOf(ImportError);
    expect(bad.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(['2:code', '3:code', '4:code', '6:code', '7:code']);
    expect(bad.message).toMatch(/^dòng 2, cột code: mã chỉ được có chữ, số/);
    expect(bad.message).toContain('dòng 6, cột code: mã "ms-vp" trùng với mã "MS VP" ở dòng 5');
    expect(bad.message).toContain('dòng 7, cột code: mã tối đa 64 ký tự');
    const csv = '\ufeffMã đơn vị,Tên đơn vị,Loại đơn vị,Cấp,Mã đơn vị cấp trên\r\nĐV-01,Phòng Đặc biệt,department,,S9\r\n';
    expect((await importUnits(await readImportFile(new TextEncoder().encode(csv)), { effective: '2025-08-01', dryRun: true })).created).toBe(1);
  });

  it('keeps an admin of a subtree inside it', async () => {
    const within = await Org.get('s5');
    const err = await importUnits(rows([header, ['S5-P13', 'Phòng mới', 'department', '', 'S5'], ['S6-P13', 'Phòng của sở khác', 'department', '', 'S6']]), {
      effective: '2025-08-01',
      within,
    }).catch((e) => e);
    expect(err.problems).toEqual([{ row: 3, column: 'parent_code', message: expect.stringContaining('ngoài phạm vi quản lý') }]);
  });

  it("reads the export's Vietnamese column titles back", async () => {
    const csv = '\ufeffMã đơn vị,Tên đơn vị,Loại đơn vị,Cấp,Mã đơn vị cấp trên\r\nS9-P13,Phòng Chuyển đổi số,department,,S9\r\n';
    const plan = await importUnits(await readImportFile(new TextEncoder().encode(csv)), { effective: '2025-08-01' });
    expect(plan.created).toBe(1);
    expect((await Org.get('s9-p13')).name).toBe('Phòng Chuyển đổi số');
  });
});
