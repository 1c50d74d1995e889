import type { Readable, Writable } from 'node:stream';
import type { Worksheet } from 'exceljs';
import { deferredStream, pacer } from './deferred-stream.ts';
import {
  categoryLabel,
  childrenMeetingText,
  nfc,
  notApplicableLabel,
  oneDecimal,
  originText,
  projectionText,
  statusLabel,
  vnDay,
  creditedLabel,
  personStatus,
} from './labels.ts';
import type { PersonTargetRow, TargetFigures, UnitSummary } from './model.ts';

type Cell = string | number | Date | null;
type Column = { title: string; kind?: 'date' | 'percent' };

const summarySheetName = 'Tổng hợp';
const dateFormat = 'dd/mm/yyyy';
const headerStyle = {
  font: { bold: true },
  alignment: { vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } },
} as const;

/**
 * For a target whose completions lapse: of the done, those whose completion ends within the
 * renewal window; apart from them, those whose completion lapsed (counted as not done); and
 * everyone who ever finished. Blank for a target whose completions never lapse.
 */
const lapseColumns: Column[] = [{ title: 'Sắp hết hiệu lực' }, { title: 'Đã hết hiệu lực' }, { title: 'Từng hoàn thành' }];
const lapseCells = (t: TargetFigures, f: Pick<TargetFigures, 'expiringSoon' | 'expired' | 'everTrained'>): Cell[] =>
  t.target.validity ? [f.expiringSoon, f.expired, f.everTrained] : [null, null, null];

const targetColumns: Column[] = [
  { title: 'Chỉ tiêu' },
  { title: 'Đơn vị giao' },
  { title: 'Hạn', kind: 'date' },
  { title: 'Số người trong diện' },
  { title: 'Được miễn' },
  { title: 'Phải hoàn thành' },
  { title: 'Đã hoàn thành' },
  { title: 'Chưa hoàn thành' },
  ...lapseColumns,
  { title: 'Tỷ lệ (%)', kind: 'percent' },
  { title: 'Chỉ tiêu (%)', kind: 'percent' },
  { title: 'Còn phải đào tạo' },
  { title: 'Đạt chỉ tiêu' },
  { title: 'Dự báo' },
];
const childColumns: Column[] = [
  { title: 'Mã đơn vị' },
  { title: 'Đơn vị' },
  { title: 'Trong diện' },
  { title: 'Được miễn' },
  { title: 'Phải hoàn thành' },
  { title: 'Đã hoàn thành' },
  { title: 'Chưa hoàn thành' },
  ...lapseColumns,
  { title: 'Tỷ lệ (%)', kind: 'percent' },
  { title: 'Đạt chỉ tiêu' },
];
/** The summary sheet holds the targets table and the child-unit tables in the same columns: wide enough for both. */
const summaryWidths = [36, 36, 12, 10, 12, 12, 12, 12, 12, 12, 10, 10, 12, 12, 32];
const personColumns: Column[] = [
  { title: 'Mã đơn vị' },
  { title: 'Đơn vị' },
  { title: 'Mã cán bộ' },
  { title: 'Họ và tên' },
  { title: 'Phân loại' },
  { title: 'Chức vụ' },
  { title: 'Trạng thái' },
  { title: 'Ngày hoàn thành', kind: 'date' },
  { title: 'Hạn hoàn thành', kind: 'date' },
];
const personWidths = [14, 36, 14, 28, 12, 24, 17, 14, 14];

/**
 * Writes one row and commits it, so the writer keeps no rows behind it. Strings are set as
 * values, never as formulas, so "=HYPERLINK(…)" in a name is text in Excel; dates are real
 * Excel dates of the Vietnam day.
 */
function writeRow(sheet: Worksheet, columns: Column[], values: Cell[], emphasis?: 'header' | 'bold'): void {
  const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? nfc(v) : v)));
  // Two lines: Excel does not grow a row to fit wrapped text in a file it did not write.
  if (emphasis === 'header') row.height = 32;
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    if (v instanceof Date) cell.numFmt = dateFormat;
    else if (typeof v === 'number' && columns[i]?.kind === 'percent') cell.numFmt = '0.0';
    if (emphasis === 'header') Object.assign(cell, headerStyle);
    else if (emphasis === 'bold') cell.font = { bold: true };
  });
  row.commit();
}

const header = (sheet: Worksheet, columns: Column[]) =>
  writeRow(
    sheet,
    columns,
    columns.map((c) => c.title),
    'header',
  );
const day = (iso: string | null) => (iso ? vnDay(iso) : null);

