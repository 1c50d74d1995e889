import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { compileContent } from '@sansang/content';
import { answerQuizInBrowser } from '../support/quiz-answers.ts';
import type { Course } from '@sansang/core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { seedDemo, DEMO_PASSWORD, contentDir, webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { expectAccessible, launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let course: Course.Bundle;

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/dang-nhap/);
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
  return page;
}

describe('the walking skeleton in a real browser', () => {
  beforeAll(async () => {
    const table = await useFreshTable();
    await seedDemo({ table, contentDir });
    const { courses } = await compileContent(contentDir);
    course = courses[0]!;
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a learner reads every lesson, passes the server-graded quiz and sees the course completed', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'hocvien@demo.sansang.vn');
    await page.goto(`${server.url}/khoa-hoc`);
    const card = page.getByRole('link', { name: course.title });
    await expect.poll(() => card.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'course list');
    await card.first().click();
    await page.waitForURL(new RegExp(`/khoa-hoc/${course.slug}$`));
    await expectAccessible(page, 'course');

    for (const lesson of course.lessons) {
      await page.goto(`${server.url}/khoa-hoc/${course.slug}/bai/${lesson.id}`);
      await page.getByRole('heading', { name: lesson.title }).waitFor();
      await expectAccessible(page, `lesson ${lesson.id}`);
      await page.getByRole('button', { name: 'Đánh dấu đã học' }).click();
      await page.getByText('Đã học', { exact: false }).first().waitFor();
    }

    await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();
    await expectAccessible(page, 'quiz');
    const drawn = await answerQuizInBrowser(page, course.quiz!);
    expect(drawn).toBe(Math.min(course.quiz!.questions.length, course.quiz!.draw.reduce((s, r) => s + r.count, 0) || Infinity));
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByText('Đạt', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByText('100').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'quiz result');

    await page.goto(`${server.url}/khoa-hoc`);
    await page.getByText('Đã hoàn thành').first().waitFor();
    await context.close();
  });

  it('an HR officer sees their agency and its units, drills down and downloads a CSV Excel reads', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signIn(context, 'nhansu@demo.sansang.vn');
    await page.getByRole('link', { name: 'Mức độ sẵn sàng' }).click();
    await page.waitForURL(/\/san-sang/);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByText('%').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'readiness dashboard');
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toContain('Sở');
    // The target, the gap and the deadline come first; the child units can be filtered.
    await page.getByText(/^Còn [\d.]+ người cần hoàn thành để đạt 100%\.$/).waitFor();
    await page.getByText(/^Hạn .* — còn \d+ ngày\.$/).waitFor();
    await page.locator('figure.chart').first().scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('figure.chart canvas').count()).toBeGreaterThan(0);
    const all = await rows.count();
    await page.getByLabel('Chỉ đơn vị chưa đạt').check();
    const behind = await rows.count();
    expect(behind).toBeLessThanOrEqual(all);
    expect(await rows.filter({ hasText: '✓' }).count()).toBe(0);
    await page.getByLabel('Chỉ đơn vị chưa đạt').uncheck();
    const firstName = (await rows.first().locator('th').textContent())!;
    await page.getByLabel('Lọc theo tên').fill(firstName);
    await expect.poll(() => rows.count()).toBeLessThan(all + 1);
    expect(await rows.first().locator('th').textContent()).toBe(firstName);
    await page.getByLabel('Lọc theo tên').fill('');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải báo cáo CSV' }).click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('Họ và tên');
    expect(text).toMatch(/Đã hoàn thành|Chưa hoàn thành/);
    expect(text).toBe(text.normalize('NFC'));

    await page.getByRole('button', { name: 'Lưu bản báo cáo cố định' }).click();
    const saved = page.getByRole('link', { name: /^Tải bản / });
    await saved.first().waitFor();
    const archived = page.waitForEvent('download');
    await saved.first().click();
    const archivedText = (await readFile((await (await archived).path())!)).toString('utf8');
    expect(archivedText.replace(/^\ufeff/, '')).toBe(text);

    const childName = (await rows.first().locator('a').first().textContent())!.trim();
    await rows.first().locator('a').first().click();
    await page.getByRole('heading', { level: 1, name: childName }).waitFor();
    await context.close();
  });

  it('switches the interface to English and back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });

  it('on a phone keeps the header to one line, signed in or not, with the links behind a menu button', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const headerHeight = (page: Page) => page.getByRole('banner').evaluate((e) => e.getBoundingClientRect().height);
    const signedOut = await context.newPage();
    await signedOut.goto(`${server.url}/dang-nhap`);
    await signedOut.getByLabel('Email').waitFor();
    const outHeight = await headerHeight(signedOut);
    await signedOut.close();

    // The officer with the most links: the header does not grow when the session is known.
    const page = await signIn(context, 'nhansu@demo.sansang.vn');
    await page.goto(`${server.url}/san-sang`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await headerHeight(page)).toBe(outHeight);
    const menu = page.getByRole('button', { name: 'Trình đơn' });
    const roster = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Danh sách cán bộ' });
    expect(await roster.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'phone menu open');
    // Escape closes it and gives the focus back to the button, for keyboard users.
    await roster.focus();
    await page.keyboard.press('Escape');
    expect(await roster.isVisible()).toBe(false);
    expect(await menu.evaluate((e) => e === document.activeElement)).toBe(true);

    // Following a link closes the menu on the new page.
    await menu.click();
    await roster.click();
    await page.waitForURL(/\/danh-sach/);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await headerHeight(page)).toBe(outHeight);
    await context.close();
  });
});
