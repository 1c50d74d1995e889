import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Attempt, Certificate, Course } from '@sansang/core';
import { repoRoot } from '../../packages/cli/src/paths.ts';
import { db, tableName } from '../../packages/core/src/db/client.ts';
import { keys } from '../../packages/core/src/db/keys.ts';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf.ts';
import { beVietnamPro, checkRenderedText } from '../support/pdf-rendering.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const course = bundle({
  slug: 'ky-nang-so', title: 'Kỹ năng số cho công chức cấp xã', hash: 'kns-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra có giờ', timeLimitMinutes: 10, attempts: 3 },
});
/** A second timed quiz, for the page that submits by itself when time runs out. */
const shortOnTime = bundle({
  slug: 'het-gio', title: 'Khoá có giờ ngắn', hash: 'hg-1', completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra hết giờ', timeLimitMinutes: 10, attempts: 1 },
});
const artifacts = join(repoRoot, 'test-results');

/** The fonts the certificate must be drawn in, as the font package ships them. */
/** A day as the certificate prints it: dd/mm/yyyy in Vietnam's time zone. */
const dayInVietnam = (iso: string) => new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

describe('a timed quiz in the browser: resume after reload, certificate, public verification', () => {
  let learnerName = '';
  let learnerId = '';
  let certificateCode = '';
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    await Course.publish(course);
    await Course.publish(shortOnTime);
    const learner = tree.people.find((p) => p.unitId === tree.commune.id)!;
    learnerName = learner.fullName;
    learnerId = learner.id;
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
    certificateCode = code;
    await expectAccessible(page, 'course with certificate');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải chứng nhận (PDF)' }).click();
    const pdf = await readFile((await (await download).path())!);
    await writeFile(join(artifacts, 'chung-nhan.pdf'), pdf);

    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(`Chứng nhận Ông/Bà ${learnerName}`);
    expect(text).toContain('Kỹ năng số cho công chức cấp xã');
    expect(text).toContain(`Mã xác minh: ${code}`);
    const completedAt = (await Certificate.verify(code))!.completedAt;
    expect(text).toContain(`ngày ${dayInVietnam(completedAt)}`);
    // What a reader sees: every character as pdf.js draws it matches Be Vietnam Pro's own drawing of it.
    const { png, misdrawn } = await checkRenderedText(browser, pdf, beVietnamPro);
    await writeFile(join(artifacts, 'chung-nhan.png'), png);
    expect(misdrawn).toEqual([]);
    // …and that comparison notices a single accent missing, so a box or a blank cannot pass it.
    const oneAccentOff = await checkRenderedText(browser, pdf, beVietnamPro, (line) => line.replace('khoá học', 'khoa học'));
    expect(oneAccentOff.misdrawn.map(({ line, char }) => ({ line, char }))).toEqual([{ line: 'đã hoàn thành khoa học', char: 'a' }]);

    // A stranger checks the code without signing in.
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${server.url}/verify/${code.toLowerCase()}`);
    await stranger.getByText('Chứng nhận hợp lệ, do Sẵn Sàng cấp.').waitFor();
    await stranger.getByText(learnerName).waitFor();
    await expectAccessible(stranger, 'certificate verification');
    await stranger.goto(`${server.url}/verify/ZZZZZ-ZZZZZ`);
    await stranger.getByText('Không tìm thấy chứng nhận nào có mã ZZZZZ-ZZZZZ.', { exact: false }).waitFor();
  });

  it('shows on the public verification page the date the certificate is printed with', async () => {
    const { server, browser } = stack;
    const { completedAt } = (await Certificate.verify(certificateCode))!;
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${server.url}/verify/${certificateCode}`);
    await stranger.getByText('Chứng nhận hợp lệ, do Sẵn Sàng cấp.').waitFor();
    // Whoever holds the paper compares it with this page: the same day, as printed (dd/mm/yyyy, Vietnam's day).
    await stranger.getByText(dayInVietnam(completedAt), { exact: true }).waitFor({ timeout: 5_000 });
  });

  it('submits by itself when the countdown reaches zero, with the answers saved so far', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${shortOnTime.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.locator('fieldset[data-question="q1"]').getByLabel('2', { exact: true }).check();
    await page.getByText('Đã lưu mọi câu trả lời.').waitFor();
    const { attempt } = await Attempt.current({ personId: learnerId, slug: shortOnTime.slug });
    // Ten minutes are not waited out: the server's deadline is brought to a few seconds from now.
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.attempt(learnerId, shortOnTime.slug, attempt!.n),
      UpdateExpression: 'SET deadlineMs = :d', ExpressionAttributeValues: { ':d': Date.now() + 4_000 } }));
    await page.reload();
    await page.getByText('Thời gian còn lại').waitFor();
    await page.getByText('Điểm: 50% (1/2 câu đúng)').waitFor({ timeout: 20_000 });
    expect(await Attempt.get({ personId: learnerId, slug: shortOnTime.slug, n: attempt!.n })).toMatchObject({ status: 'submitted', result: { correct: 1, total: 2 } });
  });
});
