// `npm run help:screenshots`: the screenshots the help guides (content/help/*.md) show, taken
// from the real pages of the demo province as the browser tests serve them: DynamoDB Local
// in memory, the demo seeded, the built app, Debian's Chromium. Each is the top of its page
// (1280 px wide, or a phone's 390 px), so the PNGs stay small. Run it after a page changes.
import { randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { configureDb, ensureTable } from '@sansang/core/testing';
import { startServer } from '@sansang/api/serve';
import { table } from '../../infra/spec.ts';
import { refreshWorkspace, DEMO_PASSWORD, contentDir, webDist, seedDemo, ensureWebBuilt } from '@sansang/cli/testing';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { launchChromium, signInAs } from './chromium.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** One screenshot: whose page, which page, what shows it is ready, and at what size. */
type Shot = { file: string; email: string; path: string; ready: (page: Page) => Promise<unknown>; size?: { width: number; height: number } };

export const shots: Shot[] = [
  { file: 'danh-sach-khoa-hoc.png', email: 'hocvien@demo.sansang.vn', path: '/khoa-hoc', ready: (page) => page.locator('ul.cards li').nth(3).waitFor() },
  {
    file: 'bai-kiem-tra-dien-thoai.png',
    email: 'hocvien@demo.sansang.vn',
    path: '/khoa-hoc/chu-ky-so/kiem-tra',
    size: PHONE,
    ready: async (page) => {
      await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
      await page.getByText('Thời gian còn lại').waitFor();
    },
  },
  {
    file: 'muc-do-san-sang.png',
    email: 'nhansu.tinh@demo.sansang.vn',
    path: '/san-sang',
    size: { width: 1280, height: 1000 },
    ready: (page) => page.locator('figure.chart canvas').first().waitFor(),
  },
  { file: 'danh-sach-can-bo.png', email: 'nhansu@demo.sansang.vn', path: '/danh-sach', ready: (page) => page.locator('table tbody tr').first().waitFor() },
  { file: 'tai-khoan.png', email: 'nhansu@demo.sansang.vn', path: '/tai-khoan', ready: (page) => page.getByRole('heading', { level: 1 }).waitFor() },
  { file: 'soan-noi-dung.png', email: 'giangvien@demo.sansang.vn', path: '/noi-dung', ready: (page) => page.locator('ul.cards li').first().waitFor() },
  { file: 'co-cau-to-chuc.png', email: 'quantri@demo.sansang.vn', path: '/to-chuc', ready: (page) => page.locator('table tbody tr').first().waitFor() },
];

const out = join(contentDir, 'help', 'hinh');

async function main() {
  process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
  process.env.MEDIA_DIR ??= await mkdtemp(join(tmpdir(), 'sansang-media-'));
  process.env.REPORTS_DIR ??= await mkdtemp(join(tmpdir(), 'sansang-reports-'));
  const ddb = await startDynamoLocal({});
  try {
    configureDb({ endpoint: ddb.endpoint, tableName: table.name });
    await ensureTable(table.name, table);
    console.log('• Tạo tỉnh mẫu…');
    await seedDemo({ table: table.name, contentDir });
    // As under `npm start`: the trainer page follows content/ on this machine.
    await refreshWorkspace(contentDir, 1);
    if ((await ensureWebBuilt()) === 'built') console.log('• Đã đóng gói giao diện web.');
    const server = await startServer({ port: 0, webDir: webDist });
    const browser = await launchChromium();
    try {
      for (const shot of shots) {
        const size = shot.size ?? DESKTOP;
        const page = await signInAs(browser, server.url, shot.email, DEMO_PASSWORD, { viewport: size, deviceScaleFactor: 1 });
        await page.goto(`${server.url}${shot.path}`);
        await shot.ready(page);
        await page.evaluate(() => document.fonts.ready);
        const path = join(out, shot.file);
        await page.screenshot({ path, clip: { x: 0, y: 0, ...size } });
        console.log(`• ${shot.file}: ${shot.email} ${shot.path}, ${size.width}×${size.height}, ${((await stat(path)).size / 1024).toFixed(0)} KB`);
        await page.context().close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await ddb.stop();
  }
}

if (process.argv[1]?.endsWith('help-screenshots.ts')) await main();
