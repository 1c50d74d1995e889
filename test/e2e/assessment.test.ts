import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Attempt, Certificate, Course } from '@sansang/core';
import { repoRoot } from '@sansang/cli/testing';
import { db, keys, tableName } from '@sansang/core/testing';
import { account, bundle, orderAndPairs, smallProvince } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf.ts';
import { beVietnamPro, checkRenderedText } from '../support/pdf-rendering.ts';
import type { Page } from 'playwright-core';
import { browserStack, expectAccessible, LANDED, signInAs } from './browser.ts';

const course = bundle({
  slug: 'ky-nang-so',
  title: 'Kỹ năng số cho công chức cấp xã',
  hash: 'kns-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra có giờ', timeLimitMinutes: 10, attempts: 3 },
});
/** A second timed quiz, for the page that submits by itself when time runs out. */
const shortOnTime = bundle({
  slug: 'het-gio',
  title: 'Khoá có giờ ngắn',
  hash: 'hg-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra hết giờ', timeLimitMinutes: 10, attempts: 1 },
});
/** One question of each kind a keyboard must reach: one answer, several, an order, pairs. */
const byKeyboard = bundle({
  slug: 'ban-phim',
  title: 'Làm bài bằng bàn phím',
  hash: 'bp-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: {
    ...bundle().quiz!,
    title: 'Bài kiểm tra bằng bàn phím',
    questions: [...bundle().quiz!.questions, ...orderAndPairs('q3', 'q4')],
  },
});
const artifacts = join(repoRoot, 'test-results');

/** The fonts the certificate must be drawn in, as the font package ships them. */
/** A day as the certificate prints it: dd/mm/yyyy in Vietnam's time zone. */
const dayInVietnam = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

/** Whether the focused element matches `selector` (and, if given, reads `text`). */
const focusIs = (page: Page, selector: string, text?: string) =>
  page.evaluate(
    ([s, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(s!) && (t === undefined || el.textContent?.trim() === t);
    },
    [selector, text] as const,
  );

/** Presses Tab (or Shift+Tab) until the focus reaches `selector`, as someone without a mouse does. */
async function tabTo(page: Page, selector: string, text?: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press(key);
    if (await focusIs(page, selector, text)) return;
  }
  throw new Error(`${key} never reached ${selector}${text ? ` "${text}"` : ''}`);
}

/** Picks `value` in the focused <select> with the arrow keys, as the keyboard does without opening it. */
async function arrowTo(page: Page, value: string) {
  const values = await page.evaluate(() => [...(document.activeElement as HTMLSelectElement).options].map((o) => o.value));
  const from = await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedIndex);
  const to = values.indexOf(value);
  expect(to, `${value} among ${values.join(', ')}`).toBeGreaterThan(0);
  for (let i = from; i < to; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i--) await page.keyboard.press('ArrowUp');
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe(value);
}

