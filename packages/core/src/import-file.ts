import { VisibleError } from './error.ts';
import { normaliseHeader, type ImportRow } from './import-rows.ts';

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // a zip: PK

function decodeText(bytes: Uint8Array): string {
  // Excel's "Unicode text" is UTF-16 with a BOM; "CSV UTF-8" has a UTF-8 BOM; both are fine.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new VisibleError('import.encoding', 'Tệp không ở dạng UTF-8 nên tiếng Việt sẽ bị lỗi phông. Trong Excel, chọn Lưu thành → "CSV UTF-8 (phân tách bằng dấu phẩy)" hoặc lưu dạng .xlsx rồi nhập lại.', 422);
  }
}

async function csvRows(text: string): Promise<ImportRow[]> {
  // Loaded on first use: only imports read CSV.
  const { parse } = await import('csv-parse/sync');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length;
  const delimiter = [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  try {
    const records = parse(text, {
      columns: (header: string[]) => header.map(normaliseHeader), delimiter, skip_empty_lines: true, info: true, relax_column_count: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ row: info.lines, cells: record }));
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new VisibleError('import.malformed', `Tệp CSV bị lỗi định dạng${line ? ` ở dòng ${line}` : ''}: ${(err as Error).message}`, 422);
  }
}

/** A cell as the text the officer sees: dates as yyyy-mm-dd, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}

async function xlsxRows(bytes: Uint8Array): Promise<ImportRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new VisibleError('import.malformed', 'Không đọc được tệp Excel (.xlsx); hãy mở lại trong Excel và lưu dạng .xlsx.', 422);
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => { header[col] = normaliseHeader(cellText(cell.value)); });
  const rows: ImportRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => { if (header[col]) cells[header[col]!] = cellText(cell.value).normalize('NFC'); });
    if (Object.values(cells).some((c) => c.trim() !== '')) rows.push({ row: number, cells });
  });
  return rows;
}

/**
 * Reads a file as HR systems and Excel export it — .xlsx, or CSV in UTF-8 (with or without
 * BOM) or UTF-16, separated by commas, semicolons or tabs — keeping each record's
 * spreadsheet row number for error messages, with Vietnamese or English column names.
 */
export async function readImportFile(bytes: Uint8Array): Promise<ImportRow[]> {
  const rows = isXlsx(bytes) ? await xlsxRows(bytes) : await csvRows(decodeText(bytes));
  for (const r of rows) for (const k of Object.keys(r.cells)) r.cells[k] = (r.cells[k] ?? '').normalize('NFC');
  return rows;
}
