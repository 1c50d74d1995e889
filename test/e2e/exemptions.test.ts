import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { Account, Exemption, Readiness } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** The HR officer of one agency of the demo province (its departments and service units below it). */
const HR = 'nhansu@demo.sansang.vn';
const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});

const vnToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const later = (days: number) => new Date(Date.parse(`${vnToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** yyyy-mm-dd as the page prints it. */
const dmy = (day: string) => day.split('-').reverse().join('/');
/** A count as the page writes it in Vietnamese ("1.234") back to a number. */
const vnParse = (text: string | null) => Number((text ?? '').replace(/\./g, ''));

/** A scanned decision as small as a PDF gets: the server tells a PDF by its first bytes. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A page saved from a browser and named .pdf: a name and a declared type prove nothing. */
const htmlNamedPdf = Buffer.from('<!doctype html><html><body>Quyết định cử đi học</body></html>');

/** One of the dashboard's counts behind the rate, by its label. */
const figure = async (page: Page, label: string) =>
  vnParse(
    await page
      .locator('dl.figures > div')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd')
      .textContent(),
  );

async function openDashboard(page: Page, unitName: string) {
  await page.getByRole('banner').getByRole('link', { name: 'Mức độ sẵn sàng' }).click();
  await page.getByRole('heading', { level: 1, name: unitName }).waitFor();
  await page.locator('dl.figures').waitFor();
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('HR exempts a person in the browser', () => {
  it('records an exemption with its PDF: the row is listed with its scan, the denominator falls by exactly one and "Được miễn" rises by one', async () => {
    const officer = (await Account.get(HR))!;
    const unitId = officer.grants[0]!.unitId!;
    const before = await Readiness.forUnit({ unitId });
    const already = await Exemption.list({ unitId });
    // The officer does not exempt themself: two other people the shown target counts, one to exempt, one for the refused file.
    const taken = new Set([officer.personId, ...already.exemptions.map((e) => e.personId)]);
    const [person, other] = (await Readiness.untrained({ unitId, targetId: before.target.id, limit: 50 })).people.filter((p) => !taken.has(p.id));
    expect(person && other).toBeTruthy();

    const page = await signInAs(stack.browser, stack.server.url, HR, DEMO_PASSWORD, { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await openDashboard(page, before.unit.name);
    const staff = await figure(page, 'Phải hoàn thành');
    const exempt = await figure(page, 'Được miễn');
    expect([staff, exempt, await figure(page, 'Trong diện'), await figure(page, 'Còn phải học')]).toEqual([
      before.staff,
      before.exempt,
      before.inScope,
      before.owing,
    ]);
    await page.getByRole('columnheader', { name: 'Được miễn' }).waitFor();

    await page.getByRole('banner').getByRole('link', { name: 'Miễn trừ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Miễn trừ' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Danh sách miễn trừ — ${before.unit.name}` }).waitFor();
    const rows = page.locator('table.exemptions tbody tr');
    if (already.exemptions.length === 0) await page.getByText(/^Chưa có ai được miễn trong .*Để ghi miễn, nhập mã cán bộ/).waitFor();
    // The form comes before the list, never under a long table.
    const formTop = (await page.getByRole('button', { name: 'Ghi miễn trừ' }).boundingBox())!.y;
    const listTop = (await page.getByRole('heading', { level: 2, name: /^Danh sách miễn trừ/ }).boundingBox())!.y;
    expect(formTop).toBeLessThan(listTop);

    const until = later(120);
    await page.getByLabel('Mã cán bộ').fill(person!.employeeCode);
    expect(await page.getByLabel('Chỉ tiêu', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Lý do').selectOption({ label: 'Nghỉ thai sản' });
    expect(await page.getByLabel('Từ ngày').inputValue()).toBe(dmy(vnToday()));
    await page.getByLabel('Đến ngày').fill(dmy(until));
    await page
      .getByLabel('Tệp minh chứng (PDF hoặc ảnh, tối đa 5 MB)')
      .setInputFiles({ name: 'quyết định nghỉ thai sản.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
    await page
      .getByRole('status')
      .getByText(`Đã ghi miễn cho ${person!.fullName} (${person!.employeeCode}) từ ${dmy(vnToday())} đến ${dmy(until)}.`)
      .waitFor();
    // Cleared for the next person.
    expect(await page.getByLabel('Mã cán bộ').inputValue()).toBe('');
    expect([await page.getByLabel('Từ ngày').inputValue(), await page.getByLabel('Đến ngày').inputValue()]).toEqual([dmy(vnToday()), '']);

    const row = rows.filter({ hasText: person!.employeeCode });
    await row.waitFor();
    expect(await rows.count()).toBe(already.exemptions.length + 1);
    const cells = (await row.locator('th, td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells.slice(0, 8)).toEqual([
      `${person!.fullName} ${person!.employeeCode}`,
      person!.unitName,
      'Mọi chỉ tiêu',
      'Nghỉ thai sản',
      `${dmy(vnToday())} – ${dmy(until)}`,
      'Đang miễn',
      'Xem tệp',
      HR,
    ]);
    // The evidence link gives back the very file sent.
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: `Xem tệp minh chứng của ${person!.fullName} (quyết định nghỉ thai sản.pdf)` }).click();
    expect((await readFile((await (await download).path())!)).equals(pdf)).toBe(true);

    // A file that is not a PDF, whatever its name says: the server's Vietnamese reason, and no row.
    await page.getByLabel('Mã cán bộ').fill(other!.employeeCode);
    await page.getByLabel('Lý do').selectOption({ label: 'Đi học' });
    await page.getByLabel('Đến ngày').fill(dmy(until));
    await page
      .getByLabel('Tệp minh chứng (PDF hoặc ảnh, tối đa 5 MB)')
      .setInputFiles({ name: 'quyet-dinh-cu-di-hoc.pdf', mimeType: 'application/pdf', buffer: htmlNamedPdf });
    await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Tệp minh chứng phải là PDF hoặc ảnh (PNG, JPEG, WebP).').waitFor();
    await alert.getByText(/^Tệp minh chứng "quyet-dinh-cu-di-hoc\.pdf" không phải PDF hay ảnh/).waitFor();
    expect(await rows.count()).toBe(already.exemptions.length + 1);
    expect(await rows.filter({ hasText: other!.employeeCode }).count()).toBe(0);
    expect((await Exemption.ofPerson(other!.id)).length).toBe(0);

    // Over 5 MB is refused here, in Vietnamese, before anything is sent.
    let posted = 0;
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/exemptions') && posted++));
    await page
      .getByLabel('Tệp minh chứng (PDF hoặc ảnh, tối đa 5 MB)')
      .setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25) });
    await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
    await alert.getByText(/^Tệp minh chứng "ban-quet\.pdf" nặng 5 MB, quá giới hạn 5 MB\./).waitFor();
    expect(posted).toBe(0);

    // On a phone the page itself never scrolls sideways; the wide table scrolls inside its own box, and says so.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.getByText('Bảng rộng: vuốt sang ngang trong bảng để xem các cột còn lại.').first().waitFor();
    await expectAccessible(page, 'hr exemptions');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The dashboard: one fewer must complete, one more exempted, the same number in scope.
    await openDashboard(page, before.unit.name);
    await expect.poll(() => figure(page, 'Phải hoàn thành')).toBe(staff - 1);
    expect(await figure(page, 'Được miễn')).toBe(exempt + 1);
    expect(await figure(page, 'Trong diện')).toBe(before.inScope);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'hr dashboard with exemptions');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Ended early, after asking: the person owes again from today and the denominator is back.
    await page.getByRole('link', { name: 'Miễn trừ', exact: true }).first().click();
    await row.waitFor();
    await row.getByRole('button', { name: `Kết thúc sớm miễn trừ của ${person!.fullName}` }).click();
    await row.getByText(`Kết thúc miễn trừ của ${person!.fullName} từ hôm nay?`, { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Đồng ý kết thúc' }).click();
    await page.getByRole('status').getByText(`Đã kết thúc miễn trừ của ${person!.fullName}.`).waitFor();
    await expect.poll(() => row.locator('td').nth(4).innerText()).toBe('Đã kết thúc');
    expect(await row.getByRole('button').count()).toBe(0);
    await openDashboard(page, before.unit.name);
    await expect.poll(() => figure(page, 'Phải hoàn thành')).toBe(staff);
    expect(await figure(page, 'Được miễn')).toBe(exempt);
    await page.context().close();
  });
});
