import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Account, Course, Person, Progress, Readiness, Requirement, Target, vnDay } from '@sansang/core';
import { db, keys, tableName } from '@sansang/core/testing';
import { answerQuizInBrowser, takeQuiz } from '../support/quiz-answers.ts';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { seedDemo, DEMO_PASSWORD, contentDir, webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { expectAccessible, launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Browser;
const LEARNER = 'hocvien@demo.sansang.vn';
const HR = 'nhansu.tinh@demo.sansang.vn';
/** The demo's yearly target: a completion counts 12 months. */
const YEARLY = 'co-ban-2026';

/** yyyy-mm-dd as the page prints it. */
const dmy = (day: string) => day.split('-').reverse().join('/');

async function signIn(viewport: { width: number; height: number }, email = LEARNER): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

const overflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

describe("the learner's page of what they need to complete", () => {
  beforeAll(async () => {
    const table = await useFreshTable();
    await seedDemo({ table, contentDir });
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is the first screen after sign-in for a learner who owes something, with due date, days left, status and the course to open', async () => {
    const { personId } = (await Account.get(LEARNER))!;
    const owed = await Requirement.forPerson({ personId });
    const first = owed[0]!;
    expect(first.status).not.toBe('done');

    const page = await signIn({ width: 1280, height: 800 });
    await page.waitForURL(/\/viec-can-hoan-thanh$/);
    await page.getByRole('heading', { level: 1, name: 'Việc cần hoàn thành' }).waitFor();
    const card = page.locator('li.requirement').filter({ has: page.getByRole('heading', { level: 2, name: first.target.title, exact: true }) });
    await card.waitFor();
    expect(await page.locator('li.requirement').count()).toBe(owed.length);
    await card.getByText(`Hạn hoàn thành: ${dmy(first.dueDate)}`).waitFor();
    const left = first.daysLeft > 0 ? `còn ${first.daysLeft} ngày` : first.daysLeft === 0 ? 'hạn hôm nay' : `quá hạn ${-first.daysLeft} ngày`;
    await card.getByText(left, { exact: true }).waitFor();
    const status = {
      'not-started': 'chưa bắt đầu',
      'in-progress': 'đang học',
      overdue: 'quá hạn',
      done: 'đã hoàn thành',
      exempt: 'được miễn',
      renew: 'sắp hết hiệu lực',
      expired: 'đã hết hiệu lực',
    }[first.status];
    await card.getByText(`Trạng thái: ${status}`).waitFor();
    for (const c of first.courses) {
      await card.getByRole('link', { name: c.title, exact: true }).waitFor();
      await card.getByText(`đã học ${c.lessonsDone}/${c.lessonCount} bài`).first().waitFor();
    }
    const next = first.courses.find((c) => !c.done)!;
    await card.getByRole('link', { name: new RegExp(`^(Bắt đầu học|Học tiếp): ${next.title}$`) }).waitFor();
    await expectAccessible(page, 'requirements');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Each course links to its page; the header leads back from anywhere.
    await card.getByRole('link', { name: first.courses[0]!.title, exact: true }).click();
    await page.waitForURL(new RegExp(`/khoa-hoc/${first.courses[0]!.slug}$`));
    await page.getByRole('heading', { level: 1, name: first.courses[0]!.title }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Việc cần hoàn thành' }).click();
    await page.waitForURL(/\/viec-can-hoan-thanh$/);
    await card.waitFor();
    await page.context().close();
  });

  it('fits a 390 px wide phone without sideways scrolling, its primary button included', async () => {
    const page = await signIn({ width: 390, height: 844 });
    await page.waitForURL(/\/viec-can-hoan-thanh$/);
    const button = page.locator('li.requirement a.button').first();
    await button.waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'requirements on a phone');
    await page.context().close();
  });

  it("shows the province's HR the completions expiring soon and expired of the yearly target, as the API counts them", async () => {
    const { unitId } = (await Account.get(HR))!.grants.find((g) => g.role === 'hr')!;
    const figures = await Readiness.forUnit({ unitId: unitId!, targetId: YEARLY });
    // The demo has last year's completions: some inside the renewal window, some lapsed.
    expect(figures.expiringSoon).toBeGreaterThan(0);
    expect(figures.expired).toBeGreaterThan(0);
    expect(figures.everTrained).toBe(figures.trained + figures.expired);
    const page = await signIn({ width: 1280, height: 800 }, HR);
    await page.waitForURL(/\/san-sang/);
    await page.goto(`${server.url}/san-sang?unit=${unitId}&target=${YEARLY}`);
    const figure = (name: string) =>
      page
        .locator('dl.figures div')
        .filter({ has: page.locator('dt', { hasText: name }) })
        .locator('dd');
    await figure('Sắp hết hiệu lực (trong 30 ngày)').waitFor();
    expect(await figure('Sắp hết hiệu lực (trong 30 ngày)').textContent()).toBe(figures.expiringSoon.toLocaleString('vi-VN'));
    expect(await figure('Đã hết hiệu lực, phải học lại').textContent()).toBe(figures.expired.toLocaleString('vi-VN'));
    expect(await figure('Từng hoàn thành').textContent()).toBe(figures.everTrained.toLocaleString('vi-VN'));
    await expectAccessible(page, 'readiness with lapsing completions');
    await page.context().close();
  });

  it('tells a learner whose completion lapsed to retake the quiz, and counts them again once they pass it', async () => {
    const { personId } = (await Account.get(LEARNER))!;
    const target = await Target.pick(YEARLY);
    const slug = target.programme[0]!;
    const course = await Course.get({ slug });
    for (const lesson of course.lessons) await Progress.markLessonDone({ personId, slug, lessonId: lesson.id });
    const progress = await Progress.courseFor(personId, slug);
    if (!progress.progress.completed) await takeQuiz(personId, slug);
    // As if a year had passed: their completion's last valid day was yesterday, and the daily job ran.
    const yesterday = Requirement.addDays(vnDay(), -1);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.trained(personId, YEARLY),
        UpdateExpression: 'SET validUntil = :y',
        ExpressionAttributeValues: { ':y': yesterday },
      }),
    );
    await Readiness.syncLapses(personId);
    const { unitId } = await Person.get(personId);
    const before = await Readiness.forUnit({ unitId, targetId: YEARLY });

    // On a phone: the card, its retake link and the quiz all fit.
    const page = await signIn({ width: 390, height: 844 });
    await page.waitForURL(/\/viec-can-hoan-thanh$/);
    const card = page.locator('li.requirement').filter({ has: page.getByRole('heading', { level: 2, name: target.title, exact: true }) });
    await card.getByText(`Trạng thái: đã hết hiệu lực từ sau ngày ${dmy(yesterday)}: cần học lại`).waitFor();
    await expectAccessible(page, 'requirements with an expired completion');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await card.getByRole('link', { name: `Làm lại bài kiểm tra: ${course.title}` }).click();
    await page.waitForURL(new RegExp(`/khoa-hoc/${slug}/kiem-tra$`));
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.getByRole('button', { name: 'Nộp bài' }).waitFor();
    await answerQuizInBrowser(page, course.quiz!);
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByText('Đạt', { exact: true }).first().waitFor();
    await page.goto(`${server.url}/viec-can-hoan-thanh`);
    await card.getByText(/^Trạng thái: đã hoàn thành ngày/).waitFor();
    await page.context().close();
    const mark = (await Readiness.trainedMarksOf(personId)).find((m) => m.targetId === YEARLY)!;
    expect(mark.validUntil).toBe(Target.validUntil(target, vnDay()));
    const after = await Readiness.forUnit({ unitId, targetId: YEARLY });
    expect([after.trained, after.expired]).toEqual([before.trained + 1, before.expired - 1]);
  });
});