describe('a timed quiz in the browser: resume after reload, certificate, public verification', () => {
  let learnerName = '';
  let learnerId = '';
  let certificateCode = '';
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    await Course.publish(course);
    await Course.publish(shortOnTime);
    await Course.publish(byKeyboard);
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
      if (refused++ < 2)
        return route.fulfill({
          status: 503,
          headers: { 'retry-after': '1', 'content-type': 'application/json' },
          body: JSON.stringify({ error: { code: 'service.busy', message: 'Hệ thống đang bận' } }),
        });
      return route.continue();
    });
    const q1 = page.locator('fieldset[data-question="q1"]');
    await q1.getByLabel('2', { exact: true }).check();
    // Busy is not offline: the page says the system is busy, not that the connection is lost.
    await page.getByText('Hệ thống đang bận nên chưa lưu được — sẽ tự lưu lại sau ít giây.').waitFor();
    expect(await page.getByText('Chưa lưu được do mất kết nối', { exact: false }).count()).toBe(0);
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
    await q2.getByLabel('2', { exact: true }).check();
    await q2.getByLabel('4', { exact: true }).check();
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByText('Điểm: 100% (2/2 câu đúng)').waitFor();
    await page.getByText('Bằng hai.').waitFor();
    await expectAccessible(page, 'timed quiz graded');
  });

  it('is taken with the keyboard alone, from sign-in to the result: Tab, Shift+Tab, Space, arrow keys, Enter', async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await tabTo(page, 'input[type=email]');
    await page.keyboard.type('hocvien@test.vn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mat-khau-dung');
    await page.keyboard.press('Enter');
    await page.waitForURL(LANDED);
    await page.goto(`${server.url}/khoa-hoc/${byKeyboard.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).waitFor();
    await tabTo(page, 'button', 'Bắt đầu làm bài');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();
    const question = (id: string) => page.locator(`fieldset[data-question="${id}"]`);

    // One answer: Tab into the group, the arrow key moves to the next option and chooses it.
    await tabTo(page, 'fieldset[data-question="q1"] input[type=radio]');
    await page.keyboard.press('ArrowDown');
    expect(await question('q1').getByLabel('2', { exact: true }).isChecked()).toBe(true);
    // Several answers: Space ticks; a wrong tick is undone by going back with Shift+Tab.
    await page.keyboard.press('Tab');
    expect(await focusIs(page, 'fieldset[data-question="q2"] input[value="a"]')).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    expect(await focusIs(page, 'fieldset[data-question="q2"] input[value="b"]')).toBe(true);
    await page.keyboard.press('Space');
    expect(
      await question('q2')
        .locator('input:checked')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['a', 'c']);
    // An order: one list per position, each set with the arrow keys.
    for (const item of ['m1', 'm2', 'm3']) {
      await tabTo(page, 'fieldset[data-question="q3"] select');
      await arrowTo(page, item);
    }
    // Pairs: one list per item on the left.
    for (const pair of ['l1=r7', 'l2=r3']) {
      await tabTo(page, 'fieldset[data-question="q4"] select');
      await arrowTo(page, pair);
    }
    await page.getByText('Đã lưu mọi câu trả lời.').waitFor({ timeout: 20_000 });
    const saved = await (await page.request.get(`${server.url}/api/courses/${byKeyboard.slug}/quiz`)).json();
    expect(saved.attempt.answers).toEqual({ q1: ['b'], q2: ['a', 'c'], q3: ['m1', 'm2', 'm3'], q4: ['l1=r7', 'l2=r3'] });
    await expectAccessible(page, 'quiz by keyboard');
    await tabTo(page, 'button[type=submit]', 'Nộp bài');
    await page.keyboard.press('Enter');
    await page.getByText('Điểm: 100% (4/4 câu đúng)').waitFor();
    // The result takes the focus, so it is read out at once.
    expect(await focusIs(page, '#result')).toBe(true);
    await expectAccessible(page, 'quiz by keyboard graded');
    await page.context().close();
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
    await stranger.getByText('Chứng nhận hợp lệ, được cấp qua hệ thống Sẵn Sàng.').waitFor();
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
    await stranger.getByText('Chứng nhận hợp lệ, được cấp qua hệ thống Sẵn Sàng.').waitFor();
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
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.attempt(learnerId, shortOnTime.slug, attempt!.n),
        UpdateExpression: 'SET deadlineMs = :d',
        ExpressionAttributeValues: { ':d': Date.now() + 4_000 },
      }),
    );
    await page.reload();
    await page.getByText('Thời gian còn lại').waitFor();
    await page.getByText('Điểm: 50% (1/2 câu đúng)').waitFor({ timeout: 20_000 });
    expect(await Attempt.get({ personId: learnerId, slug: shortOnTime.slug, n: attempt!.n })).toMatchObject({
      status: 'submitted',
      result: { correct: 1, total: 2 },
    });
  });
});
