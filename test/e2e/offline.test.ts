import { describe, expect, it } from 'vitest';
import { Course } from '@sansang/core';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const course = bundle({ slug: 'ngoai-tuyen', title: 'Học khi mất mạng', hash: 'nt-1',
  lessons: [{ id: 'bai-mot', title: 'Bài đọc được khi mất mạng', html: '<p>Nội dung vẫn hiện khi máy mất kết nối.</p>' }, ...bundle().lessons.slice(1)] });

describe('installable, and usable on a line that drops', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await Course.publish(course);
    await account('hocvien@test.vn', tree.people[0]!.id);
  });

  it('offers a web app manifest with icons', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(`${server.url}${href}`)).json();
    expect(manifest).toMatchObject({ short_name: 'Sẵn Sàng', lang: 'vi', display: 'standalone', start_url: '/khoa-hoc' });
    for (const icon of manifest.icons) expect((await page.request.get(`${server.url}${icon.src}`)).status()).toBe(200);
  });

  it('shows an opened lesson offline, says it is offline, and saves answers given offline once back', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Read once online: the lesson is kept for later.
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-mot`);
    await page.getByText('Nội dung vẫn hiện khi máy mất kết nối.').waitFor();
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();

    await page.context().setOffline(true);
    await page.locator('fieldset[data-question="q1"]').getByLabel('2', { exact: true }).check();
    await page.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    await page.getByText('Chưa lưu được (mất kết nối?) — sẽ tự thử lại.').waitFor();
    await expectAccessible(page, 'quiz offline');

    const reader = await page.context().newPage();
    await reader.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-mot`);
    await reader.getByText('Nội dung vẫn hiện khi máy mất kết nối.').waitFor();
    await reader.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    await expectAccessible(reader, 'lesson offline');
    await reader.close();

    await page.context().setOffline(false);
    await page.getByText('Đã lưu mọi câu trả lời.').waitFor({ timeout: 40_000 });
    const state = await (await page.request.get(`${server.url}/api/courses/${course.slug}/quiz`)).json();
    expect(state.attempt.answers).toEqual({ q1: ['b'] });
  });
});
