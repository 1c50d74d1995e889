import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Course } from '@sansang/core';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

const SAFETY = 'An toàn thông tin khi làm việc';
const SIGNING = 'Chữ ký số trong công việc';
const MEETINGS = 'Họp trực tuyến';

describe('a learner finds a course by typing, and always sees where a lesson or quiz belongs', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await Course.publish(bundle({ slug: 'an-toan', title: SAFETY, summary: 'Mật khẩu, thư lừa đảo và mã độc.' }));
    await Course.publish(bundle({ slug: 'chu-ky-so', title: SIGNING, summary: 'Ký văn bản điện tử bằng USB token.' }));
    // Found by its summary only, typed without the đ.
    await Course.publish(bundle({ slug: 'hop', title: MEETINGS, summary: 'Họp trực tuyến và hội nghị truyền hình ở đơn vị.' }));
    for (const [i, email] of ['tim-ban-may@test.vn', 'tim-dien-thoai@test.vn'].entries()) await account(email, tree.people[i]!.id);
  });

  for (const [kind, email] of [
    ['desktop', 'tim-ban-may@test.vn'],
    ['phone', 'tim-dien-thoai@test.vn'],
  ] as const) {
    it(`${kind}: "an toan" finds "An toàn", a summary word finds its course, nothing found says so, and lesson and quiz pages carry the trail back`, async () => {
      const page = await signInAs(stack.browser, stack.server.url, email, undefined, { viewport: SIZES[kind] });
      await page.goto(`${stack.server.url}/khoa-hoc`);
      const titles = () => page.locator('ul.cards h2').allInnerTexts();
      await page.locator('ul.cards h2').first().waitFor();
      // The small province comes with its own sample course too.
      expect((await titles()).sort()).toEqual([SAFETY, SIGNING, MEETINGS, 'Khoá mẫu'].sort());

      const box = page.getByRole('searchbox', { name: 'Tìm khoá học (theo tên hoặc nội dung)' });
      await box.fill('an toan');
      await expect.poll(titles).toEqual([SAFETY]);
      await page.getByRole('status').filter({ hasText: 'Có 1/4 khoá học khớp.' }).waitFor();
      await box.fill('don vi');
      await expect.poll(titles).toEqual([MEETINGS]);
      await box.fill('KÝ SỐ');
      await expect.poll(titles).toEqual([SIGNING]);
      await box.fill('xyz');
      await expect.poll(titles).toEqual([]);
      await page.getByText('Không có khoá học nào khớp với “xyz”.', { exact: false }).waitFor();
      await expectAccessible(page, `course search ${kind}`);
      expect(await scrollsSideways(page)).toBe(false);
      await box.fill('');
      await expect.poll(async () => (await titles()).length).toBe(4);

      // A lesson: courses › course › lesson, the last one the page itself.
      await page.goto(`${stack.server.url}/khoa-hoc/an-toan/bai/bai-hai`);
      const trail = page.getByRole('navigation', { name: 'Bạn đang ở' });
      await trail.getByText('Bài hai').waitFor();
      expect(await trail.getByRole('listitem').allInnerTexts()).toEqual(['Khoá học', SAFETY, 'Bài hai']);
      expect(await trail.locator('[aria-current="page"]').innerText()).toBe('Bài hai');
      await expectAccessible(page, `lesson breadcrumb ${kind}`);
      expect(await scrollsSideways(page)).toBe(false);
      await trail.getByRole('link', { name: SAFETY }).click();
      await page.getByRole('heading', { level: 1, name: SAFETY }).waitFor();

      await page.goto(`${stack.server.url}/khoa-hoc/an-toan/kiem-tra`);
      await trail.getByText('Kiểm tra', { exact: true }).waitFor();
      expect(await trail.getByRole('listitem').allInnerTexts()).toEqual(['Khoá học', SAFETY, 'Kiểm tra']);
      await expectAccessible(page, `quiz breadcrumb ${kind}`);
      expect(await scrollsSideways(page)).toBe(false);
      await trail.getByRole('link', { name: 'Khoá học' }).click();
      await page.waitForURL(/\/khoa-hoc$/);
      await page.locator('ul.cards h2').first().waitFor();
    });
  }
});
