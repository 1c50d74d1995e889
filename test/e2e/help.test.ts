import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentDir } from '@sansang/cli/testing';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';
import { shots } from './help-screenshots.ts';

const helpDir = join(contentDir, 'help');
/** Each guide in content/help/: its title (front matter) and the images it shows. */
const guides = readdirSync(helpDir)
  .filter((f) => f.endsWith('.md'))
  .map((file) => {
    const text = readFileSync(join(helpDir, file), 'utf8');
    return { file, title: /^title:\s*(.+)$/m.exec(text)![1]!.trim(), images: [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!) };
  });

/** Every image of the open guide has loaded and is drawn. */
async function imagesShown(page: Page, count: number) {
  const images = page.locator('.help img');
  await expect.poll(() => images.count()).toBe(count);
  for (let i = 0; i < count; i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(() => images.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(300);
  }
}

describe('help guides in content/help', () => {
  it('show only images that are there, every screenshot there is shown, and `npm run help:screenshots` makes each one', () => {
    expect(guides.map((g) => g.file).sort()).toEqual(['can-bo-to-chuc.md', 'giang-vien.md', 'hoc-vien.md', 'quan-tri.md']);
    const shown = guides.flatMap((g) => g.images);
    for (const guide of guides) {
      expect(guide.images.length, `${guide.file} has a screenshot`).toBeGreaterThan(0);
      for (const image of guide.images) {
        expect(image, guide.file).toMatch(/^hinh\/[a-z0-9-]+\.png$/);
        expect(existsSync(join(helpDir, image)), `${guide.file}: ${image}`).toBe(true);
      }
    }
    expect(
      readdirSync(join(helpDir, 'hinh'))
        .map((f) => `hinh/${f}`)
        .sort(),
    ).toEqual([...new Set(shown)].sort());
    expect(shots.map((s) => `hinh/${s.file}`).sort()).toEqual([...new Set(shown)].sort());
  });
});

describe('help in Vietnamese, from the help menu', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    const [learner, hr, trainer, admin] = tree.people;
    await account('hocvien@test.vn', learner!.id);
    await account('nhansu@test.vn', hr!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('giangvien@test.vn', trainer!.id, [{ role: 'trainer', unitId: null }]);
    await account('quantri@test.vn', admin!.id, [{ role: 'admin', unitId: null }]);
  });

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

  for (const email of ['hocvien@test.vn', 'nhansu@test.vn', 'giangvien@test.vn', 'quantri@test.vn']) {
    it(`opens every guide from the help menu for ${email}, each with its screenshots`, async () => {
      const page = await signInAs(stack.browser, stack.server.url, email);
      for (const guide of guides) {
        await page.getByRole('banner').getByRole('link', { name: 'Trợ giúp' }).click();
        await page.getByRole('heading', { level: 1, name: 'Hướng dẫn sử dụng' }).waitFor();
        await page.getByRole('link', { name: guide.title, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: guide.title }).waitFor();
        await imagesShown(page, guide.images.length);
        if (email === 'quantri@test.vn') await expectAccessible(page, `help ${guide.file}`);
      }
      await page.context().close();
    });
  }
});
