import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { Course } from '@sansang/core';
import { webDir } from '@sansang/cli/testing';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** A real picture (the app's icon, 192 × 192) as a lesson image, published like any course file. */
const picture = await readFile(join(webDir, 'public', 'icon-192.png'));
const course = bundle({
  slug: 'ngoai-tuyen',
  title: 'Học khi mất mạng',
  hash: 'nt-1',
  media: [{ path: 'hinh/so-do.png', sha256: createHash('sha256').update(picture).digest('hex'), bytes: picture.length }],
  lessons: [
    {
      id: 'bai-mot',
      title: 'Bài đọc được khi mất mạng',
      html:
        '<p>Nội dung vẫn hiện khi máy mất kết nối.</p>' +
        '<p><img src="/media/ngoai-tuyen/1/hinh/so-do.png" alt="Sơ đồ bài học" width="192" height="192" loading="lazy" decoding="async"></p>',
    },
    ...bundle().lessons.slice(1),
  ],
});

/**
 * Makes every API read the service worker keeps look fetched `ms` ago, as the service worker
 * itself stamps them (x-sw-cached-at): the clock moves without waiting hours. Returns the
 * paths it aged, each with the stamp the service worker had put on it.
 */
const ageKeptReads = (page: Page, ms: number) =>
  page.evaluate(async (ms) => {
    const cache = await caches.open('sansang-reads');
    const aged: { path: string; stamp: string | null }[] = [];
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith('/api/')) continue;
      const kept = (await cache.match(request))!;
      const headers = new Headers(kept.headers);
      aged.push({ path, stamp: headers.get('x-sw-cached-at') });
      headers.set('x-sw-cached-at', String(Date.now() - ms));
      await cache.put(request, new Response(await kept.blob(), { status: kept.status, statusText: kept.statusText, headers }));
    }
    return aged;
  }, ms);

/** What the service worker answers the page for an API read: its status, or 'failed' (offline, nothing kept). */
const read = (page: Page, path: string) =>
  page.evaluate(
    (path) =>
      fetch(path).then(
        (r) => r.status,
        () => 'failed' as const,
      ),
    path,
  );

/** How the first `/api/me` the page asks for from now on ends: answered (by the server or the service worker's copy), or failed. */
const nextMe = (page: Page) =>
  new Promise<'answered' | 'failed'>((resolve) => {
    let asked: Request | undefined;
    const ask = (request: Request) => {
      if (!asked && new URL(request.url()).pathname === '/api/me') asked = request;
    };
    const settle = (outcome: 'answered' | 'failed') => (request: Request) => {
      if (request !== asked) return;
      page.off('request', ask).off('requestfinished', answered).off('requestfailed', failed);
      resolve(outcome);
    };
    const answered = settle('answered');
    const failed = settle('failed');
    page.on('request', ask).on('requestfinished', answered).on('requestfailed', failed);
  });

const HOUR = 60 * 60 * 1000;

/** The lesson image's drawn width once it has loaded (0 while it has not, or when it failed). */
const imageWidth = (page: Page) => page.locator('img[alt="Sơ đồ bài học"]').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

