import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDist } from '../../packages/cli/src/paths.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack } from './browser.ts';

/** Issue 10's budget for the JavaScript a first visit downloads, gzipped. */
const FIRST_PAGE_BUDGET = 60 * 1024;

describe('JavaScript a learner downloads, measured in the browser', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(1);
    await account('hocvien@test.vn', tree.people[0]!.id);
  });

  it(`keeps each learner page within ${FIRST_PAGE_BUDGET / 1024} KB of gzipped JavaScript from a cold cache`, async () => {
    const { server, browser } = stack;
    const page = await (await browser.newContext()).newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname); });
    const gz = () => [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(webDist, path))).length, 0);
    const sizes: Record<string, number> = {};
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    sizes['sign-in'] = gz();
    await page.getByLabel('Email').fill('hocvien@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Khoá mẫu' }).waitFor();
    sizes['sign-in + course list'] = gz();
    await page.goto(`${server.url}/khoa-hoc/khoa-mau/bai/bai-mot`);
    await page.getByRole('heading', { name: 'Bài một' }).waitFor();
    sizes['+ lesson'] = gz();
    await page.goto(`${server.url}/khoa-hoc/khoa-mau/kiem-tra`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).waitFor();
    sizes['+ quiz'] = gz();
    console.log(Object.entries(sizes).map(([k, v]) => `${k}: ${(v / 1024).toFixed(1)} KB gzip`).join('; '));
    // Even all four pages together stay within what the first page alone may use.
    for (const [name, bytes] of Object.entries(sizes)) expect(bytes, name).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });
});
