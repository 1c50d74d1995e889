import { VisibleError } from './error.ts';

/** One problem in an imported file, located as the officer sees it in a spreadsheet. */
export type RowProblem = { row: number; column: string; message: string };

export class ImportError extends VisibleError {
  constructor(readonly problems: RowProblem[]) {
    super('import.invalid_rows', problems.map((p) => `dòng ${p.row}, cột ${p.column}: ${p.message}`).join('\n'), 422);
  }
}

/** Rows as read from CSV: header names to cell text; `row` is the spreadsheet row number. */
export type ImportRow = { row: number; cells: Record<string, string> };

export function requireCells(rows: ImportRow[], columns: string[], problems: RowProblem[]) {
  for (const { row, cells } of rows) {
    for (const column of columns) {
      if (!(cells[column] ?? '').trim()) problems.push({ row, column, message: 'không được để trống' });
    }
  }
}
