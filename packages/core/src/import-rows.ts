import { VisibleError } from './error.ts';

/** One problem in an imported file, located as the officer sees it in a spreadsheet. */
export type RowProblem = { row: number; column: string; message: string };

export const describeProblem = (p: RowProblem) => `dòng ${p.row}, cột ${p.column}: ${p.message}`;

export class ImportError extends VisibleError {
  constructor(readonly problems: RowProblem[]) {
    super('import.invalid_rows', problems.map(describeProblem).join('\n'));
  }
}

/** Rows as read from a file: header names to cell text; `row` is the spreadsheet row number. */
export type ImportRow = { row: number; cells: Record<string, string> };

/** A header cell as written, compared without case, spacing or Unicode form differences. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Renames columns to the names an importer reads: the Vietnamese titles HR systems and our
 * own exports use, or English with spaces. Each importer has its own list ("Mã đơn vị" is
 * the unit's own code in a tree file, the person's unit in a roster).
 */
export function renameColumns(rows: ImportRow[], aliases: Record<string, string>): ImportRow[] {
  return rows.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [aliases[k] ?? k.replace(/ /g, '_'), v])),
  }));
}

export function requireCells(rows: ImportRow[], columns: string[], problems: RowProblem[]) {
  for (const { row, cells } of rows) {
    for (const column of columns) {
      if (!(cells[column] ?? '').trim()) problems.push({ row, column, message: 'không được để trống' });
    }
  }
}

/** A file with none of the columns asked for is almost always the wrong file or sheet. */
export function requireColumns(rows: ImportRow[], columns: string[]) {
  if (rows.length === 0) throw new VisibleError('import.empty', 'Tệp không có dòng dữ liệu nào (dòng 1 là tiêu đề cột).');
  const seen = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const missing = columns.filter((c) => !seen.has(c));
  if (missing.length > 0) throw new ImportError(missing.map((column) => ({ row: 1, column, message: 'thiếu cột này trong dòng tiêu đề' })));
}

/**
 * A date cell as HR files write it — `dd/mm/yyyy` (also with `-` or `.`, day and month with
 * one digit), or `yyyy-mm-dd` as our exports and Excel's date cells read — as yyyy-mm-dd;
 * null when it is no real calendar day from 1900 to 2100.
 */
export function readDay(cell: string): string | null {
  const text = cell.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
