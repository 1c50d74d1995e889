import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Person, Readiness, Report } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../support/db.ts';
import { smallProvince } from '../support/fixtures.ts';
import { beVietnamPro, checkRenderedText } from '../support/pdf-rendering.ts';
import { launchChromium } from './browser.ts';

const artifacts = join(process.cwd(), 'test-results', 'reports');
const bytesOf = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};

/**
 * The files an HR officer sends on, opened the way the province opens them: the workbook in
 * a real spreadsheet program (LibreOffice, headless), the PDFs drawn to pixels and compared
 * glyph by glyph with the font they embed.
 */
describe('report files as a spreadsheet program and a PDF viewer show them', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  let browser: Browser;
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    // Names with every kind of Vietnamese mark, and one that would be a formula in a careless export.
    const names = ['Nguyễn Thị Ngọc Ánh', 'Đặng Hữu Phước', 'Triệu Thuỳ Dương', '=HYPERLINK("http://x","bấm")'];
    const people = tree.people
      .filter((p) => p.unitId === tree.dept1.id || p.unitId === tree.commune.id)
      .slice(0, names.length)
      .map((p, i) => ({ ...p, fullName: names[i]! }));
    await putMany(people.map(Person.toItem));
    for (const p of people.slice(0, 2)) await Readiness.recordCompletion({ person: p, slug: 'khoa-mau', version: 1 });
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('opens the XLSX in LibreOffice with every sheet and the Vietnamese text intact, names as text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sansang-xlsx-'));
    const file = join(dir, 'bao-cao.xlsx');
    await writeFile(file, await bytesOf(await Report.completionsWorkbook(tree.province.id, 'nhansu@tinh.gov.vn')));
    // Every sheet to its own UTF-8 CSV: what the spreadsheet program itself read from the file.
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const csvs = (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();
    expect(csvs.length).toBe(2); // the summary sheet and one sheet for the one target
    const sheets = await Promise.all(csvs.map((f) => readFile(join(dir, f), 'utf8')));
    const all = sheets.join('\n');
    for (const name of ['Nguyễn Thị Ngọc Ánh', 'Đặng Hữu Phước', 'Triệu Thuỳ Dương', tree.province.name]) expect(all).toContain(name);
    expect(all).toContain('Đã hoàn thành');
    // The formula-looking name is shown as typed, not evaluated to a link text.
    expect(all).toContain('=HYPERLINK(""http://x"",""bấm"")');
    expect(all).toBe(all.normalize('NFC'));
  });

  it('draws the leadership summary and a transcript with every Vietnamese letter as the font draws it', async () => {
    const summary = await bytesOf(await Report.summaryPdf(tree.province.id, 'nhansu@tinh.gov.vn'));
    const transcript = await bytesOf(await Report.transcriptPdf(tree.people.find((p) => p.unitId === tree.dept1.id)!.id));
    for (const [name, pdf] of [
      ['tong-hop', summary],
      ['ket-qua-hoc-tap', transcript],
    ] as const) {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { png, misdrawn } = await checkRenderedText(browser, new Uint8Array(pdf), beVietnamPro);
      await writeFile(join(artifacts, `${name}.png`), png);
      expect(misdrawn, name).toEqual([]);
    }
    // The check notices one accent taken off the unit name.
    const off = await checkRenderedText(browser, new Uint8Array(summary), beVietnamPro, (line) => line.replace('Đơn vị tinh', 'Don vị tinh'));
    expect(off.misdrawn.length).toBeGreaterThan(0);
  });

  it('keeps an untrained list CSV to the target scope, with a BOM for Excel', async () => {
    const csv = (await bytesOf(await Report.untrainedCsv(tree.province.id))).toString('utf8');
    expect(csv.startsWith('\ufeffMã đơn vị,Đơn vị,Mã cán bộ,Họ và tên')).toBe(true);
    expect(csv).not.toContain('Nguyễn Thị Ngọc Ánh'); // completed
    expect(csv).toContain(`'=HYPERLINK`); // not completed, and prefixed so Excel keeps it text
  });
});
