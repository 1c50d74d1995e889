import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '../../packages/cli/src/paths.ts';
import { useFreshTable } from '../support/db.ts';
import { expectAccessible, launchChromium } from './browser.ts';

describe('help in Vietnamese, from the help menu', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    await useFreshTable();
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers a guide per role, rendered from content/help with screenshots of the real pages', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByRole('link', { name: 'Trợ giúp' }).click();
    await page.getByRole('heading', { name: 'Hướng dẫn sử dụng' }).waitFor();
    for (const title of ['Hướng dẫn cho học viên', 'Hướng dẫn cho cán bộ tổ chức (nhân sự)', 'Hướng dẫn cho giảng viên', 'Hướng dẫn cho quản trị hệ thống']) {
      await page.getByRole('link', { name: title }).waitFor();
    }
    await expectAccessible(page, 'help index');
    await page.getByRole('link', { name: 'Hướng dẫn cho học viên' }).click();
    await page.getByRole('heading', { name: 'Làm bài kiểm tra' }).waitFor();
    const shot = page.getByRole('img', { name: 'Bài kiểm tra trên điện thoại' });
    await shot.scrollIntoViewIfNeeded();
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(300);
    await expectAccessible(page, 'learner guide');
  });
});
