import { describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { Course, Org, Person, Readiness, Report, Target } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { pdfText } from '../support/pdf.ts';
import { browserStack, expectAccessible, screenshots, signInAs } from './browser.ts';

const DAY = 86_400_000;
const PROVINCE = 'Uỷ ban nhân dân tỉnh Minh Sơn';
/** People who finish the programme after the snapshot four weeks ago: a pace of 10 a week. */
const TRAINED_SINCE = 40;
/**
 * The moment of the snapshot four weeks ago, fixed once: the test asks for that week's
 * figures later, and recomputing "28 days ago" then could land in the next week (a CI run
 * seeded on a Sunday just before midnight UTC and asked on the Monday after it).
 */
const SNAPSHOT_AT = new Date(Date.now() - 28 * DAY);

const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
  await Readiness.snapshotWeek(SNAPSHOT_AT);
  const target = (await Target.list())[0]!;
  const { people } = await Readiness.untrained({ unitId: 'ms', targetId: target.id, limit: TRAINED_SINCE });
  for (const p of people) {
    const person = await Person.get(p.id);
    for (const slug of target.programme) await Readiness.recordCompletion({ person, slug, version: (await Course.get({ slug })).version });
  }
  await Readiness.sweepRollups();
});

const signIn = (email: string) => signInAs(stack.browser, stack.server.url, email, DEMO_PASSWORD);
const url = (path: string) => `${stack.server.url}${path}`;
const vnNumber = (n: number, digits = 0) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);
/** A figure as the page writes it in Vietnamese ("1.234", "12,5%") back to a number. */
const vnParse = (text: string) => Number(text.replace(/\./g, '').replace(',', '.').replace('%', ''));
const vnDate = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
const vnToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** Clicks what starts a download and returns the file's bytes and the name the server gave it. */
async function download(page: Page, trigger: Locator): Promise<{ bytes: Buffer; name: string }> {
  // A province-wide file is made while the request waits: on a loaded machine that takes longer than the default 30 s.
  const started = page.waitForEvent('download', { timeout: 120_000 });
  await trigger.click();
  const file: Download = await started;
  return { bytes: await readFile((await file.path())!), name: file.suggestedFilename() };
}

