import { describe, expect, it } from 'vitest';
import { Certificate, Course } from '@sansang/core';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { takeQuiz } from '../support/quiz-answers.ts';
import { browserStack, expectAccessible, LANDED } from './browser.ts';

const course = bundle({ slug: 'duong-dan-sau', title: 'Chữ ký số và xác thực điện tử', hash: 'way-1', completion: { lessons: 'none', quiz: 'pass' } });

describe('finding one’s way: the certificate code box, unknown addresses, and deep links opened signed out', () => {
  let code = '';
  let learnerName = '';
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await Course.publish(course);
    const learner = tree.people[0]!;
    learnerName = learner.fullName;
    await account('hocvien@test.vn', learner.id);
    await takeQuiz(learner.id, course.slug);
    code = (await Certificate.issue({ personId: learner.id, slug: course.slug })).code;
  });

  it('/verify with no code offers a box for the code, which opens that certificate’s verification page', async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/verify`);
    await page.getByRole('heading', { name: 'Xác minh chứng nhận' }).waitFor();
    await expectAccessible(page, 'verify without a code');
    // As a person reads it off paper: lower case, a space for the dash.
    await page.getByLabel('Mã xác minh').fill(code.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Chứng nhận hợp lệ, được cấp qua hệ thống Sẵn Sàng.').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/verify\/.+/);
    await page.getByText(learnerName).waitFor();
    await page.getByText('SỞ NỘI VỤ, UBND TỈNH MINH SƠN').waitFor();
    await expectAccessible(page, 'verify a typed code');
    // The next certificate on the desk, from the same page.
    await page.getByLabel('Kiểm tra một mã khác').fill('ZZZZZ-ZZZZZ');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Không tìm thấy chứng nhận nào có mã ZZZZZ-ZZZZZ.', { exact: false }).waitFor();
    await page.context().close();
  });

  it('an unknown address shows a Vietnamese “not found” page with a way home, signed out or in', async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/khong-co-trang-nay`);
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await page.getByText('Không có trang nào ở địa chỉ /khong-co-trang-nay.', { exact: false }).waitFor();
    await expectAccessible(page, 'not found');
    await page.getByRole('link', { name: 'Xác minh một chứng nhận' }).click();
    await page.getByLabel('Mã xác minh').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    // Home asks a signed-out visitor to sign in, and then sends them to the start page.
    await page.waitForURL(/\/dang-nhap$/);
    await page.getByLabel('Email').fill('hocvien@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(LANDED);
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/khong-co`);
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await page.context().close();
  });

  it('a deep link opened signed out comes back to that page after sign-in, not to the start page', async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    const deep = `/khoa-hoc/${course.slug}`;
    await page.goto(`${server.url}${deep}`);
    await page.waitForURL(/\/dang-nhap\?tiep=/);
    await page.getByText('Hãy đăng nhập để mở trang bạn vừa chọn.').waitFor();
    await page.getByLabel('Email').fill('hocvien@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    expect(new URL(page.url()).pathname).toBe(deep);
    await page.getByRole('heading', { name: course.title }).waitFor();
    // A way back that leads off the site is not followed.
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(`${server.url}/dang-nhap?tiep=${encodeURIComponent('//evil.example/x')}`);
    await fresh.getByLabel('Email').fill('hocvien@test.vn');
    await fresh.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await fresh.getByRole('button', { name: 'Đăng nhập' }).click();
    await fresh.waitForURL(LANDED);
    expect(new URL(fresh.url()).origin).toBe(new URL(server.url).origin);
    await page.context().close();
    await fresh.context().close();
  });
});

describe('a tab from before a release', () => {
  const stack = browserStack();
  it('loads the new release instead of a blank page when a page’s code is gone, and does not reload in a loop', async () => {
    // The service worker's own fetches pass the page's routes by: it is kept out, so every ask for the code is counted.
    const page = await (await stack.browser.newContext({ serviceWorkers: 'block' })).newPage();
    let refused = 0;
    // The first ask for the help page's code fails, as a file removed by a new release does.
    await page.route(/\/assets\/help-[^/]+\.js$/, (route) => (refused++ === 0 ? route.fulfill({ status: 404, body: '' }) : route.continue()));
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${stack.server.url}/tro-giup`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(refused).toBe(2);
    expect(loads).toHaveLength(2);
    // Gone for good (a broken release): one reload, then the page stays as it is rather than loop.
    const context = await stack.browser.newContext({ serviceWorkers: 'block' });
    const again = await context.newPage();
    let missing = 0;
    await again.route(/\/assets\/help-[^/]+\.js$/, (route) => {
      missing++;
      return route.fulfill({ status: 404, body: '' });
    });
    await again.goto(`${stack.server.url}/tro-giup`);
    await expect.poll(() => missing, { timeout: 10_000 }).toBe(2);
    await again.waitForTimeout(1_500);
    expect(missing).toBe(2);
    await context.close();
    await page.context().close();
  });
});
