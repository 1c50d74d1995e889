import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Course } from '@sansang/core';
import { account, bundle, orderAndPairs, smallProvince } from '../support/fixtures.ts';
import { submitWithBlanks } from '../support/quiz-answers.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** Two attempts a day, keys after a pass or the last of five attempts, one question of each kind keys are shown for. */
const limited = bundle({
  slug: 'luat-lam-bai',
  title: 'Khoá có giới hạn lượt làm',
  hash: 'llb-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: {
    ...bundle().quiz!,
    title: 'Bài kiểm tra hai lần mỗi ngày',
    attempts: 5,
    attemptsPerDay: 2,
    waitAfterFailures: null,
    explanations: 'after-pass-or-last',
    questions: [
      ...bundle().quiz!.questions,
      {
        id: 'q3',
        type: 'truefalse',
        promptHtml: '<p>Chữ ký số có giá trị như chữ ký tay.</p>',
        explanationHtml: null,
        tags: [],
        difficulty: 'easy',
        answer: true,
      },
      ...orderAndPairs('q4', 'q5'),
    ],
  },
});
/** No daily limit, but a two-hour wait after a single failure. */
const waiting = bundle({
  slug: 'cho-lam-lai',
  title: 'Khoá phải chờ khi chưa đạt',
  hash: 'clt-1',
  completion: { lessons: 'none', quiz: 'pass' },
  quiz: { ...bundle().quiz!, title: 'Bài kiểm tra có thời gian chờ', attemptsPerDay: null, waitAfterFailures: { failures: 1, hours: 2 } },
});