/** A CSV as Excel saves it ("CSV UTF-8"): a BOM, quoted cells, CRLF. */
const csvFile = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`, 'utf8');
/** The collapsible form on the org page whose summary says `title`. */
const action = (page: Page, title: string) => page.locator('details.action').filter({ has: page.locator('summary', { hasText: title }) });

describe('the HR officer and the admin in a real browser', () => {
  it('shows the province against its target: the gap, the deadline, the forecast and x/y units meeting it, live or as of a past date', async () => {
    const r = await Readiness.forUnit({ unitId: 'ms' });
    expect(r.projection.weeklyPace).toBe(TRAINED_SINCE / 4);
    const page = await signIn('nhansu.tinh@demo.sansang.vn');
    await page.getByRole('link', { name: 'Mức độ sẵn sàng' }).click();
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await page.getByText(`Chỉ tiêu: ${r.target.title}`).waitFor();
    await page.getByText(`Còn ${vnNumber(r.gap)} người cần hoàn thành để đạt ${r.target.percent}%.`).waitFor();
    await page.getByText(`Hạn ${vnDate(r.target.deadline)} — còn ${r.daysLeft} ngày.`).waitFor();
    // The province's gap is far larger than ten people a week can close by the deadline.
    expect(r.projection.onTrack).toBe(false);
    await page
      .getByText(
        `Dự báo: không kịp hạn — với tốc độ ${vnNumber(TRAINED_SINCE / 4, 1)} người/tuần, dự kiến đến ngày ${vnDate(r.projection.projectedDate!)} mới đạt.`,
      )
      .waitFor();
    const meeting = r.childrenMeeting
      .map((g) => `${g.meets}/${g.total} ${{ agency: 'sở, ban, ngành', commune: 'xã', ward: 'phường' }[g.kind]} đạt chỉ tiêu`)
      .join(' · ');
    for (const kind of ['sở, ban, ngành', 'phường', 'xã']) expect(meeting).toMatch(new RegExp(`\\d+/\\d+ ${kind} đạt chỉ tiêu`));
    await page.getByText(meeting, { exact: true }).waitFor();
    await expectAccessible(page, 'hr dashboard province');

    // The child table shows each unit's gap and sorts by it, largest first on a second click.
    const rows = page.locator('table.children tbody tr');
    await page.getByRole('button', { name: 'Còn thiếu' }).click();
    await page.getByRole('button', { name: 'Còn thiếu' }).click();
    const biggest = [...r.children].sort((a, b) => b.gap - a.gap)[0]!;
    await expect.poll(() => rows.first().locator('td').nth(4).textContent()).toBe(vnNumber(biggest.gap));
    expect(await page.getByRole('columnheader', { name: 'Còn thiếu' }).getAttribute('aria-sort')).toBe('descending');

    // Clicking a column's title sorts by it, then the other way; the order follows the numbers, not their text.
    const column = async (n: number) => (await rows.locator(`td:nth-child(${n})`).allTextContents()).map(vnParse);
    const staff = page.getByRole('columnheader', { name: 'Phải hoàn thành' });
    await page.getByRole('button', { name: 'Phải hoàn thành', exact: true }).click();
    await expect.poll(() => staff.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Còn thiếu' }).getAttribute('aria-sort')).toBe('none');
    const ascending = await column(3);
    expect(ascending).toHaveLength(r.children.length);
    expect(ascending).toEqual([...r.children.map((c) => c.staff)].sort((a, b) => a - b));
    expect(new Set(ascending).size, 'staff figures differ, so the order says something').toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Phải hoàn thành', exact: true }).click();
    await expect.poll(() => staff.getAttribute('aria-sort')).toBe('descending');
    expect(await column(3)).toEqual([...ascending].reverse());
    await page.getByRole('button', { name: 'Tỷ lệ', exact: true }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Tỷ lệ' }).getAttribute('aria-sort')).toBe('ascending');
    expect(await staff.getAttribute('aria-sort')).toBe('none');
    const percents = await column(5);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    // On paper: no navigation, filters, buttons or files; the target, the gap, the deadline and the table stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByLabel('Lọc theo tên').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In trang này' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Tải báo cáo CSV' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => [...document.querySelectorAll('.no-print, form.filters')].filter((e) => e.checkVisibility()).length)).toBe(0);
    for (const kept of [
      page.getByText(`Chỉ tiêu: ${r.target.title}`),
      page.getByText(`Còn ${vnNumber(r.gap)} người cần hoàn thành để đạt ${r.target.percent}%.`),
      page.getByText(`Hạn ${vnDate(r.target.deadline)} — còn ${r.daysLeft} ngày.`),
      page.locator('table.children'),
    ])
      expect(await kept.isVisible()).toBe(true);
    // Every chart is drawn on paper, even one never scrolled to on screen.
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => f.querySelector('canvas') !== null)))
      .toEqual([true, true]);
    // A sortable column's title is a button on screen; on paper it is still there.
    for (const title of ['Đơn vị', 'Phải hoàn thành', 'Còn thiếu'])
      expect(await page.getByRole('columnheader', { name: title, exact: true }).getByText(title).isVisible(), title).toBe(true);
    await screenshots(page, 'hr dashboard print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('header.top').isVisible()).toBe(true);

    // The same figures in English, with English number and date formats.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(`${new Intl.NumberFormat('en-GB').format(r.gap)} more people must complete to reach ${r.target.percent}%.`).waitFor();
    await page.getByText(/^Forecast: will miss the deadline — at 10 people a week/).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByText(/^Dự báo: không kịp hạn/).waitFor();

    // Figures of four weeks ago, from that week's snapshot, clearly marked as such.
    const past = SNAPSHOT_AT.toISOString().slice(0, 10);
    const before = await Readiness.forUnit({ unitId: 'ms', date: past });
    expect(before.trained).toBe(r.trained - TRAINED_SINCE);
    await page.getByLabel('Số liệu ngày').fill(vnDate(past));
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText(/^Đây là số liệu đã lưu của tuần bắt đầu ngày .* không phải số liệu hiện tại/).waitFor();
    await page.getByText(`${vnNumber(before.trained)}/${vnNumber(before.staff)} người đã hoàn thành`, { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('date')).toBe(past);
    await expectAccessible(page, 'hr dashboard past date');
    await page.getByRole('button', { name: 'Về số liệu hiện tại' }).first().click();
    await page.getByText(`${vnNumber(r.trained)}/${vnNumber(r.staff)} người đã hoàn thành`, { exact: false }).waitFor();
    // A date before any saved week is answered as such, with the way back.
    await page.getByLabel('Số liệu ngày').fill('06/01/2025');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Chưa có số liệu lưu cho ngày này (số liệu được lưu hằng tuần).').waitFor();
    await page.getByText('Chưa có số liệu lưu của đơn vị này cho ngày 2025-01-06 (số liệu được lưu hằng tuần).').waitFor();
    await page.getByRole('button', { name: 'Về số liệu hiện tại' }).click();
    await page.getByText(`${vnNumber(r.trained)}/${vnNumber(r.staff)} người đã hoàn thành`, { exact: false }).waitFor();

    // Drill down into an agency and back up.
    const agency = r.children.find((c) => c.kind === 'agency' && c.name === 'Sở Nội vụ')!;
    await page.getByRole('link', { name: agency.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: agency.name }).waitFor();
    await page.getByText(`Còn ${vnNumber(agency.gap)} người cần hoàn thành`, { exact: false }).waitFor();
    await page.getByText(/\d+\/\d+ phòng đạt chỉ tiêu/).waitFor();
    // The communes' target at a provincial agency: nobody in scope, said plainly — no 0/0, no "Chưa đạt", no forecast.
    await page.locator('#readiness-target').selectOption('xa-dich-vu-cong-2027');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Chỉ tiêu 90% không áp dụng cho đơn vị này: không có ai trong diện.').waitFor();
    await page.getByRole('cell', { name: 'Không áp dụng' }).first().waitFor();
    expect(await page.getByText(/Chưa đạt chỉ tiêu|Dự báo: không kịp hạn|0\/0 người/).count()).toBe(0);
    await page.getByRole('link', { name: /Lên đơn vị cấp trên/ }).click();
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await page.context().close();
  }, 240_000);

  it('downloads the CSV, the Excel workbook, the PDF summary, who is still to train and a transcript', async () => {
    const page = await signIn('nhansu.tinh@demo.sansang.vn');
    await page.goto(url('/san-sang'));
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();

    const csv = await download(page, page.getByRole('link', { name: 'Tải báo cáo CSV' }));
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('Họ và tên');
    expect(text).toContain('Sở Nội vụ');
    expect(text).toMatch(/Đã hoàn thành/);
    // File names in one language, Vietnamese, as the PDF's always were.
    expect(csv.name).toMatch(/^hoan-thanh-.*\.csv$/);

    const xlsx = await download(page, page.getByRole('link', { name: 'Tải báo cáo Excel' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const targets = await Target.list();
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', ...targets.map((t) => t.title.slice(0, 31).trimEnd())]);
    const summarySheet = JSON.stringify(book.getWorksheet('Tổng hợp')!.getSheetValues());
    expect(summarySheet).toContain(PROVINCE);

    const pdf = await download(page, page.getByRole('link', { name: 'Tải báo cáo tổng hợp (PDF)' }));
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(pdf.bytes)).replace(/\s+/g, ' ')).toContain(PROVINCE);
    expect([xlsx.name, pdf.name]).toEqual([expect.stringMatching(/^hoan-thanh-.*\.xlsx$/), expect.stringMatching(/^tong-hop-.*\.pdf$/)]);

    // Who is still to train: each with their unit and a transcript; the full list as CSV.
    await page.getByText('Xem danh sách').click();
    const first = (await Readiness.untrained({ unitId: 'ms', limit: 1 })).people[0]!;
    const row = page.locator('details.untrained tbody tr').filter({ hasText: first.employeeCode });
    await row.waitFor();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe(first.unitName);
    // Each with their own due date (dd/mm/yyyy), earliest first, marked when it has passed.
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe(first.dueDate.split('-').reverse().join('/'));
    expect(await row.getByText('Quá hạn', { exact: true }).count()).toBe(first.overdue ? 1 : 0);
    await expect.poll(() => page.locator('details.untrained tbody tr').count()).toBe(100);
    await expectAccessible(page, 'hr dashboard untrained list');
    const transcript = await download(page, row.getByRole('link', { name: `Phiếu kết quả (PDF) của ${first.fullName}` }));
    expect(transcript.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const transcriptText = (await pdfText(transcript.bytes)).replace(/\s+/g, ' ');
    expect(transcriptText).toContain(first.fullName);
    expect(transcriptText).toContain(first.unitName);
    const untrained = await download(page, page.getByRole('link', { name: 'Tải danh sách đầy đủ (CSV)' }));
    const untrainedText = untrained.bytes.toString('utf8');
    expect(untrainedText.startsWith('\ufeff')).toBe(true);
    expect(untrainedText).toContain(first.fullName);
    const now = await Readiness.forUnit({ unitId: 'ms' });
    expect(untrainedText.trim().split('\r\n').length - 1).toBe(now.staff - now.trained);
    await page.context().close();
  }, 240_000);

  it('offers the background archive when a file is too big to make at once, keeps one archive per click and schedules packs', async () => {
    const page = await signIn('nhansu.tinh@demo.sansang.vn');
    await page.goto(url('/san-sang'));
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    const archives = page.locator('ul.archives li');
    process.env.REPORT_DIRECT_LIMIT = '10';
    try {
      await page.getByRole('link', { name: 'Tải báo cáo Excel' }).click();
      await page.getByText('Đơn vị này đông người nên báo cáo được tạo ở chế độ nền.').waitFor();
      await page.getByText(/Uỷ ban nhân dân tỉnh Minh Sơn có [\d.]+ người: báo cáo này được tạo ở chế độ nền/).waitFor();
      await expectAccessible(page, 'hr dashboard use archive');
      await page.getByRole('button', { name: 'Tạo bản lưu ở chế độ nền' }).click();
      await page.getByText(/^Đã yêu cầu tạo bản lưu/).waitFor();
    } finally {
      delete process.env.REPORT_DIRECT_LIMIT;
    }
    const xlsxArchive = page.getByRole('link', { name: /^Tải bản Báo cáo chi tiết \(Excel\) lúc / });
    await xlsxArchive.waitFor({ timeout: 60_000 });
    const archived = await download(page, xlsxArchive);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(archived.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.name).toBe('Tổng hợp');

    // A double click on "save" makes one archive, of the kind chosen.
    const count = await archives.count();
    await page.getByLabel('Loại báo cáo').selectOption({ label: 'Báo cáo tổng hợp (PDF)' });
    await page.getByRole('button', { name: 'Lưu bản báo cáo cố định' }).dblclick();
    const pdfArchive = page.getByRole('link', { name: /^Tải bản Báo cáo tổng hợp \(PDF\) lúc / });
    await pdfArchive.waitFor({ timeout: 60_000 });
    expect(await archives.count()).toBe(count + 1);
    expect((await Report.listArchives('ms')).filter((a) => a.kind === 'summary.pdf')).toHaveLength(1);
    const pdf = await download(page, pdfArchive);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(pdf.bytes)).replace(/\s+/g, ' ')).toContain(PROVINCE);

    await page.getByRole('button', { name: 'Đặt lịch hằng quý' }).click();
    const scheduled = page.locator('ul.schedules li').filter({ hasText: 'hằng quý' });
    await scheduled.waitFor();
    expect(await scheduled.textContent()).toContain(PROVINCE);
    await expectAccessible(page, 'hr dashboard archives and schedules');
    await page.getByRole('button', { name: `Bỏ lịch hằng quý của ${PROVINCE}` }).click();
    await scheduled.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Đặt lịch hằng quý' }).waitFor();
    await page.context().close();
  }, 240_000);

  it('lets the admin create units in the tree, with their history', async () => {
    const page = await signIn('quantri@demo.sansang.vn');
    await page.getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await page.getByRole('link', { name: 'Sở Nội vụ', exact: true }).waitFor();
    await expectAccessible(page, 'org province');
    for (const [code, name] of [
      ['X901', 'Xã Thử Một'],
      ['X902', 'Xã Thử Hai'],
    ]) {
      const form = action(page, 'Thành lập đơn vị trực thuộc');
      if (!(await form.evaluate((d: HTMLDetailsElement) => d.open))) await form.locator('summary').click();
      await form.getByLabel('Mã đơn vị').fill(code!);
      await form.getByLabel('Tên đơn vị').fill(name!);
      await form.getByLabel('Loại đơn vị').selectOption({ label: 'Xã' });
      await form.getByRole('button', { name: 'Thành lập' }).click();
      await form.getByText(`Đã thành lập ${name}.`).waitFor();
      await page.locator('table tbody tr').filter({ hasText: code! }).getByRole('link', { name: name! }).waitFor();
    }
    // A second unit with a code already used is refused with the server's words.
    const form = action(page, 'Thành lập đơn vị trực thuộc');
    await form.getByLabel('Mã đơn vị').fill('X901');
    await form.getByLabel('Tên đơn vị').fill('Xã Trùng Mã');
    await form.getByRole('button', { name: 'Thành lập' }).click();
    await form.getByText('Mã đơn vị này đã được dùng.').waitFor();
    await form.getByText('Đã có đơn vị mã "X901".').waitFor();
    await expectAccessible(page, 'org create unit');

    await page.getByRole('link', { name: 'Xã Thử Một' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xã Thử Một' }).waitFor();
    await page.getByRole('navigation', { name: 'Các đơn vị cấp trên' }).getByRole('link', { name: PROVINCE }).waitFor();
    await page.getByText('Mã X901 · Xã · Cấp xã').waitFor();
    await page.locator('table tbody tr').filter({ hasText: 'Thành lập' }).filter({ hasText: 'quantri@demo.sansang.vn' }).waitFor();
    await page.context().close();
  }, 240_000);

  it('imports a roster with a bad row: the preview says where, only the valid rows go in, the people are listed', async () => {
    const page = await signIn('nhansu.tinh@demo.sansang.vn');
    await page.getByRole('link', { name: 'Danh sách cán bộ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh sách cán bộ' }).waitFor();
    const mover = (await Readiness.untrained({ unitId: 'ms', limit: 1 })).people[0]!;
    const file = csvFile([
      ['employee_code', 'full_name', 'email', 'unit_code', 'category', 'position', 'status'],
      ['MS900001', 'Lê Thị Thử Nghiệm', '', 'X901', 'Công chức', 'Chuyên viên', 'đang công tác'],
      ['MS900002', 'Trần Văn Mẫu', '', 'X901', 'Hợp đồng', 'Nhân viên', ''],
      ['MS900003', 'Phạm Thị Hợp Lệ', '', 'X901', 'Viên chức', 'Chuyên viên', ''],
      [
        mover.employeeCode,
        mover.fullName,
        '',
        'X902',
        mover.category === 'can-bo' ? 'Cán bộ' : mover.category === 'cong-chuc' ? 'Công chức' : 'Viên chức',
        mover.position,
        '',
      ],
    ]);
    await page.getByLabel('Tệp CSV hoặc Excel (.xlsx)').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Chạy thử và xem trước' }).click();
    await page.getByRole('heading', { name: 'Xem trước (chưa có gì được ghi)' }).waitFor();
    await page.getByText('Tệp có 4 dòng dữ liệu, 1 dòng có lỗi.').waitFor();
    await page.locator('ul.counts li').filter({ hasText: 'Thêm mới' }).filter({ hasText: '2' }).waitFor();
    await page.locator('ul.counts li').filter({ hasText: 'Chuyển đơn vị' }).filter({ hasText: '1' }).waitFor();
    const problem = page.locator('table.problems tbody tr');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('th').textContent()).toBe('dòng 3, cột category');
    expect(await problem.locator('td').textContent()).toContain('"Hợp đồng" không phải Cán bộ, Công chức hay Viên chức');
    await page.getByRole('cell', { name: /Xã Thử Hai/ }).waitFor();
    const importButton = page.getByRole('button', { name: 'Nhập danh sách' });
    expect(await importButton.isDisabled()).toBe(true);
    await expectAccessible(page, 'roster preview');
    await page.getByLabel('Chỉ nhập các dòng hợp lệ (bỏ qua 1 dòng lỗi)').check();
    await importButton.click();
    // A bulk change asks first, naming the effective date; nothing is written until it is answered.
    const applyQuestion = page.getByRole('group', { name: 'Nhập danh sách' });
    await applyQuestion.getByText(`Áp dụng tệp này với ngày hiệu lực ${vnDate(vnToday())}?`, { exact: false }).waitFor();
    await expect(Person.get('nv-ms900001')).rejects.toThrow();
    await applyQuestion.getByRole('button', { name: 'Nhập danh sách', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã nhập' }).waitFor();
    await page.getByText('Đã nhập 3 dòng; bỏ qua 1 dòng lỗi.').waitFor();
    expect((await Person.get('nv-ms900001')).unitId).toBe('x901');
    await expect.poll(async () => (await Person.get(mover.id)).unitId).toBe('x902');
    await expect(Person.get('nv-ms900002')).rejects.toThrow();
    await expectAccessible(page, 'roster imported');

    // The people of a unit, with their status and a transcript.
    await page.goto(url('/danh-sach?unit=x901'));
    await page.getByRole('heading', { name: 'Cán bộ thuộc Xã Thử Một' }).waitFor();
    const person = page.locator('table tbody tr').filter({ hasText: 'Lê Thị Thử Nghiệm' });
    await person.waitFor();
    expect(await person.textContent()).toContain('Đang công tác');
    const transcript = await download(page, person.getByRole('link', { name: 'Phiếu kết quả (PDF) của Lê Thị Thử Nghiệm' }));
    expect((await pdfText(transcript.bytes)).replace(/\s+/g, ' ')).toContain('Xã Thử Một');
    await expectAccessible(page, 'roster people');
    await page.context().close();
  }, 240_000);

  it('lets the admin merge two units into a new one, dissolve an empty one and import the tree, each listed with its date', async () => {
    const page = await signIn('quantri@demo.sansang.vn');
    await page.goto(url('/to-chuc'));
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    const merge = action(page, 'Hợp nhất các đơn vị trực thuộc');
    await merge.locator('summary').click();
    await merge.getByRole('checkbox', { name: 'Xã Thử Một (X901)' }).check();
    await merge.getByRole('checkbox', { name: 'Xã Thử Hai (X902)' }).check();
    await merge.getByRole('radio', { name: 'Một đơn vị mới thành lập' }).check();
    await merge.getByLabel('Mã đơn vị').fill('X903');
    await merge.getByLabel('Tên đơn vị').fill('Xã Hợp Nhất');
    await merge.getByLabel('Loại đơn vị').selectOption({ label: 'Xã' });
    await expectAccessible(page, 'org merge form');
    await merge.getByRole('button', { name: 'Hợp nhất', exact: true }).click();
    // A merge cannot be undone by a click: it names what moves where and from when, and waits.
    await merge.getByText(`Hợp nhất 2 đơn vị (Xã Thử Một, Xã Thử Hai) vào Xã Hợp Nhất từ ngày ${vnDate(vnToday())}?`, { exact: false }).waitFor();
    expect((await Org.children('ms')).some((u) => u.code === 'X903')).toBe(false);
    await expectAccessible(page, 'org merge question');
    await merge.getByRole('button', { name: 'Đồng ý hợp nhất' }).click();
    await merge.getByText('Đã hợp nhất 2 đơn vị vào Xã Hợp Nhất; 3 người chuyển theo.').waitFor();
    const former = page.locator('table.former tbody tr');
    for (const name of ['Xã Thử Một', 'Xã Thử Hai']) {
      await former
        .filter({ hasText: name })
        .filter({ hasText: `Đã hợp nhất vào Xã Hợp Nhất từ ngày ${vnDate(vnToday())}` })
        .waitFor();
    }
    expect((await Person.get('nv-ms900001')).unitId).toBe('x903');
    await expectAccessible(page, 'org former units');

    // The merged unit's page: its history says what it took in; it cannot be dissolved with people in it.
    await page.getByRole('link', { name: 'Xã Hợp Nhất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xã Hợp Nhất' }).waitFor();
    await page.getByText('Tiếp nhận Xã Thử Một, Xã Thử Hai: 3 người, 0 đơn vị trực thuộc').waitFor();
    const dissolve = action(page, 'Giải thể đơn vị này');
    await dissolve.locator('summary').click();
    await dissolve.getByLabel('Tôi xác nhận giải thể Xã Hợp Nhất').check();
    await dissolve.getByRole('button', { name: 'Giải thể' }).click();
    await dissolve.getByText('Đơn vị còn người đang công tác hoặc đơn vị trực thuộc nên chưa giải thể được.').waitFor();
    await dissolve.getByText(/Đơn vị "Xã Hợp Nhất" còn 3 người đang công tác và 0 đơn vị trực thuộc/).waitFor();
    await expectAccessible(page, 'org dissolve refused');

    // An empty unit is dissolved and listed as such under its parent.
    const created = await Org.children('ms');
    expect(created.some((u) => u.code === 'X903')).toBe(true);
    await page.goto(url('/to-chuc'));
    const create = action(page, 'Thành lập đơn vị trực thuộc');
    await create.locator('summary').click();
    await create.getByLabel('Mã đơn vị').fill('X904');
    await create.getByLabel('Tên đơn vị').fill('Xã Sẽ Giải Thể');
    await create.getByLabel('Loại đơn vị').selectOption({ label: 'Xã' });
    await create.getByRole('button', { name: 'Thành lập' }).click();
    await page.getByRole('link', { name: 'Xã Sẽ Giải Thể' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xã Sẽ Giải Thể' }).waitFor();
    const dissolveEmpty = action(page, 'Giải thể đơn vị này');
    await dissolveEmpty.locator('summary').click();
    await dissolveEmpty.getByLabel('Tôi xác nhận giải thể Xã Sẽ Giải Thể').check();
    await dissolveEmpty.getByRole('button', { name: 'Giải thể' }).click();
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await former
      .filter({ hasText: 'Xã Sẽ Giải Thể' })
      .filter({ hasText: `Đã giải thể từ ngày ${vnDate(vnToday())}` })
      .waitFor();

    // The tree from a file: a bad row is named and nothing is written; a good file is previewed, then applied.
    const tree = (rows: string[][]) => csvFile([['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Cấp', 'Mã đơn vị cấp trên'], ...rows]);
    const fileInput = page.locator('#org-import-file');
    await fileInput.setInputFiles({
      name: 'cay.csv',
      mimeType: 'text/csv',
      buffer: tree([
        ['X910', 'Xã Nhập Từ Tệp', 'commune', '', 'MS'],
        ['X911', 'Xã Sai Loại', 'lang-xa', '', 'MS'],
      ]),
    });
    await page.getByRole('button', { name: 'Chạy thử và xem trước' }).click();
    await page.getByText('Tệp có dòng lỗi nên chưa dòng nào được nhập:').waitFor();
    await page.getByText(/^dòng 3, cột kind: loại "lang-xa" không hợp lệ/).waitFor();
    await expectAccessible(page, 'org import refused');
    await fileInput.setInputFiles({ name: 'cay.csv', mimeType: 'text/csv', buffer: tree([['X910', 'Xã Nhập Từ Tệp', 'commune', '', 'MS']]) });
    await page.getByRole('button', { name: 'Chạy thử và xem trước' }).click();
    await page.getByRole('heading', { name: 'Xem trước (chưa có gì được ghi)' }).waitFor();
    await page.locator('ul.counts li').filter({ hasText: 'Thành lập' }).filter({ hasText: '1' }).waitFor();
    expect((await Org.children('ms')).some((u) => u.code === 'X910')).toBe(false);
    await page.getByRole('button', { name: 'Nhập cây tổ chức' }).click();
    await page.getByRole('group', { name: 'Nhập cây tổ chức' }).getByRole('button', { name: 'Nhập cây tổ chức', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã nhập' }).waitFor();
    await page.locator('table tbody tr').filter({ hasText: 'X910' }).getByRole('link', { name: 'Xã Nhập Từ Tệp' }).waitFor();

    // A unit moved under another, chosen by its code.
    await page.getByRole('link', { name: 'Xã Nhập Từ Tệp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xã Nhập Từ Tệp' }).waitFor();
    const move = action(page, 'Chuyển đơn vị này sang đơn vị cấp trên khác');
    await move.locator('summary').click();
    await move.getByLabel('Mã đơn vị cấp trên mới').fill('x903');
    await move.getByRole('button', { name: 'Chuyển' }).click();
    await move.getByText('Đã chuyển Xã Nhập Từ Tệp về Xã Hợp Nhất.').waitFor();
    await page.getByRole('navigation', { name: 'Các đơn vị cấp trên' }).getByRole('link', { name: 'Xã Hợp Nhất' }).waitFor();
    expect((await Org.get('x910')).parentId).toBe('x903');
    await page.goto(url('/to-chuc'));

    const exported = await download(page, page.getByRole('link', { name: 'Xuất CSV' }));
    const exportedText = exported.bytes.toString('utf8');
    expect(exportedText.startsWith('\ufeffMã đơn vị,Tên đơn vị,Loại đơn vị,Cấp,Mã đơn vị cấp trên')).toBe(true);
    expect(exportedText).toContain('Xã Nhập Từ Tệp');
    expect(exportedText).toContain('Xã Hợp Nhất');
    expect(exportedText).not.toContain('Xã Thử Một');
    await page.context().close();
  }, 300_000);

  it('lets the admin add a target, which the officer then reads and chooses on the dashboard', async () => {
    const admin = await signIn('quantri@demo.sansang.vn');
    await admin.getByRole('link', { name: 'Chỉ tiêu' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Chỉ tiêu' }).waitFor();
    const existing = (await Target.list())[0]!;
    await admin.locator('table.targets tbody tr').filter({ hasText: existing.title }).waitFor();
    await expectAccessible(admin, 'targets admin');
    const title = 'Xã, phường: 90% hoàn thành trước 30/6/2027';
    await admin.getByLabel('Mã chỉ tiêu').fill('xa-phuong-2027');
    await admin.getByLabel('Tên chỉ tiêu').fill(title);
    await admin.getByRole('checkbox', { name: 'Xã', exact: true }).check();
    await admin.getByRole('checkbox', { name: 'Phường', exact: true }).check();
    await admin.getByLabel('Tỷ lệ cần đạt (%)').fill('90');
    await admin.getByLabel('Hạn', { exact: true }).fill('30/06/2027');
    // Without a course the server refuses, naming the field.
    await admin.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await admin.getByText(/programme: cần ít nhất một khoá học/).waitFor();
    await admin.getByRole('checkbox', { name: 'An toàn thông tin khi làm việc' }).check();
    await admin.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await admin.getByText(`Đã lưu chỉ tiêu "${title}".`, { exact: false }).waitFor();
    const row = admin.locator('table.targets tbody tr').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('Xã, Phường');
    expect(await row.textContent()).toContain('90%');
    expect((await Target.list()).find((t) => t.id === 'xa-phuong-2027')).toMatchObject({
      percent: 90,
      deadline: '2027-06-30',
      unitKinds: ['commune', 'ward'],
      programme: ['an-toan-thong-tin'],
    });
    await admin.context().close();

    const hr = await signIn('nhansu.tinh@demo.sansang.vn');
    await hr.goto(url('/chi-tieu'));
    const national = hr.locator('table.targets tbody tr').filter({ hasText: title });
    await national.waitFor();
    // Set above the province: shown with where it comes from, read-only to the province's HR.
    await national.getByText('Chỉ tiêu chung toàn hệ thống').waitFor();
    expect(await national.getByRole('button', { name: `Sửa chỉ tiêu ${title}` }).count()).toBe(0);
    await hr.getByText('chỉ tiêu của cấp trên chỉ xem', { exact: false }).waitFor();
    await expectAccessible(hr, 'targets hr');
    await hr.goto(url('/san-sang'));
    await hr.getByLabel('Chỉ tiêu', { exact: true }).selectOption({ label: title });
    await hr.getByRole('button', { name: 'Xem số liệu' }).click();
    await hr.getByText(`Chỉ tiêu: ${title}`).waitFor();
    await hr.getByText(`${title}: Chỉ tiêu chung toàn hệ thống`).waitFor();
    // Who counts as trained is recounted in the background for a new programme; who is in scope is not.
    const communes = await Readiness.forUnit({ unitId: 'ms', targetId: 'xa-phuong-2027' });
    await hr.getByText(new RegExp(`^[\\d.]+/${vnNumber(communes.staff).replace('.', '\\.')} người đã hoàn thành`)).waitFor();
    await expectAccessible(hr, 'hr dashboard second target');
    await hr.context().close();
  }, 240_000);
});
