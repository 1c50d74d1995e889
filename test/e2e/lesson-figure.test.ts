import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Course } from '@sansang/core';
import { compileContent } from '@sansang/content';
import { contentDir } from '@sansang/cli/testing';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** The two diagrams of the catalogue, as a learner meets them in their lessons. */
const figures = [
  { slug: 'chu-ky-so', lesson: 'ky-so-van-ban-trong-he-thong', alt: /^Sơ đồ trình ký và ký số một văn bản đi: chuyên viên soạn dự thảo/, width: 640 },
  {
    slug: 'trung-tam-phuc-vu-hanh-chinh-cong-cap-xa',
    lesson: 'trang-thai-hen-va-tra-ket-qua',
    alt: /^Sơ đồ đường đi của một hồ sơ: người dân nộp/,
    width: 640,
  },
];

describe('a lesson with an SVG figure', () => {
  const stack = browserStack(async () => {
    // The local server serves published course files from MEDIA_DIR, as CloudFront does from S3.
    process.env.MEDIA_DIR = await mkdtemp(join(tmpdir(), 'sansang-media-'));
    const { courses, courseDirs } = await compileContent(contentDir);
    for (const { slug } of figures) {
      const course = courses.find((c) => c.slug === slug)!;
      await Course.publish(course);
      await Course.media.publish(course, (path) => readFile(join(courseDirs.get(slug)!, path)));
    }
    const tree = await smallProvince(1);
    await account('hocvien@test.vn', tree.people[0]!.id);
  });

  it('shows the diagram as a picture with its text alternative, served as SVG, and nothing of it runs in the page', async () => {
    const { server, browser } = stack;
    const page = await signInAs(browser, server.url, 'hocvien@test.vn');
    for (const figure of figures) {
      await page.goto(`${server.url}/khoa-hoc/${figure.slug}/bai/${figure.lesson}`);
      const img = page.getByRole('img', { name: figure.alt });
      await img.waitFor();
      // Drawn: the browser decoded it as an image, which it does only for an SVG content type.
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBe(figure.width);
      const src = (await img.getAttribute('src'))!;
      expect(src).toMatch(new RegExp(`^/media/${figure.slug}/\\d+/hinh/.+\\.svg$`));
      const response = await page.request.get(`${server.url}${src}`);
      expect(response.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(await page.locator('main svg').count()).toBe(0);
      await expectAccessible(page, `lesson ${figure.slug} with its figure`);
    }
  });
});
