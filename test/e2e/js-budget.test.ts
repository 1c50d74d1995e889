import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDist } from '@sansang/cli/testing';
import { FIRST_PAGE_BUDGET, overBudget, pageFiles, pageSize, readBuild, type Manifest } from '@sansang/web/check-budget';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack } from './browser.ts';

describe("the build check of the first page's JavaScript (packages/web/check-budget.ts)", () => {
  /** A build as Vite's manifest describes it: an entry, routes loaded on demand, shared chunks. */
  const manifest: Manifest = {
    'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_i18n-1.js'], dynamicImports: ['src/pages/login.tsx', 'src/pages/readiness.tsx'] },
    '_i18n-1.js': { file: 'assets/i18n-1.js', dynamicImports: ['src/i18n/en.ts'] },
    '_async-1.js': { file: 'assets/async-1.js', imports: ['_i18n-1.js'] },
    'src/i18n/en.ts': { file: 'assets/en-1.js' },
    'src/pages/login.tsx': { file: 'assets/login-1.js', imports: ['_i18n-1.js', 'index.html', '_async-1.js'] },
    'src/pages/courses.tsx': { file: 'assets/courses-1.js', imports: ['index.html'] },
    'src/pages/lesson.tsx': { file: 'assets/lesson-1.js', imports: ['index.html'] },
    'src/pages/quiz.tsx': { file: 'assets/quiz-1.js', imports: ['index.html'] },
    'src/pages/readiness.tsx': { file: 'assets/readiness-1.js', imports: ['index.html', '_async-1.js'], dynamicImports: ['uplot'] },
    uplot: { file: 'assets/uPlot-1.js' },
  };
  const sizes: Record<string, number> = {
    'assets/index-1.js': 9_000,
    'assets/i18n-1.js': 21_000,
    'assets/async-1.js': 1_000,
    'assets/login-1.js': 2_000,
    'assets/readiness-1.js': 6_000,
  };
  const gzipped = (file: string) => sizes[file] ?? 500;

  it('counts the entry, the route and what they import, not what is loaded on demand', () => {
    expect(pageFiles(manifest, 'sign-in').sort()).toEqual(['assets/async-1.js', 'assets/i18n-1.js', 'assets/index-1.js', 'assets/login-1.js']);
    expect(pageFiles(manifest, 'dashboard')).not.toContain('assets/uPlot-1.js');
    expect(pageFiles(manifest, 'sign-in')).not.toContain('assets/en-1.js');
    expect(pageSize(manifest, 'sign-in', gzipped).bytes).toBe(33_000);
  });

  it('passes within 60 KB and fails above it, naming each file and its size', () => {
    expect(overBudget(pageSize(manifest, 'sign-in', gzipped))).toBeNull();
    sizes['assets/login-1.js'] = 30_000;
    expect(overBudget(pageSize(manifest, 'sign-in', gzipped))).toBeNull();
    expect(overBudget(pageSize(manifest, 'sign-in', gzipped), 50 * 1024)).toMatch(
      /^The sign-in page needs 59\.6 KB of gzipped JavaScript, 9\.6 KB over the 50\.0 KB budget/,
    );
    sizes['assets/login-1.js'] = 32_000;
    const over = overBudget(pageSize(manifest, 'sign-in', gzipped))!;
    expect(over).toContain('61.5 KB of gzipped JavaScript, 1.5 KB over the 60.0 KB budget');
    expect(over.split('\n')[1]).toBe('  assets/login-1.js  31.3 KB');
    expect(over).toContain('  assets/index-1.js  8.8 KB');
  });
});

describe('JavaScript a learner downloads, measured in the browser', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await account('hocvien@test.vn', tree.people[0]!.id);
  });

  it(`keeps each learner page within ${FIRST_PAGE_BUDGET / 1024} KB of gzipped JavaScript from a cold cache`, async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    const gz = () => [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(webDist, path))).length, 0);
    const sizes: Record<string, number> = {};
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    sizes['sign-in'] = gz();
    // The build check counts, from Vite's manifest, exactly what Chromium fetched for this page.
    const built = readBuild(webDist);
    expect(new Set(pageFiles(built.manifest, 'sign-in').map((f) => `/${f}`))).toEqual(scripts);
    expect(pageSize(built.manifest, 'sign-in', built.gzipped).bytes).toBe(sizes['sign-in']);
    await page.getByLabel('Email').fill('hocvien@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The learner owes the fixture's target, so sign-in lands on what they need to complete.
    await page.getByRole('heading', { level: 1, name: 'Việc cần hoàn thành' }).waitFor();
    await page.getByRole('link', { name: 'Khoá mẫu', exact: true }).waitFor();
    sizes['sign-in + requirements'] = gz();
    await page.getByRole('banner').getByRole('link', { name: 'Khoá học' }).click();
    await page.getByRole('heading', { level: 1, name: 'Khoá học của tôi' }).waitFor();
    sizes['+ course list'] = gz();
    await page.goto(`${server.url}/khoa-hoc/khoa-mau/bai/bai-mot`);
    await page.getByRole('heading', { name: 'Bài một' }).waitFor();
    sizes['+ lesson'] = gz();
    await page.goto(`${server.url}/khoa-hoc/khoa-mau/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).waitFor();
    sizes['+ quiz'] = gz();
    console.log(
      Object.entries(sizes)
        .map(([k, v]) => `${k}: ${(v / 1024).toFixed(1)} KB gzip`)
        .join('; '),
    );
    // Even all five pages together stay within what the first page alone may use.
    for (const [name, bytes] of Object.entries(sizes)) expect(bytes, name).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });
});
