import { beforeAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Person, Progress, Report } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';
import { pdfText } from '../../../../test/support/pdf.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';

const bytes = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};
const hr = { email: 'nhansu@test.vn' };

describe('the call list, for units without e-mail', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    const [done, half] = tree.people.filter((p) => p.unitId === tree.dept1.id);
    // One finished the programme; one read both lessons but has not passed the quiz; one left.
    await Progress.markLessonDone({ personId: done!.id, slug: 'khoa-mau', lessonId: 'bai-mot' });
    await Progress.markLessonDone({ personId: done!.id, slug: 'khoa-mau', lessonId: 'bai-hai' });
    await takeQuiz(done!.id, 'khoa-mau');
    await Progress.markLessonDone({ personId: half!.id, slug: 'khoa-mau', lessonId: 'bai-mot' });
    const gone = tree.people.filter((p) => p.unitId === tree.dept1.id)[2]!;
    await putMany([Person.toItem({ ...gone, status: 'left' })]);
  });

  it('lists in a workbook everyone still owing the target, with their unit, the course left and the due date, and nobody done or gone', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await bytes(await Report.download({ actor: hr, kind: 'calls.xlsx', unitId: tree.dept1.id, target: target.id }))) as unknown as ArrayBuffer,
    );
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Danh sách cần nhắc');
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const [done, half, gone] = tree.people.filter((p) => p.unitId === tree.dept1.id);
    const owing = tree.people.filter((p) => p.unitId === tree.dept1.id && p.id !== done!.id && p.id !== gone!.id);
    expect(rows.map((r) => r[2]).sort()).toEqual(owing.map((p) => p.fullName).sort());
    const row = rows.find((r) => r[2] === half!.fullName)!;
    expect(row.slice(1, 8)).toEqual([expect.any(Number), half!.fullName, half!.employeeCode, half!.position, tree.dept1.name, 'Khoá mẫu', '31/12/2026']);
    // The last column is left for the caller's note.
    expect((sheet.getRow(1).values as unknown[]).at(-1)).toBe('Đã liên hệ / ghi chú');
  });

  it('prints the same people on A4 under the unit and the target, with room for a note', async () => {
    const pdf = await bytes(await Report.download({ actor: hr, kind: 'calls.pdf', unitId: tree.agency.id, target: target.id }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('DANH SÁCH CẦN NHẮC HOÀN THÀNH BỒI DƯỠNG');
    expect(text).toContain(`Chỉ tiêu: ${target.title} — hạn 31/12/2026.`);
    const [done, , gone] = tree.people.filter((p) => p.unitId === tree.dept1.id);
    const inAgency = tree.people.filter((p) => [tree.agency.id, tree.dept1.id, tree.dept2.id].includes(p.unitId));
    expect(text).toContain(`Còn ${inAgency.length - 2} người chưa hoàn thành.`);
    expect(text).not.toContain(done!.fullName);
    expect(text).not.toContain(gone!.fullName);
    expect(text).toContain('Đã liên hệ / ghi chú');
  });
});
