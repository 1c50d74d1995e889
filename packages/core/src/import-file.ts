import { Readable } from 'node:stream';
import { VisibleError } from './error.ts';
import { normaliseHeader, type ImportRow } from './import-rows.ts';
import { checkXlsxSize } from './import-xlsx-size.ts';

/**
 * Data rows one file may hold. A province's whole roster is larger, but it is kept by
 * agency, and an import runs inside one request: 50,000 rows is a big agency and still
 * checks and writes in well under the time a request has.
 */
export const MAX_IMPORT_ROWS = 50_000;
/** Characters one cell may hold: a name or a position is far shorter; more is a pasted blob. */
export const MAX_CELL_CHARS = 2_000;

const tooManyRows = () =>
  new VisibleError(
    'import.too_many_rows',
    `Tệp có quá nhiều dòng (tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng dữ liệu); hãy chia tệp theo đơn vị (mỗi cơ quan, đơn vị một tệp) rồi nhập lần lượt.`,
  );
const cellTooLong = (row: number, column: string, length: number) =>
  new VisibleError(
    'import.cell_too_long',
    `Ô ở dòng ${row}${column ? `, cột ${column}` : ''} dài ${length.toLocaleString('vi-VN')} ký tự (tối đa ${MAX_CELL_CHARS.toLocaleString('vi-VN')} ký tự); hãy sửa ô đó rồi nhập lại.`,
  );

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // a zip: PK

function decodeText(bytes: Uint8Array): string {
  // Excel's "Unicode text" is UTF-16 with a BOM; "CSV UTF-8" has a UTF-8 BOM; both are fine.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new VisibleError(
      'import.encoding',
      'Tệp không ở dạng UTF-8 nên tiếng Việt sẽ bị lỗi phông. Trong Excel, chọn Lưu thành → "CSV UTF-8 (phân tách bằng dấu phẩy)" hoặc lưu dạng .xlsx rồi nhập lại.',
    );
  }
}

/** The text in pieces, so the parser hands records over as it goes and can be stopped early. */
function* pieces(text: string, size = 64 * 1024) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function csvRows(text: string): Promise<ImportRow[]> {
  // Loaded on first use: only imports read CSV.
  const { parse } = await import('csv-parse');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length;
  const delimiter = [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  const parser = Readable.from(pieces(text)).pipe(
    parse({
      columns: (header: string[]) => header.map(normaliseHeader),
      delimiter,
      skip_empty_lines: true,
      info: true,
      relax_column_count: true,
      // Holds the parser's own buffer to a few cells: one endless quoted cell stops here.
      max_record_size: MAX_CELL_CHARS * 4,
    }),
  );
  const rows: ImportRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (rows.length === MAX_IMPORT_ROWS) throw tooManyRows();
      for (const [column, cell] of Object.entries(record)) if (cell.length > MAX_CELL_CHARS) throw cellTooLong(info.lines, column, cell.length);
      rows.push({ row: info.lines, cells: record });
    }
  } catch (err) {
    parser.destroy();
    if (err instanceof VisibleError) throw err;
    const { code, lines } = err as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE') throw cellTooLong(lines ?? 0, '', MAX_CELL_CHARS * 4);
    throw new VisibleError('import.malformed', `Tệp CSV bị lỗi định dạng${lines ? ` ở dòng ${lines}` : ''}: ${(err as Error).message}`);
  }
  return rows;
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

/**
 * The first sheet, row by row through exceljs's streaming reader: a file over the row limit
 * is refused at the first row too many, without building the whole workbook in memory.
 */
async function xlsxRows(bytes: Uint8Array): Promise<ImportRow[]> {
  checkXlsxSize(bytes);
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const header: string[] = [];
  const rows: ImportRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number === 1) {
          row.eachCell({ includeEmpty: true }, (cell, col) => {
            header[col] = normaliseHeader(cellText(cell.value));
          });
          continue;
        }
        const cells: Record<string, string> = {};
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const text = cellText(cell.value).normalize('NFC');
          if (text.length > MAX_CELL_CHARS) throw cellTooLong(row.number, header[col] ?? '', text.length);
          if (header[col]) cells[header[col]!] = text;
        });
        if (!Object.values(cells).some((c) => c.trim() !== '')) continue;
        if (rows.length === MAX_IMPORT_ROWS) throw tooManyRows();
        rows.push({ row: row.number, cells });
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof VisibleError) throw err;
    throw new VisibleError('import.malformed', 'Không đọc được tệp Excel (.xlsx); hãy mở lại trong Excel và lưu dạng .xlsx.');
  }
  return rows;
}

/**
 * Reads a file as HR systems and Excel export it — .xlsx, or CSV in UTF-8 (with or without
 * BOM) or UTF-16, separated by commas, semicolons or tabs — keeping each record's
 * spreadsheet row number for error messages, with Vietnamese or English column names.
 * Files are bounded before and while they are read (size unpacked, rows, cell length), so
 * a small hostile upload cannot take a function's memory or time.
 */
export async function readImportFile(bytes: Uint8Array): Promise<ImportRow[]> {
  const rows = isXlsx(bytes) ? await xlsxRows(bytes) : await csvRows(decodeText(bytes));
  for (const r of rows) for (const k of Object.keys(r.cells)) r.cells[k] = (r.cells[k] ?? '').normalize('NFC');
  return rows;
}
