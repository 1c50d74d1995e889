import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { Account, Credit, Requirement } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** The demo learner works in a commune: the province's HR officer manages them, the agency's does not. */
const LEARNER = 'hocvien@demo.sansang.vn';
const HR = 'nhansu.tinh@demo.sansang.vn';
const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});

const vnToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const daysAgo = (days: number) => new Date(Date.parse(`${vnToday()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
/** yyyy-mm-dd as the page prints it. */
const dmy = (day: string) => day.split('-').reverse().join('/');

/** A scanned certificate as small as a PNG gets (1×1): the server tells an image by its first bytes. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const ISSUER = 'Trung tâm Sát hạch CNTT Đại học Huế';
const NUMBER = 'UDCB-2025-004217';
const SCAN = 'chứng chỉ ứng dụng CNTT.png';

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Fills the certificate form (the learner's or HR's: the same fields) and sends it. */
async function fillCertificate(page: Page, fields: { issuer: string; number: string; issuedOn: string; course: string }, submit: string) {
  await page.getByLabel('Nơi cấp').fill(fields.issuer);
  await page.getByLabel('Số hiệu chứng chỉ').fill(fields.number);
  await page.getByLabel('Ngày cấp').fill(dmy(fields.issuedOn));
  await page.getByRole('checkbox', { name: fields.course, exact: true }).check();
  await page.getByLabel('Bản chụp chứng chỉ (PDF hoặc ảnh, tối đa 5 MB)').setInputFiles({ name: SCAN, mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: submit, exact: true }).click();
}

describe('credit for prior learning in the browser', () => {
  it('a learner sends a certificate, the province HR officer approves it behind a confirmation, and the course counts as done', async () => {
    const learner = (await Account.get(LEARNER))!;
    const officer = (await Account.get(HR))!;
    const owed = await Requirement.forPerson({ personId: learner.personId! });
    const requirement = owed.find((r) => r.courses.some((c) => !c.done))!;
    expect(requirement).toBeTruthy();
    const course = requirement.courses.find((c) => !c.done)!;
    const issuedOn = daysAgo(200);

    // The learner sends it from "Việc cần hoàn thành": it waits for approval, the course still to do.
    const learnerPage = await signInAs(stack.browser, stack.server.url, LEARNER, DEMO_PASSWORD, { viewport: { width: 1280, height: 800 } });
    await learnerPage.goto(`${stack.server.url}/viec-can-hoan-thanh`);
    const section = learnerPage.locator('section.my-credits');
    await section.getByRole('heading', { level: 2, name: 'Tôi đã có chứng chỉ tương đương' }).waitFor();
    await section.getByText('Gửi chứng chỉ tương đương', { exact: true }).click();
    await fillCertificate(learnerPage, { issuer: ISSUER, number: NUMBER, issuedOn, course: course.title }, 'Gửi chứng chỉ');
    await section.getByRole('status').getByText(`Đã gửi chứng chỉ số ${NUMBER}.`, { exact: false }).waitFor();
    const mine = section.locator('ul.credits-mine > li');
    await mine.filter({ hasText: ISSUER }).waitFor();
    expect((await mine.innerText()).replace(/\s+/g, ' ')).toBe(`${ISSUER} Số ${NUMBER}, cấp ngày ${dmy(issuedOn)} ${course.title} Trạng thái: chờ duyệt`);
    expect(await learnerPage.getByLabel('Nơi cấp').inputValue()).toBe('');
    const [sent] = await Credit.ofPerson(learner.personId!);
    expect([sent?.state, sent?.courses, sent?.issuer, sent?.number]).toEqual(['pending', [course.slug], ISSUER, NUMBER]);
    expect((await Requirement.forPerson({ personId: learner.personId! })).flatMap((r) => r.courses).find((c) => c.slug === course.slug)?.done).toBe(false);

    // The same certificate again: the server's Vietnamese words, and nothing more recorded.
    await fillCertificate(learnerPage, { issuer: ISSUER, number: NUMBER, issuedOn, course: course.title }, 'Gửi chứng chỉ');
    const alert = section.getByRole('alert');
    await alert.getByText('Chứng chỉ này (cùng nơi cấp và số) đã được ghi cho người này.').waitFor();
    await alert.getByText(`Chứng chỉ số ${NUMBER} của ${ISSUER} đã được ghi cho ${sent!.fullName}.`).waitFor();
    expect((await Credit.ofPerson(learner.personId!)).length).toBe(1);
    await learnerPage.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(learnerPage)).toBe(true);
    await expectAccessible(learnerPage, 'learner credits');

    // The province's HR officer finds it waiting, with its scan, and approves it after confirming.
    const page = await signInAs(stack.browser, stack.server.url, HR, DEMO_PASSWORD, { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await page.getByRole('banner').getByRole('link', { name: 'Công nhận tương đương' }).click();
    await page.getByRole('heading', { level: 1, name: 'Công nhận tương đương' }).waitFor();
    const listed = (await Credit.list({ unitId: officer.grants[0]!.unitId!, state: 'pending' })).credits.find((c) => c.id === sent!.id)!;
    await page.getByLabel('Trạng thái').selectOption({ label: 'Chờ duyệt' });
    await page.waitForURL(/state=pending/);
    const rows = page.locator('table.credits tbody tr');
    const row = rows.filter({ hasText: sent!.employeeCode });
    await row.waitFor();
    // The demo has a few certificates waiting too: the list shows each once.
    const waiting = (await Credit.list({ unitId: officer.grants[0]!.unitId!, state: 'pending' })).credits.length;
    // The row is in the unfiltered list too: wait for the filtered answer rather than count the one it replaces.
    await expect.poll(() => rows.count()).toBe(waiting);
    const cells = (await row.locator('th, td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual([
      `${sent!.fullName} ${sent!.employeeCode}`,
      listed.unitName,
      ISSUER,
      NUMBER,
      dmy(issuedOn),
      course.title,
      'Chờ duyệt',
      'Xem bản chụp',
      `Gửi: ${LEARNER}`,
      'Duyệt',
    ]);
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: `Xem bản chụp chứng chỉ của ${sent!.fullName} (${SCAN})` }).click();
    expect((await readFile((await (await download).path())!)).equals(png)).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.getByText('Bảng rộng: vuốt sang ngang trong bảng để xem các cột còn lại.').first().waitFor();
    await expectAccessible(page, 'hr credits pending');
    await page.setViewportSize({ width: 1280, height: 800 });

    // "Duyệt" only asks; "Không" leaves it waiting; "Đồng ý duyệt" approves it.
    await row.getByRole('button', { name: `Duyệt chứng chỉ số ${NUMBER} của ${sent!.fullName}` }).click();
    await row.getByText(`Duyệt chứng chỉ số ${NUMBER} của ${sent!.fullName}?`, { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Không', exact: true }).click();
    expect((await Credit.get(sent!.id))?.state).toBe('pending');
    await row.getByRole('button', { name: `Duyệt chứng chỉ số ${NUMBER} của ${sent!.fullName}` }).click();
    await row.getByRole('button', { name: 'Đồng ý duyệt' }).click();
    await page.getByRole('status').getByText(`Đã duyệt chứng chỉ số ${NUMBER} của ${sent!.fullName}.`).waitFor();
    // Approved, it leaves the "waiting" list.
    await row.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(waiting - 1);
    expect((await Credit.get(sent!.id))?.state).toBe('approved');

    await page.getByLabel('Trạng thái').selectOption({ label: 'Tất cả' });
    await row.waitFor();
    const after = (await row.locator('th, td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(after.slice(6)).toEqual(['Đã duyệt', 'Xem bản chụp', `Gửi: ${LEARNER} Duyệt: ${HR}, ngày ${dmy(vnToday())}`, '']);

    // HR recording the same certificate for the learner: refused in the server's words, no new row.
    const all = (await Credit.list({ unitId: officer.grants[0]!.unitId! })).credits.length;
    await expect.poll(() => rows.count()).toBe(all);
    await page.getByLabel('Mã cán bộ').fill(sent!.employeeCode);
    await fillCertificate(page, { issuer: ISSUER, number: NUMBER, issuedOn, course: course.title }, 'Ghi và duyệt chứng chỉ');
    await page.getByRole('alert').getByText(`Chứng chỉ số ${NUMBER} của ${ISSUER} đã được ghi cho ${sent!.fullName}.`).waitFor();
    expect(await rows.count()).toBe(all);
    await page.context().close();

    // The learner's page: approved on today's date, and the course done.
    await learnerPage.setViewportSize({ width: 1280, height: 800 });
    await learnerPage.reload();
    await mine.filter({ hasText: `Trạng thái: đã duyệt ngày ${dmy(vnToday())}` }).waitFor();
    const card = learnerPage
      .locator('li.requirement')
      .filter({ has: learnerPage.getByRole('heading', { level: 2, name: requirement.target.title, exact: true }) });
    const step = card.locator('ol.steps > li').filter({ has: learnerPage.getByRole('link', { name: course.title, exact: true }) });
    await step.locator('.step-state.ok').getByText('Đã hoàn thành').waitFor();
    expect((await Requirement.forPerson({ personId: learner.personId! })).flatMap((r) => r.courses).find((c) => c.slug === course.slug)?.done).toBe(true);
    await learnerPage.context().close();
  }, 180_000);
});
