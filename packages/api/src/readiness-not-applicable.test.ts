import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Readiness, Target } from '@sansang/core';
import { app } from './app.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/**
 * A target for departments (phòng) only: nobody at the commune is in its scope, so there it is
 * "không áp dụng", never "chưa đạt" (DESIGN.md; issue 21, "Figures that contradict themselves").
 */
const phong: Target.Info = {
  id: 'phong-50',
  title: 'Một nửa công chức các phòng hoàn thành khoá mẫu',
  programme: ['khoa-mau'],
  categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
  unitKinds: ['department'],
  percent: 50,
  deadline: '2026-12-31',
};

let tree: Awaited<ReturnType<typeof smallProvince>>;
let cookie = '';
const get = (path: string) => app.request(path, { headers: { cookie } });
const readiness = async (unit: string, target?: string) =>
  (await get(`/api/readiness?unit=${unit}${target ? `&target=${target}` : ''}`)).json() as Promise<Readiness.UnitReadiness>;

describe('a target nobody is in the scope of at a unit', () => {
  beforeAll(async () => {
    await useFreshTable();
    // 3 people in the agency itself, in each of its two departments and in the commune.
    tree = await smallProvince(3);
    await Target.put(phong);
    await account('quantri@test.vn', tree.people[0]!.id, [{ role: 'admin', unitId: null }]);
    cookie = await sessionCookie('quantri@test.vn');
    // Department 1's three finish; department 2's do not.
    for (const p of tree.people.filter((p) => p.unitId === tree.dept1.id)) await Readiness.recordCompletion({ person: p, slug: 'khoa-mau', version: 1 });
  });

  it('flags the unit and the child as not applicable, leaves them out of x/y and sorts them last', async () => {
    // Province: in scope only the two departments' 6 people, 3 trained = 50 %, meeting 50 %.
    const province = await readiness(tree.province.id, phong.id);
    expect({ staff: province.staff, trained: province.trained, percent: province.percent, applicable: province.applicable }).toEqual({
      staff: 6,
      trained: 3,
      percent: 50,
      applicable: true,
    });
    // The commune (0 in scope, 0 %) would head a worst-first list; it comes last, marked not applicable.
    expect(province.children.map((c) => [c.id, c.staff, c.percent, c.meetsTarget, c.applicable])).toEqual([
      [tree.agency.id, 6, 50, true, true],
      [tree.commune.id, 0, 0, false, false],
    ]);
    // "1/1 sở đạt chỉ tiêu": the commune is in neither number.
    expect(province.childrenMeeting).toEqual([{ kind: 'agency', meets: 1, total: 1 }]);

    // Agency: worst first among those it applies to: department 2 at 0/3, then department 1 at 3/3.
    const agency = await readiness(tree.agency.id, phong.id);
    expect(agency.children.map((c) => [c.id, c.staff, c.trained, c.percent, c.applicable])).toEqual([
      [tree.dept2.id, 3, 0, 0, true],
      [tree.dept1.id, 3, 3, 100, true],
    ]);
    expect(agency.childrenMeeting).toEqual([{ kind: 'department', meets: 1, total: 2 }]);

    // The commune itself: nothing in scope, so no "chưa đạt" and no forecast of missing the deadline.
    const commune = await readiness(tree.commune.id, phong.id);
    expect({ staff: commune.staff, applicable: commune.applicable, meetsTarget: commune.meetsTarget, gap: commune.gap }).toEqual({
      staff: 0,
      applicable: false,
      meetsTarget: false,
      gap: 0,
    });
    expect(commune.projection).toEqual({ weeklyPace: null, projectedDate: null, onTrack: null });
    expect(commune.childrenMeeting).toEqual([]);
  });

  it('offers the targets that apply first, and opens on one of them', async () => {
    // At the commune the all-staff fixture target applies (3 people), the departments' one does not.
    const commune = await readiness(tree.commune.id);
    // Both are installation-wide (no owner unit).
    expect(commune.targets).toEqual([
      { id: 'muc-tieu', title: 'Tất cả hoàn thành khoá mẫu', applicable: true, owner: null },
      { id: phong.id, title: phong.title, applicable: false, owner: null },
    ]);
    expect(commune.target.id).toBe('muc-tieu');
    expect(commune.applicable).toBe(true);
  });

  it('prints the not-applicable child as "Không áp dụng" in the PDF and the XLSX, never "Chưa đạt"', async () => {
    const pdf = (await pdfText(new Uint8Array(await (await get(`/api/reports/summary.pdf?unit=${tree.province.id}`)).arrayBuffer()))).replace(/\s+/g, ' ');
    // The departments' target: the commune row reads "Không áp dụng" with no percentage.
    expect(pdf).toContain(`Đơn vị trực thuộc: 1/1 sở, ban, ngành đạt chỉ tiêu.`);
    expect(pdf).toContain(`2 ${tree.commune.code} ${tree.commune.name} 0 0 0 — Không áp dụng`);
    expect(pdf).not.toContain(`${tree.commune.name} 0 0 0,0% Chưa đạt`);
    expect(pdf).not.toContain('Đơn vị trực thuộc: .');

    // At the commune the departments' target says plainly that it does not apply.
    const communePdf = (await pdfText(new Uint8Array(await (await get(`/api/reports/summary.pdf?unit=${tree.commune.id}`)).arrayBuffer()))).replace(
      /\s+/g,
      ' ',
    );
    const section = communePdf.slice(communePdf.indexOf(`2. ${phong.title}`), communePdf.indexOf('Người lập biểu'));
    expect(section).toContain(`2. ${phong.title} Đơn vị giao: Toàn hệ thống Chỉ tiêu: 50% số người trong diện hoàn thành`);
    expect(section).toContain('Tình trạng: Không áp dụng — đơn vị không có ai trong diện của chỉ tiêu này');
    for (const never of ['Chưa đạt', 'Không kịp hạn', '0 / 0', 'Đơn vị trực thuộc']) expect(section).not.toContain(never);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await get(`/api/reports/completions.xlsx?unit=${tree.province.id}`)).arrayBuffer());
    const rows = Array.from(book.getWorksheet('Tổng hợp')!.getSheetValues(), (r) => (Array.isArray(r) ? Array.from(r.slice(1), (v) => v ?? null) : []));
    // The commune: "Chưa đạt" at 0/3 for the all-staff target, "Không áp dụng" at 0/0, with no percentage, for the departments' one.
    expect(rows.filter((r) => r[0] === tree.commune.code)).toEqual([
      // In scope, exempt, to complete, done, not yet, (expiring, expired, ever done: blank where completions never lapse), %, status.
      [tree.commune.code, tree.commune.name, 3, 0, 3, 0, 3, null, null, null, 0, 'Chưa đạt'],
      [tree.commune.code, tree.commune.name, 0, 0, 0, 0, 0, null, null, null, null, 'Không áp dụng'],
    ]);
  });
});