describe('installable, and usable on a line that drops', () => {
  /** The name of the learner who leaves a shared PC signed in. */
  let learner = '';
  const stack = browserStack(async () => {
    // The local server serves published course files from MEDIA_DIR, as CloudFront does from S3.
    process.env.MEDIA_DIR = await mkdtemp(join(tmpdir(), 'sansang-media-'));
    const tree = await smallProvince(1);
    await Course.publish(course);
    await Course.media.publish(course, async () => picture);
    await account('hocvien@test.vn', tree.people[0]!.id);
    await account('dungchung@test.vn', tree.people[1]!.id);
    learner = tree.people[1]!.fullName;
  });

  it('offers a web app manifest with icons', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(`${server.url}${href}`)).json();
    expect(manifest).toMatchObject({ short_name: 'Sẵn Sàng', lang: 'vi', display: 'standalone', start_url: '/khoa-hoc' });
    for (const icon of manifest.icons) expect((await page.request.get(`${server.url}${icon.src}`)).status()).toBe(200);
  });

  it('shows an opened lesson offline with its images, says it is offline, and saves answers given offline once back', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Read once online: the lesson and its picture are kept for later.
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-mot`);
    await page.getByText('Nội dung vẫn hiện khi máy mất kết nối.').waitFor();
    await expect.poll(() => imageWidth(page)).toBe(192);
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();

    await page.context().setOffline(true);
    await page.locator('fieldset[data-question="q1"]').getByLabel('2', { exact: true }).check();
    await page.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    await page.getByText('Chưa lưu được do mất kết nối — sẽ tự thử lại.').waitFor();
    await expectAccessible(page, 'quiz offline');

    const reader = await page.context().newPage();
    await reader.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-mot`);
    await reader.getByText('Nội dung vẫn hiện khi máy mất kết nối.').waitFor();
    await reader.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    await expect.poll(() => imageWidth(reader), { timeout: 10_000 }).toBe(192);
    await expectAccessible(reader, 'lesson offline');
    await reader.close();

    await page.context().setOffline(false);
    await page.getByText('Đã lưu mọi câu trả lời.').waitFor({ timeout: 40_000 });
    const state = await (await page.request.get(`${server.url}/api/courses/${course.slug}/quiz`)).json();
    expect(state.attempt.answers).toEqual({ q1: ['b'] });

    // Signing out empties what was kept, images included: the next person at this PC reads nothing of it.
    const kept = () => page.evaluate(async () => (await caches.keys()).includes('sansang-reads'));
    expect(await kept()).toBe(true);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/dang-nhap/);
    expect(await kept()).toBe(false);
  });

  it('stops showing who was signed in and their progress offline once the kept reads are older than a sign-in lasts (shared PC left signed in)', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'dungchung@test.vn');
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Read once online through the service worker: who is signed in, the courses with progress, a course.
    await page.goto(`${server.url}/khoa-hoc/${course.slug}`);
    await page.getByRole('heading', { name: course.title }).waitFor();
    await page.goto(`${server.url}/khoa-hoc`);
    await page.getByText(learner).waitFor();
    const reads = ['/api/me', '/api/courses', `/api/courses/${course.slug}`];
    const keptPaths = () => page.evaluate(async () => (await (await caches.open('sansang-reads')).keys()).map((r) => new URL(r.url).pathname));
    const missing = async () => {
      const kept = await keptPaths();
      return reads.filter((p) => !kept.includes(p));
    };
    await expect.poll(missing).toEqual([]);

    // The PC is left signed in and the line drops. Within 8 hours of the read, the reads are still there.
    await page.context().setOffline(true);
    const stamps = await ageKeptReads(page, 7.9 * HOUR);
    for (const path of reads) {
      const stamp = stamps.find((s) => s.path === path)?.stamp;
      expect(Math.abs(Date.now() - Number(stamp)), `${path} is stamped with the time it was kept`).toBeLessThan(5 * 60 * 1000);
    }
    let me = nextMe(page);
    await page.reload();
    expect(await me).toBe('answered');
    await page.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    await page.getByText(learner).waitFor();
    for (const path of reads) expect(await read(page, path), path).toBe(200);

    // Past 8 hours the next person at this PC sees neither the name nor the progress, and the copies are gone.
    await ageKeptReads(page, 8.1 * HOUR);
    me = nextMe(page);
    await page.reload();
    expect(await me).toBe('failed');
    await page.getByText('Bạn đang ngoại tuyến.', { exact: false }).waitFor();
    expect(await page.getByText(learner).count()).toBe(0);
    expect(await page.getByText('dungchung@test.vn').count()).toBe(0);
    for (const path of reads) expect(await read(page, path), path).toBe('failed');
    expect((await keptPaths()).filter((p) => p.startsWith('/api/'))).toEqual([]);
    await page.context().close();
  });

  it('says the system is busy, not that the line dropped, when the server asks to come back later', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-hai`);
    const done = page.getByRole('button', { name: 'Đánh dấu đã học' });
    await done.waitFor();
    // Our API under load: 503 service.busy with Retry-After.
    await page.route('**/api/courses/*/lessons/*/complete', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'retry-after': '2', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'service.busy', message: 'Hệ thống đang bận, vui lòng thử lại sau vài giây.' } }),
      }),
    );
    await done.click();
    const busy = page.getByRole('alert').filter({ hasText: 'Hệ thống đang bận, vui lòng thử lại sau ít phút.' });
    await busy.waitFor();
    expect(await page.getByText('Bạn đang ngoại tuyến.', { exact: false }).count()).toBe(0);
    await expectAccessible(page, 'lesson server busy');
    // A gateway in front of it (API Gateway, CloudFront) refuses with a bare 503: the same words.
    await page.unroute('**/api/courses/*/lessons/*/complete');
    let bare = 0;
    await page.route('**/api/courses/*/lessons/*/complete', (route) => {
      bare++;
      return route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' });
    });
    await done.click();
    await expect.poll(() => bare).toBe(1);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Hệ thống đang bận, vui lòng thử lại sau ít phút.');
    await page.unroute('**/api/courses/*/lessons/*/complete');
    await done.click();
    await page.getByText('Đã học', { exact: false }).first().waitFor();
  });
});