const zone = { timeZone: 'Asia/Ho_Chi_Minh' } as const;
/** dd/mm/yyyy and hh:mm in Vietnam, as the page tells when a quiz opens again. */
const vnDay = (at: number) => new Intl.DateTimeFormat('vi-VN', { ...zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
const vnClock = (at: number) => new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
/** The day after today in Vietnam, when the daily limit lifts at midnight. */
const tomorrow = () => vnDay(Date.now() + 86_400_000);

const question = (page: Page, id: string) => page.locator(`fieldset[data-question="${id}"]`);
const verdictOf = (page: Page, id: string) => question(page, id).locator('.verdict > strong').textContent();

/** Starts and submits an attempt through the API, as another tab or device would. */
async function attemptThroughApi(page: Page, base: string, slug: string, answers: Record<string, string[]> = {}) {
  const headers = { 'x-requested-with': 'sansang' };
  const started = await page.request.post(`${base}/api/courses/${slug}/attempts`, { headers });
  expect(started.status()).toBe(200);
  const { attempt } = await started.json();
  const submitted = await page.request.post(`${base}/api/courses/${slug}/attempts/${attempt.n}/submit`, { headers, data: { answers } });
  expect(submitted.status()).toBe(200);
}

describe('the quiz page and the attempt policy: attempts a day, the wait, keys after a pass', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await Course.publish(limited);
    await Course.publish(waiting);
    for (const [i, email] of ['truot@test.vn', 'hai-tab@test.vn', 'dat@test.vn'].entries()) await account(email, tree.people[i]!.id);
  });

  it('fails without showing keys, counts down the day, then holds the start button until midnight with the reason', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'truot@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${limited.slug}/kiem-tra`);
    // The rules are read before starting.
    await page.getByText('Mỗi ngày được làm tối đa 2 lần.', { exact: false }).waitFor();
    await page.getByText('Hôm nay còn 2 lần làm bài.').waitFor();
    await expectAccessible(page, 'quiz policy before start');

    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await question(page, 'q1').getByLabel('1', { exact: true }).check();
    await submitWithBlanks(page);
    await page.getByText('Điểm: 0% (0/5 câu đúng)').waitFor();
    await page.getByText('Đáp án và giải thích sẽ hiện khi bạn đạt hoặc ở lần làm cuối cùng.').waitFor();
    expect(await verdictOf(page, 'q1')).toBe('Sai');
    for (const id of ['q2', 'q3', 'q4', 'q5']) expect(await verdictOf(page, id), id).toBe('Chưa trả lời');
    expect(await page.locator('.answer-key').count()).toBe(0);
    expect(await page.getByText('Bằng hai.').count()).toBe(0);
    await page.getByText('Hôm nay còn 1 lần làm bài.').waitFor();
    await expectAccessible(page, 'quiz failed, keys hidden');

    await page.getByRole('button', { name: 'Làm lại' }).click();
    await submitWithBlanks(page);
    await page.getByText('Điểm: 0% (0/5 câu đúng)').waitFor();
    const reason = `Bạn đã làm đủ số lần trong hôm nay. Có thể làm lại từ 00:00 ngày ${tomorrow()}.`;
    await page.getByText(reason).waitFor();
    expect(await page.getByRole('button', { name: 'Làm lại' }).isDisabled()).toBe(true);

    await page.reload();
    await page.getByText(reason).waitFor();
    const startButton = page.getByRole('button', { name: 'Bắt đầu làm bài' });
    expect(await startButton.isDisabled()).toBe(true);
    expect(await startButton.getAttribute('aria-describedby')).toBe('allowance');
    expect(await page.getByText('Hôm nay còn', { exact: false }).count()).toBe(0);
    await expectAccessible(page, 'quiz daily limit reached');

    await page.evaluate(() => localStorage.setItem('locale', 'en'));
    await page.reload();
    await page.getByText(`You have made all of today's attempts. You can try again from 00:00 on ${tomorrow()}.`).waitFor();
    await page.getByText('At most 2 attempts a day.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Start the quiz' }).isDisabled()).toBe(true);
  });

  it("shows the server's refusal when the day's attempts were used up in another tab meanwhile", async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hai-tab@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${limited.slug}/kiem-tra`);
    await page.getByText('Hôm nay còn 2 lần làm bài.').waitFor();
    await attemptThroughApi(page, server.url, limited.slug);
    await attemptThroughApi(page, server.url, limited.slug);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('alert').getByText(`Hôm nay bạn đã làm đủ 2 lần bài kiểm tra này. Bạn có thể làm lại từ 00:00 ngày ${tomorrow()}.`).waitFor();
    // The page reads the policy again and holds the button as a fresh load would.
    await page.getByText(`Bạn đã làm đủ số lần trong hôm nay. Có thể làm lại từ 00:00 ngày ${tomorrow()}.`).waitFor();
    expect(await page.getByRole('button', { name: 'Bắt đầu làm bài' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'quiz refused by the server');
  });

  it('shows each key readably after a pass: option texts, Đúng/Sai, the order, the pairs', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'dat@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${limited.slug}/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await question(page, 'q1').getByLabel('2', { exact: true }).check();
    await question(page, 'q2').getByLabel('3', { exact: true }).check();
    await question(page, 'q3').getByLabel('Đúng', { exact: true }).check();
    const slots = question(page, 'q4').locator('select');
    for (const [i, item] of ['m1', 'm2', 'm3'].entries()) await slots.nth(i).selectOption(item);
    await submitWithBlanks(page);
    await page.getByText('Điểm: 60% (3/5 câu đúng)').waitFor();
    expect(await page.getByText('Đáp án và giải thích sẽ hiện', { exact: false }).count()).toBe(0);
    const key = (id: string) => question(page, id).locator('.answer-key');
    expect(await key('q1').innerText()).toBe('Đáp án đúng: 2');
    expect(await verdictOf(page, 'q2')).toBe('Sai');
    expect(await key('q2').locator('li').allInnerTexts()).toEqual(['2', '4']);
    expect(await key('q3').innerText()).toBe('Đáp án đúng: Đúng');
    expect(await key('q4').locator('li').allInnerTexts()).toEqual(['Mở văn bản', 'Cắm chữ ký số', 'Ký và gửi']);
    expect(await verdictOf(page, 'q5')).toBe('Chưa trả lời');
    expect(await key('q5').locator('li').allInnerTexts()).toEqual(['Soạn văn bản → Trình soạn thảo', 'Lập bảng lương → Bảng tính']);
    await question(page, 'q1').getByText('Bằng hai.').waitFor();
    await expectAccessible(page, 'quiz passed, keys shown');
  });

  it('tells after a failure how long to wait and until when, without a daily count when there is no daily limit', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'truot@test.vn');
    await page.goto(`${server.url}/khoa-hoc/${waiting.slug}/kiem-tra`);
    await page.getByText('Nếu chưa đạt 1 lần liên tiếp, bạn cần chờ 2 giờ rồi mới làm lại được.', { exact: false }).waitFor();
    expect(await page.getByText('Hôm nay còn', { exact: false }).count()).toBe(0);
    await attemptThroughApi(page, server.url, waiting.slug);
    const info = await (await page.request.get(`${server.url}/api/courses/${waiting.slug}/quiz`)).json();
    expect(info.retryReason).toBe('wait');
    const at = Date.parse(info.retryAt);
    await page.reload();
    await page.getByText(`Bài của bạn chưa đạt 1 lần liên tiếp. Hãy ôn lại các bài học rồi làm lại từ ${vnClock(at)} ngày ${vnDay(at)}.`).waitFor();
    expect(await page.getByRole('button', { name: 'Bắt đầu làm bài' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'quiz wait after failure');
  });
});
