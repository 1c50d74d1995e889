import { describe, expect, it } from 'vitest';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, LANDED } from './browser.ts';

/**
 * The header's bell asks for the unread count when someone signs in, then at most once every
 * five minutes and when the tab comes back, not at each page change (a learner clicking
 * through lessons used to ask at every click). The page's clock is Playwright's, moved on by hand.
 */
const stack = browserStack(async () => {
  const tree = await smallProvince(1);
  await account('hocvien@test.vn', tree.people[0]!.id);
});

describe("the notices bell's requests", () => {
  it('asks once on sign-in, not per page, again when five minutes old, and when the tab regains focus', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await page.clock.install();
    let asked = 0;
    page.on('request', (r) => void (new URL(r.url()).pathname === '/api/notices' && asked++));
    await page.goto(`${stack.server.url}/dang-nhap`);
    await page.getByLabel('Email').fill('hocvien@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(LANDED);
    await expect.poll(() => asked).toBe(1);

    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const [link, heading] of [
      ['Khoá học', 'Khoá học của tôi'],
      ['Việc cần hoàn thành', 'Việc cần hoàn thành'],
      ['Khoá học', 'Khoá học của tôi'],
    ] as const) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await page.getByRole('link', { name: 'Trợ giúp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hướng dẫn sử dụng' }).waitFor();
    // Back on the tab at once: the count is seconds old, nothing is asked.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(asked).toBe(1);

    await page.clock.fastForward('05:01');
    await expect.poll(() => asked).toBe(2);
    await page.clock.fastForward('00:31');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => asked).toBe(3);
    await page.context().close();
  }, 120_000);
});
