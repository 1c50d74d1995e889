import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readImportFile } from './import-file.ts';

const MB = 1024 * 1024;

async function xlsx(fill: (sheet: import('exceljs').Worksheet) => void): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Danh sách'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A minimal workbook by hand whose one cell (an inline string) is `cell`: Excel reads it. */
function handMadeXlsx(cell: string, level = 9): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  return zipSync(
    {
      '[Content_Types].xml': text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': text(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': text(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã cán bộ</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${cell}</t></is></c></row></sheetData></worksheet>`,
      ),
    },
    { level: level as 9 },
  );
}

/** Rewrites every size a zip's central directory declares for its entries (the bytes stay). */
function declareSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, size, true);
  }
  return out;
}

/** How far the process's resident memory rose above where it was while `work` ran. */
async function memoryRise(work: () => Promise<unknown>): Promise<{ rise: number; result: unknown }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const result = await work().catch((e) => e);
  clearInterval(timer);
  return { rise: Math.max(peak, process.memoryUsage().rss) - before, result };
}

describe('reading an import file within bounds', () => {
  it('refuses an XLSX whose one cell inflates from ~100 KB to 100 MB, before parsing it', async () => {
    const bomb = handMadeXlsx('A'.repeat(100 * MB));
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { rise, result: err } = await memoryRise(() => readImportFile(bomb));
    expect(err).toMatchObject({ code: 'import.too_large', kind: 'too_large', message: expect.stringContaining('tối đa 50 MB') });
    expect(rise).toBeLessThan(150 * MB);
  });

  it('refuses an XLSX that declares small sizes but inflates further, while inflating', async () => {
    const liar = declareSizes(handMadeXlsx('A'.repeat(100 * MB)), 1000);
    const { rise, result: err } = await memoryRise(() => readImportFile(liar));
    expect(err).toMatchObject({ code: 'import.malformed', kind: 'unprocessable' });
    expect(rise).toBeLessThan(150 * MB);
  });

  it('refuses a cell longer than 2,000 characters, naming its row, in CSV and XLSX', async () => {
    const csv = new TextEncoder().encode(`Mã cán bộ,Họ và tên\r\nA-1,Một\r\nA-2,${'x'.repeat(10_000)}\r\n`);
    await expect(readImportFile(csv)).rejects.toMatchObject({
      code: 'import.cell_too_long',
      kind: 'unprocessable',
      message: expect.stringMatching(/dòng 3.*2\.000 ký tự/),
    });
    const book = await xlsx((s) => {
      s.addRow(['Mã cán bộ', 'Họ và tên']);
      s.addRow(['A-1', 'Một']);
      s.addRow(['A-2', 'x'.repeat(10_000)]);
    });
    await expect(readImportFile(book)).rejects.toMatchObject({
      code: 'import.cell_too_long',
      kind: 'unprocessable',
      message: expect.stringMatching(/dòng 3.*2\.000 ký tự/),
    });
    await expect(readImportFile(handMadeXlsx('y'.repeat(10_000)))).rejects.toMatchObject({
      code: 'import.cell_too_long',
      message: expect.stringContaining('dòng 2'),
    });
  });

  it('refuses more than 50,000 data rows, saying to split the file by unit, in CSV and XLSX', async () => {
    const lines = ['Mã cán bộ,Họ và tên'];
    for (let i = 1; i <= 100_001; i++) lines.push(`NV-${i},Người ${i}`);
    const csv = new TextEncoder().encode(lines.join('\r\n'));
    await expect(readImportFile(csv)).rejects.toMatchObject({
      code: 'import.too_many_rows',
      kind: 'too_large',
      message: expect.stringMatching(/50\.000 dòng.*đơn vị/),
    });
    const book = await xlsx((s) => {
      s.addRow(['Mã cán bộ', 'Họ và tên']);
      for (let i = 1; i <= 50_001; i++) s.addRow([`NV-${i}`, `Người ${i}`]);
    });
    await expect(readImportFile(book)).rejects.toMatchObject({ code: 'import.too_many_rows', kind: 'too_large' });
    const exactly = lines.slice(0, 50_001).join('\r\n');
    expect(await readImportFile(new TextEncoder().encode(exactly))).toHaveLength(50_000);
  }, 60_000);

  it("still reads what officers' spreadsheets hold: dates, formulas by their result, rich text, row numbers", async () => {
    const book = await xlsx((s) => {
      s.addRow(['Mã cán bộ', 'Ngày sinh', 'Tổng', 'Ghi chú']);
      s.addRow([
        'B-1',
        new Date(Date.UTC(1990, 4, 17)),
        { formula: '1+2', result: 3 },
        { richText: [{ text: 'Đang ' }, { text: 'công tác', font: { bold: true } }] },
      ]);
      s.addRow([]);
      s.addRow(['B-2', null, null, 'Nghỉ']);
    });
    expect(await readImportFile(book)).toEqual([
      { row: 2, cells: { 'mã cán bộ': 'B-1', 'ngày sinh': '1990-05-17', tổng: '3', 'ghi chú': 'Đang công tác' } },
      { row: 4, cells: { 'mã cán bộ': 'B-2', 'ghi chú': 'Nghỉ' } },
    ]);
    const semicolons = new TextEncoder().encode('\ufeffMã cán bộ;Họ và tên\r\nC-1;Lê Thị Hồng\r\n');
    expect(await readImportFile(semicolons)).toEqual([{ row: 2, cells: { 'mã cán bộ': 'C-1', 'họ và tên': 'Lê Thị Hồng' } }]);
  });
});
