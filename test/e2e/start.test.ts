import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@sansang/cli/dynamodb-local';
import { repoRoot } from '@sansang/cli/testing';

const dataDir = await mkdtemp(join(tmpdir(), 'sansang-start-'));
/**
 * How long one `npm start` may take to come up: a guard against a hang, not a speed check.
 * A busy shared machine has taken more than 150 s on the first start (it publishes the
 * content and seeds the demo province, then bundles the web app); speed belongs in `npm run bench`.
 */
const COME_UP_MS = 600_000;
const children: ChildProcess[] = [];

/** Runs `npm start`'s command as a user would and waits for it to print its URL. */
async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), SANSANG_DATA_DIR: dataDir, SANSANG_DDB_PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + COME_UP_MS;
  while (!out.includes('Nhấn Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${out}`);
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`start did not come up within ${COME_UP_MS / 1000} s (a hang):\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  afterAll(async () => {
    // A failed or timed-out run must not leave `npm start` (and its DynamoDB Local) behind.
    await Promise.all(children.map(stop));
    await rm(dataDir, { recursive: true, force: true });
  }, COME_UP_MS);

  it(
    'runs the whole stack on one origin, seeds once, keeps data across restarts and stops its children on Ctrl-C',
    async () => {
      const port = await freePort();
      const first = await start(port);
      expect(first.output()).toContain(`http://localhost:${port}`);
      for (const email of ['hocvien@', 'nhansu@', 'nhansu.tinh@', 'giangvien@', 'quantri@']) expect(first.output()).toContain(email);
      expect(first.output()).toMatch(/Đã tạo tỉnh mẫu: \d+ đơn vị, \d+ cán bộ/);
      expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toEqual({ status: 'ok' });
      const html = await (await fetch(`http://127.0.0.1:${port}/khoa-hoc`)).text();
      expect(html).toContain('<div id="root">');

      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
        body: JSON.stringify({ email: 'nhansu.tinh@demo.sansang.vn', password: 'sansang-demo' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const province = await (await fetch(`http://127.0.0.1:${port}/api/readiness`, { headers: { cookie } })).json();
      expect(province.staff).toBeGreaterThan(2500);
      expect(province.trained).toBeGreaterThan(0);
      expect(province.children.length).toBeGreaterThan(70);

      const javaPids = (await import('node:child_process'))
        .execSync(`pgrep -P ${first.child.pid} java || true`)
        .toString()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
      await stop(first.child);
      for (const pid of javaPids) expect(alive(pid)).toBe(false);

      const second = await start(port);
      expect(second.output()).toContain('Dữ liệu đã có sẵn');
      const again = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
        body: JSON.stringify({ email: 'hocvien@demo.sansang.vn', password: 'sansang-demo' }),
      });
      expect(again.status).toBe(200);
      // The whole catalogue in content/ is published and the demo learner sees it.
      const learner = again.headers.get('set-cookie')!.split(';')[0]!;
      const { courses } = await (await fetch(`http://127.0.0.1:${port}/api/courses`, { headers: { cookie: learner } })).json();
      const folders = (await readdir(join(repoRoot, 'content', 'courses'))).sort();
      expect(courses.map((c: { slug: string }) => c.slug).sort()).toEqual(folders);
      expect(folders.length).toBeGreaterThanOrEqual(15);
      expect(second.output()).toMatch(/Nội dung: \d+ khoá học hợp lệ, 0 lỗi/);
      await stop(second.child);
    },
    2 * COME_UP_MS + 300_000,
  ); // two starts, each given COME_UP_MS, and the checks
});