/** Excel refuses []:*?/\ in a sheet name, more than 31 characters, and a name used twice (in any case). */
function sheetName(title: string, taken: Set<string>): string {
  const clean = Array.from(
    nfc(title)
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, ''),
  );
  const base = clean.length > 0 ? clean : Array.from('Chỉ tiêu');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name =
      base
        .slice(0, 31 - suffix.length)
        .join('')
        .trimEnd() + suffix;
    if (!taken.has(name.toLowerCase()) && name.toLowerCase() !== 'history') {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function writeSummary(sheet: Worksheet, summary: UnitSummary, tenantName: string | null): void {
  sheet.columns = summaryWidths.map((width) => ({ width }));
  writeRow(sheet, [], ['BÁO CÁO KẾT QUẢ BỒI DƯỠNG KỸ NĂNG SỐ'], 'bold');
  const block: [string, Cell][] = [
    // The province or ministry the unit belongs to (issue 20); a streamed workbook carries no picture, so its name alone.
    ...(tenantName ? [['Cơ quan', tenantName] as [string, Cell]] : []),
    ['Đơn vị', summary.unit.name],
    ['Mã đơn vị', summary.unit.code],
    ['Ngày lập', vnDay(summary.generatedAt)],
    ['Người lập', summary.requestedBy],
  ];
  for (const [label, value] of block) writeRow(sheet, [], [label, value]);
  writeRow(sheet, [], []);
  header(sheet, targetColumns);
  for (const t of summary.targets) {
    writeRow(sheet, targetColumns, [
      t.target.title,
      originText(t),
      day(t.target.deadline),
      t.inScope,
      t.exempt,
      t.staff,
      t.trained,
      t.owing,
      ...lapseCells(t, t),
      oneDecimal(t.percent),
      t.target.percent,
      t.gap,
      statusLabel(t),
      t.applicable ? projectionText(t.projection) : notApplicableLabel,
    ]);
  }
  for (const t of summary.targets) {
    writeRow(sheet, [], []);
    writeRow(sheet, [], [`Đơn vị trực thuộc — ${t.target.title}`], 'bold');
    if (t.children.length === 0) {
      writeRow(sheet, [], ['Không có đơn vị trực thuộc.']);
      continue;
    }
    writeRow(
      sheet,
      [],
      [t.childrenMeeting.length > 0 ? childrenMeetingText(t.childrenMeeting) : 'Không đơn vị trực thuộc nào có người trong diện của chỉ tiêu này.'],
    );
    header(sheet, childColumns);
    // A child nobody is in the scope of: "Không áp dụng", no percentage (the figures list it last).
    for (const c of t.children) {
      writeRow(sheet, childColumns, [
        c.code,
        c.name,
        c.inScope,
        c.exempt,
        c.staff,
        c.trained,
        c.owing,
        ...lapseCells(t, c),
        c.applicable ? oneDecimal(c.percent) : null,
        statusLabel(c),
      ]);
    }
  }
}

async function writePeople(
  sheet: Worksheet,
  t: TargetFigures,
  rows: AsyncIterable<PersonTargetRow>,
  courseTitles: Map<string, string>,
  out: Writable,
): Promise<void> {
  const courses: Column[] = t.target.programme.map((slug) => ({ title: courseTitles.get(slug) ?? slug, kind: 'date' }));
  const columns = [...personColumns, ...courses, { title: creditedLabel }];
  // A course column only holds a date; its title wraps in the header rather than widen it.
  sheet.columns = [...personWidths, ...courses.map((c) => Math.min(30, Math.max(14, c.title.length / 2))), 30].map((width) => ({ width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  header(sheet, columns);
  const paced = pacer(out);
  for await (const r of rows) {
    writeRow(sheet, columns, [
      r.unitCode,
      r.unitName,
      r.employeeCode,
      r.fullName,
      categoryLabel[r.category],
      r.position,
      personStatus(r),
      day(r.trainedAt),
      day(r.dueDate),
      ...t.target.programme.map((_, i) => day(r.courses[i] ?? null)),
      // The courses completed by credit for prior learning rather than taken here.
      r.credited.map((slug) => courseTitles.get(slug) ?? slug).join('; ') || null,
    ]);
    await paced();
  }
}

/**
 * The completions workbook for HR: a summary sheet, then one sheet per target with a row
 * per person in its scope. Streamed row by row without shared strings, so memory stays flat
 * however many people the unit has; rows are pulled from `rowsFor` only as fast as the
 * reader takes the file.
 */
export function completionsXlsx(
  summary: UnitSummary,
  rowsFor: (t: TargetFigures) => AsyncIterable<PersonTargetRow>,
  courseTitles: Map<string, string>,
  tenantName: string | null = null,
): Readable {
  return deferredStream(async (out) => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    book.creator = 'Sẵn Sàng';
    book.created = new Date(summary.generatedAt);
    book.title = nfc(`Báo cáo kết quả bồi dưỡng kỹ năng số — ${summary.unit.name}`);
    const taken = new Set([summarySheetName.toLowerCase()]);
    const first = book.addWorksheet(summarySheetName);
    writeSummary(first, summary, tenantName);
    first.commit();
    for (const t of summary.targets) {
      const sheet = book.addWorksheet(sheetName(t.target.title, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
      await writePeople(sheet, t, rowsFor(t), courseTitles, out);
      sheet.commit();
    }
    await book.commit();
  });
}
