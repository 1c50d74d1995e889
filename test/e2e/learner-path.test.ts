import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Course } from '@sansang/core';
import { account, bundle, orderAndPairs, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** Long enough to wrap beside a radio on a phone, and in a select to be cut off unless the select has room. */
const LONG = 'Nộp hồ sơ, xử lý, thanh toán phí đều trên Cổng Dịch vụ công; kết quả trả bằng bản điện tử hoặc qua bưu chính công ích';
const LONG_RIGHT = 'Mọi bước trực tuyến, kết quả điện tử hoặc qua bưu chính công ích';

/** Two lessons, then a quiz of every layout a learner meets: choices, an order, pairs, a long option. */
const course = bundle({
  slug: 'hanh-trinh',
  title: 'Dịch vụ công trực tuyến cho cán bộ xã',
  hash: 'ht-1',
  quiz: {
    ...bundle().quiz!,
    title: 'Bài kiểm tra cuối khoá',
    passMark: 60,
    questions: [
      ...bundle().quiz!.questions,
      ...orderAndPairs('q3', 'q4').map((q) =>
        q.type === 'matching' ? { ...q, pairs: [...q.pairs, { id: 'l3', rightId: 'r9', leftHtml: 'Toàn trình', rightHtml: LONG_RIGHT }] } : q,
      ),
      {
        id: 'q5',
        type: 'single',
        promptHtml: '<p>Dịch vụ công trực tuyến toàn trình là gì?</p>',
        explanationHtml: null,
        tags: [],
        difficulty: 'easy',
        options: [
          { id: 'a', html: `<p>${LONG}</p>`, correct: true },
          { id: 'b', html: '<p>Chỉ nộp trên mạng</p>', correct: false },
        ],
      },
    ],
  },
});

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const question = (page: Page, id: string) => page.locator(`fieldset[data-question="${id}"]`);
const verdictOf = (page: Page, id: string) => question(page, id).locator('.verdict > strong').textContent();
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Whether each select of `id` is wide enough for its chosen option's text (arrow and padding included). */
const selectsFit = (page: Page, id: string) =>
  question(page, id)
    .locator('select')
    .evaluateAll((selects) =>
      selects.map((s) => {
        const select = s as HTMLSelectElement;
        const style = getComputedStyle(select);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        const text = context.measureText(select.selectedOptions[0]?.text ?? '').width;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        return text <= room;
      }),
    );

describe("the learner's path in the browser, at desktop and phone width", () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await Course.publish(course);
    for (const [i, email] of ['ban-may@test.vn', 'dien-thoai@test.vn', 'truot@test.vn'].entries()) await account(email, tree.people[i]!.id);
  });

  for (const [kind, email] of [
    ['desktop', 'ban-may@test.vn'],
    ['phone', 'dien-thoai@test.vn'],
  ] as const) {
    it(`${kind}: a quiz passed before the lessons says what is left, blanks are asked about and marked, and the last lesson leads to the quiz`, async () => {
      const { server, browser } = stack;
      const page = await signInAs(browser, server.url, email, undefined, { viewport: SIZES[kind] });
      await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
      await page.getByRole('heading', { level: 1, name: 'Bài kiểm tra cuối khoá — Dịch vụ công trực tuyến cho cán bộ xã' }).waitFor();
      await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
      await question(page, 'q4').locator('select').first().waitFor();

      // Ordering and matching fit the screen; a long option wraps beside a radio that keeps its size.
      expect(await scrollsSideways(page), 'quiz scrolls sideways').toBe(false);
      const radios = await question(page, 'q5')
        .locator('input[type=radio]')
        .evaluateAll((inputs) => inputs.map((i) => i.getBoundingClientRect().width));
      expect(radios[0]).toBeGreaterThan(16);
      expect(radios[0]).toBe(radios[1]);
      const matching = question(page, 'q4').locator('select');
      await matching.nth(2).selectOption(`l3=r9`);
      if (kind === 'desktop') expect(await selectsFit(page, 'q4')).toEqual([true, true, true]);
      expect(await scrollsSideways(page), 'quiz with a long pair chosen scrolls sideways').toBe(false);
      await matching.nth(2).selectOption('');

      await question(page, 'q1').getByLabel('2', { exact: true }).check();
      await question(page, 'q3').locator('select').first().selectOption('m1');
      await page.getByRole('button', { name: 'Nộp bài' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText('Bạn chưa trả lời câu 2, 4, 5.').waitFor();
      await confirm.getByText('Câu 3 chưa chọn đủ.').waitFor();
      await expectAccessible(page, `learner asked about blank questions ${kind}`);
      await confirm.getByRole('button', { name: 'Quay lại trả lời' }).click();
      expect(await confirm.count()).toBe(0);
      // Back to the first question the confirmation named, and nothing was submitted.
      expect(await page.evaluate(() => document.activeElement?.closest('fieldset')?.getAttribute('data-question'))).toBe('q2');
      expect(await page.getByText('Kết quả:').count()).toBe(0);

      await question(page, 'q2').getByLabel('2', { exact: true }).check();
      await question(page, 'q2').getByLabel('4', { exact: true }).check();
      const slots = question(page, 'q3').locator('select');
      await slots.nth(1).selectOption('m2');
      await slots.nth(2).selectOption('m3');
      await question(page, 'q5').locator('input[value=a]').check();
      await page.getByRole('button', { name: 'Nộp bài' }).click();
      await confirm.getByText('Bạn chưa trả lời câu 4.').waitFor();
      expect(await confirm.getByText('chưa chọn đủ').count()).toBe(0);
      await confirm.getByRole('button', { name: 'Vẫn nộp bài' }).click();

      await page.getByText('Điểm: 80% (4/5 câu đúng)').waitFor();
      expect(await verdictOf(page, 'q4')).toBe('Chưa trả lời');
      expect(await verdictOf(page, 'q1')).toBe('Đúng');
      // What the learner chose reads plainly, not faded with the disabled controls.
      expect(await question(page, 'q1').locator('.chosen-mark').allInnerTexts()).toEqual(['✓ Bạn đã chọn']);
      expect(
        await question(page, 'q1')
          .locator('input:checked')
          .evaluate((i) => getComputedStyle(i).opacity),
      ).toBe('1');
      // Passed, but two lessons are still to learn: said plainly, with links.
      const remaining = page.getByRole('status').filter({ hasText: 'Bạn đã đạt bài kiểm tra. Còn 2 bài học chưa học để hoàn thành khoá:' });
      await remaining.waitFor();
      expect(await remaining.getByRole('link').allInnerTexts()).toEqual(['Bài một', 'Bài hai']);
      await expectAccessible(page, `learner quiz passed before lessons ${kind}`);

      // The course page says the same.
      await page.getByRole('navigation', { name: 'Bạn đang ở' }).getByRole('link', { name: 'Dịch vụ công trực tuyến cho cán bộ xã' }).click();
      await page.getByText('Đã học 0/2 bài').waitFor();
      await page.getByText('Bạn đã đạt bài kiểm tra. Còn 2 bài học chưa học để hoàn thành khoá:').waitFor();
      expect(await scrollsSideways(page), 'course page scrolls sideways').toBe(false);

      // Moving on marks the lesson and says so; the last lesson leads to the quiz.
      await page.getByRole('status').getByRole('link', { name: 'Bài một' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bài một' }).waitFor();
      await page.getByRole('link', { name: 'Đánh dấu đã học và sang bài tiếp theo: Bài hai →' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bài hai' }).waitFor();
      await expectAccessible(page, `learner last lesson ${kind}`);
      await page.getByRole('link', { name: 'Đánh dấu đã học và làm bài kiểm tra: Bài kiểm tra cuối khoá →' }).click();
      await page.waitForURL(/\/kiem-tra$/);
      await page.getByRole('heading', { level: 1, name: 'Bài kiểm tra cuối khoá — Dịch vụ công trực tuyến cho cán bộ xã' }).waitFor();
      await page.getByText('Lần 1: 80% · Đạt', { exact: false }).waitFor();
      expect(await page.getByText('Bạn đã đạt bài kiểm tra. Còn', { exact: false }).count()).toBe(0);
      await page.goto(`${server.url}/khoa-hoc/${course.slug}`);
      await page.getByText('Đã học 2/2 bài').waitFor();
      await page.getByText('Hoàn thành ngày', { exact: false }).waitFor();
      expect(await page.getByText('Còn 2 bài học', { exact: false }).count()).toBe(0);
      // A lesson already marked leads on without marking anything.
      await page.goto(`${server.url}/khoa-hoc/${course.slug}/bai/bai-mot`);
      await page.getByRole('link', { name: 'Bài tiếp theo: Bài hai →' }).waitFor();
      await page.context().close();
    });
  }

  it('after three failures the quiz page lists the earlier scores and the course page says when to try again', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'truot@test.vn', undefined, { viewport: SIZES.phone });
    const headers = { 'x-requested-with': 'sansang' };
    for (let i = 0; i < 3; i++) {
      const { attempt } = await (await page.request.post(`${server.url}/api/courses/${course.slug}/attempts`, { headers })).json();
      expect(
        (await page.request.post(`${server.url}/api/courses/${course.slug}/attempts/${attempt.n}/submit`, { headers, data: { answers: {} } })).status(),
      ).toBe(200);
    }
    await page.goto(`${server.url}/khoa-hoc/${course.slug}/kiem-tra`);
    const earlier = page.getByRole('region', { name: 'Các lần làm trước' });
    await earlier.waitFor();
    expect((await earlier.getByRole('listitem').allInnerTexts()).map((text) => text.split(' · ').slice(0, 2).join(' · '))).toEqual([
      'Lần 3: 0% · Chưa đạt',
      'Lần 2: 0% · Chưa đạt',
      'Lần 1: 0% · Chưa đạt',
    ]);
    const wait = (await page.getByRole('status').filter({ hasText: 'chưa đạt 3 lần liên tiếp' }).innerText()).trim();
    expect(wait).toMatch(/^Bài của bạn chưa đạt 3 lần liên tiếp\. Hãy ôn lại các bài học rồi làm lại từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\.$/);

    await page.goto(`${server.url}/khoa-hoc/${course.slug}`);
    await page.getByText(wait).waitFor();
    await page.getByRole('link', { name: 'Xem bài kiểm tra' }).waitFor();
    expect(await page.getByRole('link', { name: 'Làm bài kiểm tra' }).count()).toBe(0);
    await expectAccessible(page, 'learner course page while the quiz waits');
  });
});
