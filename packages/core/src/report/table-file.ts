import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { safeCell } from './csv-cell.ts';
import { deferredStream, pacer } from './deferred-stream.ts';

/**
 * A table as CSV for Excel on Windows: UTF-8 with a BOM (Vietnamese reads right), CRLF,
 * every cell that would start a formula prefixed. Streamed: memory holds one row.
 */
export function csvTable(columns: string[], rows: AsyncIterable<string[]>): Readable {
  const csv = stringify({ bom: true, record_delimiter: 'windows', header: true, columns });
  Readable.from(
    (async function* () {
      for await (const row of rows) yield row.map(safeCell);
    })(),
  )
    .on('error', (err) => csv.destroy(err))
    .pipe(csv);
  return csv;
}

/**
 * A table as one XLSX sheet with a frozen, filterable header row; cells are written as
 * text (never formulas), streamed row by row without a shared-strings table, so memory
 * does not grow with the rows.
 */
export function xlsxTable(sheetName: string, columns: { header: string; width?: number }[], rows: AsyncIterable<(string | number | Date | null)[]>): Readable {
  return deferredStream(async (out) => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    sheet.getRow(1).font = { bold: true };
    const pace = pacer(out);
    for await (const row of rows) {
      sheet.addRow(row).commit();
      await pace();
    }
    sheet.commit();
    await book.commit();
  });
}
