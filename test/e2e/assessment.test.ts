import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Course } from '@sansang/core';
import { repoRoot } from '../../packages/cli/src/paths.ts';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { pdfText, renderPdfToPng } from '../support/pdf.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const course = bundle({
  slug: 'ky-nang-so', title: 'Kỹ năng số cho công chức cấp xã', hash: 'kns-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra có giờ', timeLimitMinutes: 10, attempts: 3 },
});
const artifacts = join(repoRoot, 'test-results');

/** Share of non-white pixels in a PNG (8-bit RGBA, as Chromium writes it): ink on the page. */
function inkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  let ink = 0;
  // Filters only change bytes that follow another; a mostly-white page keeps most bytes at 0 or 255,
  // so count bytes of each scanline that are neither as a proxy for drawn text and lines.
  for (let y = 0; y < height; y++) for (let x = 1; x < stride; x += 4) if (raw[y * stride + x]! !== 0 && raw[y * stride + x]! !== 255) ink++;
  return ink / (width * height);
}

describe('a timed quiz in the browser: resume after reload, certificate, public verification', () => {
  let learnerName = '';
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    await Course.publish(course);
    const learner = tree.people.find((p) => p.unitId === tree.commune.id)!;
    learnerName = learner.fullName;
    await account('hocvien@test.vn', learner.id);
  });
  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
  });

  it('takes the quiz, survives a reload mid-way with answers and deadline intact, and is graded on the server', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
    await page.getByText('Thời gian làm bài 10 phút.').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByText('Thời gian còn lại').waitFor();
    await expectAccessible(page, 'timed quiz');
    // The first two autosaves meet a busy server (503): the page says so and retries by itself.
    let refused = 0;
    await page.route('**/attempts/*/answers', async (route) => {
      if (refused++ < 2) return route.fulfill({ status: 503, headers: { 'retry-after': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'service.busy', message: 'Hệ thống đang bận' } }) });
      return route.continue();
    });
    // The whole quiz with the keyboard alone: arrow keys move between radio options.
    const q1 = page.locator('fieldset[data-question="q1"]');
    await q1.locator('input').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await q1.getByLabel('2', { exact: true }).isChecked()).toBe(true);
    await page.getByText('Chưa lưu được (mất kết nối?) — sẽ tự thử lại.').waitFor();
    await page.getByText('Đã lưu mọi câu trả lời.').waitFor({ timeout: 20_000 });
    expect(refused).toBe(3);
    await page.unroute('**/attempts/*/answers');
    const before = await (await page.request.get(`${server.url}/api/courses/${course.slug}/quiz`)).json();

    await page.reload();
    await page.getByText('Thời gian còn lại').waitFor();
    expect(await page.locator('fieldset[data-question="q1"]').getByLabel('2', { exact: true }).isChecked()).toBe(true);
    const after = await (await page.request.get(`${server.url}/api/courses/${course.slug}/quiz`)).json();
    expect(after.attempt).toMatchObject({ n: before.attempt.n, deadline: before.attempt.deadline, answers: { q1: ['b'] } });
    expect(await page.getByRole('button', { name: 'Bắt đầu làm bài' }).count()).toBe(0);

    const q2 = page.locator('fieldset[data-question="q2"]');
    // Keyboard alone: focus the first option, tick it with Space, move on with Tab.
    await q2.locator('input').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await q2.locator('input:checked').count()).toBe(2);
    await page.getByRole('button', { name: 'Nộp bài' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Điểm: 100% (2/2 câu đúng)').waitFor();
    await page.getByText('Bằng hai.').waitFor();
    await expectAccessible(page, 'timed quiz graded');
  });

  it('gives a certificate whose PDF shows correct Vietnamese, and a code anyone can verify', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${course.slug}`);
    const codeLine = page.getByText(/^Mã xác minh: /);
    await codeLine.waitFor();
    const code = (await codeLine.textContent())!.replace('Mã xác minh: ', '').trim();
    await expectAccessible(page, 'course with certificate');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải chứng nhận (PDF)' }).click();
    const pdf = await readFile((await (await download).path())!);
    await writeFile(join(artifacts, 'chung-nhan.pdf'), pdf);

    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(`Chứng nhận Ông/Bà ${learnerName}`);
    expect(text).toContain('Kỹ năng số cho công chức cấp xã');
    expect(text).toContain(`Mã xác minh: ${code}`);
    const png = await renderPdfToPng(browser, pdf);
    await writeFile(join(artifacts, 'chung-nhan.png'), png);
    expect(inkShare(png)).toBeGreaterThan(0.01);

    // A stranger checks the code without signing in.
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${server.url}/verify/${code.toLowerCase()}`);
    await stranger.getByText('Chứng nhận hợp lệ, do Sẵn Sàng cấp.').waitFor();
    await stranger.getByText(learnerName).waitFor();
    await expectAccessible(stranger, 'certificate verification');
    await stranger.goto(`${server.url}/verify/ZZZZZ-ZZZZZ`);
    await stranger.getByText('Không tìm thấy chứng nhận nào có mã ZZZZZ-ZZZZZ.', { exact: false }).waitFor();
  });
});
