import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Account, Requirement } from '@sansang/core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { seedDemo, DEMO_PASSWORD, contentDir, webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { expectAccessible, launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Browser;
const LEARNER = 'hocvien@demo.sansang.vn';

/** yyyy-mm-dd as the page prints it. */
const dmy = (day: string) => day.split('-').reverse().join('/');

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel('Email').fill(LEARNER);
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
});
