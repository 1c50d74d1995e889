import type { Readable } from 'node:stream';
import type { Target } from '../target/index.ts';
import { count, vnDate } from './labels.ts';
import { stillOwes } from './labels.ts';
import type { PersonTargetRow } from './model.ts';
import { documentHeader, muted, pdfReport, write, type Brand } from './pdf-layout.ts';
import { table, type TableColumn } from './pdf-table.ts';
import { xlsxTable } from './table-file.ts';

/**
 * The call list, for units without e-mail: who still owes the target, where they work, what
 * is left of its programme and by when, and room for the caller's note. One row per person,
 * unit by unit, as the readiness list has them.
 */
export type CallRow = { unitName: string; fullName: string; employeeCode: string; position: string; owes: string; due: string; overdue: boolean };

export async function* callRows(
  rows: AsyncIterable<PersonTargetRow>,
  target: Target.Info,
  titles: Map<string, string>,
  today: string,
): AsyncGenerator<CallRow> {
  for await (const r of rows) {
    if (!stillOwes(r)) continue;
    const due = r.lapse === 'lapsed' ? r.validUntil! : r.dueDate;
    // What is left: the courses not completed, or the whole programme again once a completion lapsed.
    const left = target.programme.filter((slug, i) => r.lapse === 'lapsed' || !r.courses[i]).map((slug) => titles.get(slug) ?? slug);
    yield { unitName: r.unitName, fullName: r.fullName, employeeCode: r.employeeCode, position: r.position, owes: left.join('; '), due, overdue: due < today };
  }
}

const dueText = (r: CallRow) => `${vnDate(r.due)}${r.overdue ? ' (quá hạn)' : ''}`;

const headers = ['STT', 'Họ và tên', 'Mã cán bộ', 'Chức vụ', 'Đơn vị', 'Khoá học còn phải hoàn thành', 'Hạn', 'Đã liên hệ / ghi chú'];

export function callListXlsx(rows: AsyncIterable<CallRow>): Readable {
  return xlsxTable(
    'Danh sách cần nhắc',
    headers.map((header, i) => ({ header, width: [6, 28, 14, 22, 36, 48, 18, 28][i] })),
    (async function* () {
      let n = 0;
      for await (const r of rows) yield [++n, r.fullName, r.employeeCode, r.position, r.unitName, r.owes, dueText(r), ''];
    })(),
  );
}

const columns: TableColumn[] = [
  { title: 'STT', width: 26, align: 'right' },
  { title: 'Họ và tên', width: 100 },
  { title: 'Đơn vị', width: 105 },
  { title: 'Khoá học còn phải hoàn thành', width: 130 },
  { title: 'Hạn', width: 64, align: 'center' },
  { title: 'Đã liên hệ / ghi chú', width: 70 },
];

/** Rows a printed list holds at most: past that, the workbook (which streams) has them all. */
export const CALL_LIST_PDF_ROWS = 2000;

/** The same list on A4, to print and tick off by hand. */
export async function callListPdf(
  unitName: string,
  target: Target.Info,
  rows: AsyncIterable<CallRow>,
  generatedAt: string,
  brand: Brand = null,
): Promise<Readable> {
  const list: CallRow[] = [];
  let total = 0;
  for await (const r of rows) if (total++ < CALL_LIST_PDF_ROWS) list.push(r);
  return pdfReport(`Danh sách cần nhắc — ${unitName}`, (doc) => {
    documentHeader(doc, unitName, 'DANH SÁCH CẦN NHẮC HOÀN THÀNH BỒI DƯỠNG', generatedAt, brand);
    write(doc, `Chỉ tiêu: ${target.title} — hạn ${vnDate(target.deadline)}. Còn ${count(total)} người chưa hoàn thành.`, 'regular', 10.5);
    if (total > list.length)
      write(doc, `Bản in có ${count(list.length)} người đầu tiên; bản Excel có đủ ${count(total)} người.`, 'regular', 10, { color: muted });
    doc.moveDown(0.8);
    if (list.length === 0) {
      write(doc, 'Không còn ai phải nhắc: mọi người trong diện đã hoàn thành hoặc được miễn.', 'regular', 10.5, { color: muted });
      return;
    }
    table(
      doc,
      columns,
      list.map((r, i) => [
        count(i + 1),
        `${r.fullName}\n${r.employeeCode}${r.position ? ` · ${r.position}` : ''}`,
        r.unitName,
        r.owes,
        r.overdue ? { text: dueText(r), color: '#b91c1c', bold: true } : dueText(r),
        '',
      ]),
    );
  });
}
