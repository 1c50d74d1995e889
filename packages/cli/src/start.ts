import { configureDb, ensureTable } from '@sansang/core/admin';
import { startServer } from '@sansang/api/serve';
import { daily, rollups } from '@sansang/api/jobs';
import { build } from 'vite';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functions, table } from '../../../infra/spec.ts';
import { runEvery } from './local-schedule.ts';
import { startDynamoLocal, type DynamoLocal } from './dynamodb-local.ts';
import { startSesLocal, type SesLocal } from './ses-local.ts';
import { dataDir, contentDir, webDir, webDist } from './paths.ts';
import { terminalProgress } from './progress.ts';
import { seedDemo } from './seed.ts';
import { seedNational } from './seed-national.ts';
import { refreshWorkspace, watchContent } from './content-watch.ts';
import type { ContentWorkspace } from '@sansang/api/content-workspace';
import { DEMO_PASSWORD } from './demo/generate.ts';

export async function buildWeb(): Promise<void> {
  // The config's help plugin imports @sansang/content, TypeScript behind a workspace link: Vite's runner loads it, its default bundler would leave it to plain Node.
  await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

/** Rebuilds the web app only when a source is newer than the last build: restarts stay fast. */
export async function ensureWebBuilt(): Promise<'built' | 'fresh'> {
  const built = join(webDist, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => join(webDir, p)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return 'fresh';
  await buildWeb();
  return 'built';
}

/** A signing secret made once per machine and kept with the local data, so sign-ins survive restarts. */
function localSessionSecret(): string {
  const path = join(dataDir, 'session-secret');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

/**
 * `npm start`: DynamoDB Local with data kept in .data/ddb, the table, the demo province
 * (once), the content, the web build, and web + API on one origin. Ctrl-C stops it all.
 * `--demo national` seeds the synthetic country instead, kept apart in .data/ddb-national so
 * either demo starts again without wiping the other; `--scale` below 1 makes it smaller.
 */
export async function start(options: { port: number; demo?: 'province' | 'national'; scale?: number }): Promise<void> {
  const national = options.demo === 'national';
  let ddb: DynamoLocal | undefined;
  let ses: SesLocal | undefined;
  const stopAll = async () => {
    await ses?.stop();
    await ddb?.stop();
  };
  process.on('exit', () => ddb?.process.kill('SIGKILL'));

  const store = national ? 'ddb-national' : 'ddb';
  console.log(`• Khởi động DynamoDB Local (dữ liệu ở .data/${store})…`);
  ddb = await startDynamoLocal({ dbPath: join(dataDir, store), port: process.env.SANSANG_DDB_PORT ? Number(process.env.SANSANG_DDB_PORT) : undefined });
  try {
    // Reminders go to a real SES v2 API emulator through the same code as deployed; its web inbox shows them.
    ses = await startSesLocal({ port: process.env.SANSANG_SES_PORT ? Number(process.env.SANSANG_SES_PORT) : undefined });
    process.env.SES_ENDPOINT = ses.endpoint;
    configureDb({ endpoint: ddb.endpoint, tableName: table.name });
    if (await ensureTable(table.name, table)) console.log(`• Đã tạo bảng "${table.name}".`);
    process.env.MEDIA_DIR ??= join(dataDir, 'media');
    console.log('• Xuất bản nội dung và dữ liệu mẫu…');
    const seed = national
      ? await seedNational({ table: table.name, contentDir, progress: terminalProgress, scale: options.scale })
      : await seedDemo({ table: table.name, contentDir, progress: terminalProgress });
    const made = national ? 'dữ liệu mẫu toàn quốc' : 'tỉnh mẫu';
    console.log(seed.seeded ? `• Đã tạo ${made}: ${seed.units} đơn vị, ${seed.people} cán bộ.` : '• Dữ liệu đã có sẵn, không tạo lại dữ liệu mẫu.');
    console.log('• Đóng gói giao diện web…');
    await ensureWebBuilt();
    process.env.SANSANG_INSECURE_COOKIES = '1';
    process.env.SESSION_SECRET ??= localSessionSecret();
    process.env.REPORTS_DIR ??= join(dataDir, 'reports');
    const first = await refreshWorkspace(contentDir, 1);
    const errors = (ws: ContentWorkspace) => ws.findings.filter((f) => f.severity === 'error').length;
    console.log(`• Nội dung: ${first.courses.length} khoá học hợp lệ, ${errors(first)} lỗi (xem trang Soạn nội dung).`);
    const stopWatching = watchContent(contentDir, (ws) =>
      console.log(`• Nội dung đã thay đổi: ${ws.courses.length} khoá học hợp lệ, ${errors(ws)} lỗi. ${ws.published.join('; ')}`),
    );
    // What EventBridge does when deployed: the daily job (roll-ups, this week's snapshot, due
    // report packs), here at start and then hourly, quietly; and the roll-up sweep on the
    // deployed schedule itself (every minute), so figures settle locally as they do deployed.
    const failed = (err: unknown) => console.error(`• Tác vụ định kỳ lỗi: ${String(err)}`);
    const runJobs = () => daily().catch(failed);
    await runJobs();
    const jobs = setInterval(runJobs, 3_600_000);
    jobs.unref();
    const stopSweep = runEvery(functions.rollups.schedule, () => rollups(), failed);
    const server = await startServer({ port: options.port, webDir: webDist });
    console.log(`\nSẵn Sàng đang chạy tại ${server.url}\n`);
    console.log(`Tài khoản mẫu (mật khẩu: ${DEMO_PASSWORD}):`);
    for (const a of seed.accounts) console.log(`  ${a.email.padEnd(32)} ${a.label}`);
    console.log(`\nHộp thư thử nghiệm: ${ses.inbox}`);
    console.log(
      `  (thư nhắc việc gửi từ máy này vào đây; từ dòng lệnh: SES_ENDPOINT=${ses.endpoint} DYNAMODB_ENDPOINT=${ddb.endpoint} npm run sansang -- reminders run)`,
    );
    console.log('\nNhấn Ctrl-C để dừng.');
    const shutdown = async () => {
      console.log('\nĐang dừng…');
      stopWatching();
      clearInterval(jobs);
      stopSweep();
      await server.close();
      await stopAll();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    await stopAll();
    throw err;
  }
}
