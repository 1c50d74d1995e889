import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/**
 * Every role's journey through the menu, as a new user would take it on a phone: each page
 * it offers opens with its heading and no error, is axe clean and fits the screen at phone
 * and desktop width and at 200 % zoom (expectAccessible checks all three), then the pages
 * one click deeper that the role works in.
 */
const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});

const PHONE = { width: 390, height: 844 };

/** Uncaught errors each page threw, so a blank page says why. */
const pageErrors = new WeakMap<Page, string[]>();
async function signIn(email: string): Promise<Page> {
  const page = await signInAs(stack.browser, stack.server.url, email, DEMO_PASSWORD, { viewport: PHONE });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(`${e.message} ${e.stack?.split('\n').slice(0, 4).join(' ') ?? ''}`));
  return page;
}

/** Waits until the page has its heading and has stopped loading, and fails on an error shown instead. */
async function settled(page: Page, label: string): Promise<void> {
  await page
    .locator('main h1')
    .first()
    .waitFor()
    .catch(async (error: unknown) => {
      // What the page showed instead, for whoever reads the failure.
      await page.screenshot({ path: `test-results/journey-failed-${label.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
      const errors = pageErrors.get(page) ?? [];
      throw new Error(`${label}: no heading at ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 300)} ${errors.join(' | ')}`, {
        cause: error,
      });
    });
  // A page may load several things at once, each with its own "Đang tải…".
  await expect.poll(() => page.locator('p.loading').count(), { timeout: 30_000 }).toBe(0);
  expect(await page.locator('main [role="alert"].error').allInnerTexts(), `${label} shows an error`).toEqual([]);
}

/** Opens a page from the menu (behind its button on a phone), checks it, and returns its heading. */
async function fromMenu(page: Page, name: string): Promise<string> {
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name, exact: true }).click();
  await settled(page, name);
  await expectAccessible(page, `journey ${name}`);
  expect(pageErrors.get(page), `${name}: errors in the page`).toEqual([]);
  return page.locator('main h1').first().innerText();
}

/** Follows a link inside the page, then checks where it led. */
async function follow(page: Page, link: ReturnType<Page['locator']>, label: string): Promise<void> {
  await link.first().click();
  await settled(page, label);
  await expectAccessible(page, `journey ${label}`);
}

/** On a phone the menu is behind its button; it must be closed whenever a page has just opened. */
async function openMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Trình đơn' });
  if (!(await toggle.isVisible())) return;
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
}

async function menuLinks(page: Page): Promise<string[]> {
  await openMenu(page);
  const names = await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allInnerTexts();
  await page.getByRole('button', { name: 'Trình đơn' }).click();
  return names.map((n) => n.trim());
}

describe('every role’s journey on a phone, each page also checked at desktop width', () => {
  it('the learner: what they owe, the courses, a course, its first lesson and its quiz', async () => {
    const page = await signIn('hocvien@demo.sansang.vn');
    expect(await menuLinks(page)).toEqual(['Việc cần hoàn thành', 'Khoá học']);
    await fromMenu(page, 'Việc cần hoàn thành');
    await fromMenu(page, 'Khoá học');
    await follow(page, page.locator('main a[href^="/khoa-hoc/"]'), 'learner course');
    await follow(page, page.locator('main a[href*="/bai/"]'), 'learner lesson');
    await page.goto(`${page.url().replace(/\/bai\/.*$/, '')}/kiem-tra`);
    await settled(page, 'learner quiz');
    await expectAccessible(page, 'journey learner quiz');
    await page.context().close();
  }, 300_000);

  for (const [who, email, unitKind] of [
    ['the department HR officer', 'nhansu@demo.sansang.vn', 'phòng'],
    ['the province HR officer', 'nhansu.tinh@demo.sansang.vn', 'sở or commune'],
  ] as const) {
    it(`${who}: readiness, one ${unitKind} below, roster, exemptions, credits, org, targets and accounts`, async () => {
      const page = await signIn(email);
      const pages = await menuLinks(page);
      expect(pages).toEqual(expect.arrayContaining(['Mức độ sẵn sàng', 'Danh sách cán bộ', 'Tài khoản']));
      expect(pages).not.toContain('Nhật ký');
      const top = await fromMenu(page, 'Mức độ sẵn sàng');
      await follow(page, page.locator('table.children tbody th a'), `${who} child unit`);
      expect(await page.locator('main h1').first().innerText()).not.toBe(top);
      for (const name of pages.filter((p) => !['Mức độ sẵn sàng', 'Việc cần hoàn thành', 'Khoá học'].includes(p))) await fromMenu(page, name);
      await page.context().close();
    }, 600_000);
  }

  it('the trainer: the content page and a course’s preview', async () => {
    const page = await signIn('giangvien@demo.sansang.vn');
    expect(await menuLinks(page)).toContain('Soạn nội dung');
    await fromMenu(page, 'Soạn nội dung');
    await follow(page, page.locator('main a[href^="/noi-dung/"]'), 'trainer preview');
    await page.context().close();
  }, 300_000);

  it('the admin: the org tree and a commune in it, targets, accounts and the audit log', async () => {
    const page = await signIn('quantri@demo.sansang.vn');
    const pages = await menuLinks(page);
    expect(pages).toEqual(expect.arrayContaining(['Cơ cấu tổ chức', 'Chỉ tiêu', 'Tài khoản', 'Soạn nội dung', 'Nhật ký']));
    await fromMenu(page, 'Cơ cấu tổ chức');
    await follow(page, page.locator('main table a[href^="/to-chuc?"]').filter({ hasText: /^(Xã|Phường) / }), 'admin commune');
    for (const name of ['Chỉ tiêu', 'Tài khoản', 'Nhật ký']) await fromMenu(page, name);
    await page.context().close();
  }, 400_000);
});
