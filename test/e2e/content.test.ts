import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Course } from '@sansang/core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { setContentWorkspace } from '@sansang/api/content-workspace';
import { refreshWorkspace, watchContent, webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { answerQuizInBrowser, submitWithBlanks } from '../support/quiz-answers.ts';
import { expectAccessible, launchChromium, signInAs } from './browser.ts';

const quizMd = `---
title: Kiểm tra đủ loại câu hỏi
passMark: 80
attempts: 2
draw: [{ count: 2, tag: van-ban }, { count: 5 }]
---

## Thư công vụ dùng tên miền nào? {#q1 tags=thu difficulty=easy}

- [ ] gmail.com
- [x] gov.vn

> Tên miền của cơ quan nhà nước là .gov.vn.

## Chọn các việc nên làm khi nhận văn bản đến {#q2 .multiple tags=van-ban}

- [x] Kiểm tra chữ ký số
- [x] Vào sổ văn bản đến
- [ ] In ra rồi xoá bản điện tử

## Văn bản điện tử ký số hợp lệ có giá trị như bản gốc. {#q3 .truefalse tags=van-ban}

- Đúng

## Nơi công dân nộp hồ sơ trực tuyến toàn quốc là cổng nào? {#q4 .short .ignore-accents tags=dvc}

- Cổng Dịch vụ công quốc gia

## Một tờ A4 rộng bao nhiêu milimét? {#q5 .numeric tags=van-ban}

- 210 ± 1

## Sắp xếp các bước phát hành văn bản {#q6 .ordering tags=van-ban}

1. Soạn dự thảo
2. Lãnh đạo ký số
3. Văn thư cấp số
4. Phát hành

## Ghép phần mềm với công dụng {#q7 .matching tags=thu}

- Word => Soạn thảo văn bản
- Excel => Bảng tính
- PowerPoint => Trình chiếu
`;

describe('trainer preview with live reload, and every question type taken in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let root: string;
  let stopWatching: () => void;

  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(2);
    await account('giangvien@test.vn', tree.people[0]!.id, [{ role: 'trainer', unitId: null }]);
    await account('hocvien@test.vn', tree.people[1]!.id);
    root = await mkdtemp(join(tmpdir(), 'sansang-workspace-'));
    const dir = join(root, 'courses', 'du-loai');
    await mkdir(join(dir, 'hinh'), { recursive: true });
    await writeFile(
      join(dir, 'course.md'),
      '---\ntitle: Khoá đủ loại câu hỏi\nsummary: Dùng để thử.\nversion: 1\nestimatedMinutes: 5\ncompletion: { lessons: none, quiz: pass }\n---\n\nGiới thiệu.\n',
    );
    await writeFile(join(dir, '01-bai.md'), '---\ntitle: Bài một\n---\n\n## Mở đầu\n\n![Sơ đồ luồng văn bản](hinh/so-do.png)\n');
    await writeFile(
      join(dir, 'hinh', 'so-do.png'),
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082',
        'hex',
      ),
    );
    await writeFile(join(dir, 'quiz.md'), quizMd);
    await mkdir(join(root, 'courses', 'hong'), { recursive: true });
    await writeFile(join(root, 'courses', 'hong', 'course.md'), '---\ntitle: Hỏng\nsummary: Thiếu bài.\nversion: 1\nestimatedMinutes: 5\nmau: do\n---\n');
    process.env.MEDIA_DIR = await mkdtemp(join(tmpdir(), 'sansang-media-'));
    await refreshWorkspace(root, 1);
    stopWatching = watchContent(root, () => undefined);
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    stopWatching?.();
    setContentWorkspace(null);
    await browser?.close();
    await server?.close();
  });

  it('shows the trainer each problem with file:line, previews answers, and follows edits without a reload', async () => {
    const page = await signInAs(browser, server.url, 'giangvien@test.vn');
    await page.getByRole('link', { name: 'Soạn nội dung' }).click();
    await page.getByText('courses/hong/course.md:6:1').waitFor();
    await page.getByText('frontmatter.unknown_key').waitFor();
    await expectAccessible(page, 'content page');
    await page.getByRole('link', { name: 'Khoá đủ loại câu hỏi' }).click();
    await page.getByRole('heading', { name: 'Bài 1: Bài một' }).waitFor();
    await page.getByText('✔ Cổng Dịch vụ công quốc gia').waitFor();
    await page.getByText('✔ 210 ± 1').waitFor();
    const image = page.locator('img[alt="Sơ đồ luồng văn bản"]');
    const src = await image.getAttribute('src');
    expect(src).toBe('/media/du-loai/1/hinh/so-do.png');
    // Lesson text first: the image is lazy, decoded off the main thread, and sized so nothing jumps.
    expect(await image.evaluate((img: HTMLImageElement) => [img.loading, img.decoding, img.getAttribute('width'), img.getAttribute('height')])).toEqual([
      'lazy',
      'async',
      '1',
      '1',
    ]);
    const res = await page.request.get(`${server.url}${src}`);
    expect([res.status(), res.headers()['content-type']]).toEqual([200, 'image/png']);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expectAccessible(page, 'content preview');

    await appendFile(join(root, 'courses', 'du-loai', '01-bai.md'), '\n## Mục vừa thêm khi đang xem\n');
    await page.getByRole('heading', { name: 'Mục vừa thêm khi đang xem' }).waitFor({ timeout: 15_000 });
    // Changed without a new version: the preview follows, the published version stays as learners saw it.
    await page.goto(`${server.url}/noi-dung`);
    await page.getByText(/Chưa xuất bản du-loai@1/).waitFor();
    expect((await Course.get({ slug: 'du-loai' })).lessons[0]!.html).not.toContain('Mục vừa thêm');
  });

  it('lets a learner take a drawn quiz of every question type, then holds the attempt limit', async () => {
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    await page.goto(`${server.url}/khoa-hoc/du-loai/kiem-tra`);
    await page.getByText('Bạn còn 2 lần làm bài.').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();
    await expectAccessible(page, 'quiz of every type');
    const quiz = (await Course.get({ slug: 'du-loai' })).quiz!;
    expect(await answerQuizInBrowser(page, quiz)).toBe(7);
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByText('Đạt', { exact: true }).first().waitFor();
    await page.getByText('Điểm: 100% (7/7 câu đúng)').waitFor();
    await expectAccessible(page, 'quiz of every type, graded');

    await page.reload();
    await page.getByText('Bạn còn 1 lần làm bài.').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await submitWithBlanks(page);
    await page.getByText('Chưa đạt', { exact: true }).first().waitFor();
    await page.reload();
    await page.getByText('Bạn đã dùng hết số lần làm bài kiểm tra này.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Bắt đầu làm bài' }).count()).toBe(0);

    // The trainer sees how the two graded attempts went, question by question.
    const trainer = await signInAs(browser, server.url, 'giangvien@test.vn');
    await trainer.goto(`${server.url}/noi-dung/du-loai`);
    await trainer.getByText('2 lượt làm bài đã chấm (phiên bản 1), điểm trung bình', { exact: false }).waitFor();
    await expect.poll(() => trainer.getByText(/\d+ lượt trả lời · \d+% đúng · độ phân biệt/).count()).toBeGreaterThan(0);
    // Two answers per question say nothing yet, and the page says so.
    await trainer.getByText('chưa đủ dữ liệu (cần ít nhất 10 lượt trả lời)').first().waitFor();
    // The settings and each question's kind in words, not "∞" or "single · easy".
    await trainer
      .getByText(
        /^Ngân hàng \d+ câu, mỗi lần rút 7 câu; đạt từ 80%; không giới hạn thời gian; tối đa 2 lần làm; tối đa 3 lần mỗi ngày; sau 3 lần không đạt liên tiếp phải chờ 24 giờ\.$/,
      )
      .waitFor();
    await trainer.getByText('q1 · Một đáp án · Dễ').waitFor();
    expect(await trainer.getByText(/·\s*(single|medium|easy)\b/).count()).toBe(0);
    // A contents list leads to the quiz far down the page.
    const toc = trainer.getByRole('navigation', { name: 'Mục lục' });
    await toc.getByRole('link', { name: 'Kiểm tra đủ loại câu hỏi' }).click();
    await trainer.waitForURL(/#kiem-tra$/);
    await expectAccessible(trainer, 'content preview with statistics');
  });
});
