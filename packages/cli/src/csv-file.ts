import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import type { ImportRow } from '@sansang/core';

/**
 * Reads a CSV as HR systems and Excel export it (UTF-8, with or without BOM, comma or
 * semicolon), keeping each record's spreadsheet row number for error messages.
 */
export async function readCsvRows(path: string): Promise<ImportRow[]> {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    delimiter: firstLine.split(';').length > firstLine.split(',').length ? ';' : ',',
    skip_empty_lines: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ row: info.lines, cells: record }));
}
