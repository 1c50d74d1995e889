import { describe, expect, it } from 'vitest';
import { browserStack, expectAccessible } from './browser.ts';

describe('help in Vietnamese, from the help menu', () => {
  const stack = browserStack();

  it('offers a guide per role, rendered from content/help with screenshots of the real pages', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await page.goto(`${stack.server.url}/dang-nhap`);
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
