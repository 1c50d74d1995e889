import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCourse } from '@sansang/content';
import { Course, Org, Person, Readiness } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { LANDED, launchChromium } from './browser.ts';

/** Each payload, if it ever ran, would set window.__xss. */
const markdownPayloads = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '[bấm vào đây](javascript:window.__xss=3)',
  '<svg onload=window.__xss=4></svg>',
  '<iframe src="javascript:window.__xss=5"></iframe>',
  '![ảnh](javascript:window.__xss=6)',
  '<a href="data:text/html,<script>window.__xss=7</script>">dữ liệu</a>',
  '<details open ontoggle=window.__xss=8>chi tiết</details>',
  '[x](JaVaScRiPt:window.__xss=9)',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=10>',
];
const hostileName = '<img src=x onerror="window.__xss=11">"><script>window.__xss=12</script>';
const formulaName = '=HYPERLINK("http://evil.example","bấm")';

describe('hostile content in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(1);
    const unit = Org.make({ id: 'doc-hai', code: '=1+1', name: hostileName, kind: 'commune' }, tree.province);
    await putMany([
      Org.toItem(unit),
      Person.toItem({
        id: 'nguoi-doc',
        employeeCode: '@SUM(A1)',
        fullName: formulaName,
        email: null,
        unitId: unit.id,
        category: 'cong-chuc',
        position: '+chuc-vu',
        status: 'active',
      }),
    ]);
    await Readiness.rebuild({ write: true });
    const root = await mkdtemp(join(tmpdir(), 'sansang-hostile-'));
    const dir = join(root, 'courses', 'doc-hai');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'course.md'),
      `---\ntitle: Khoá thử nội dung độc hại\nsummary: ${'Tóm tắt'}\nversion: 1\nestimatedMinutes: 5\ncompletion: { lessons: all, quiz: none }\n---\n\n${markdownPayloads.join('\n\n')}\n`,
    );
    await writeFile(join(dir, '01-bai-doc.md'), `---\ntitle: Bài có mã độc\n---\n\n${markdownPayloads.join('\n\n')}\n`);
    const compiled = await compileCourse(dir, root);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await Course.publish(compiled.bundle!);
    await account('quantri@test.vn', tree.people[0]!.id, [{ role: 'admin', unitId: null }]);
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Email').fill('quantri@test.vn');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(LANDED);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ranNothing = async () => {
    // Every image has loaded or failed (so its onerror, if any, has run) and no request is left.
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };

  it('renders a lesson full of XSS payloads without running any of them', async () => {
    await page.goto(`${server.url}/khoa-hoc/doc-hai/bai/bai-doc`);
    await page.getByRole('heading', { name: 'Bài có mã độc' }).waitFor();
    expect(await page.locator('main script, main iframe, main svg, main [onerror], main [onload], main [ontoggle]').count()).toBe(0);
    expect(await page.locator('main a[href^="javascript" i], main a[href^="data:" i], main img[src^="javascript" i]').count()).toBe(0);
    await ranNothing();
    await page.goto(`${server.url}/khoa-hoc/doc-hai`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await ranNothing();
  });

  it('shows a unit named with markup as text on the dashboard', async () => {
    await page.goto(`${server.url}/san-sang`);
    await page.getByText(hostileName).first().waitFor();
    await ranNothing();
  });

  it('has a strict Content-Security-Policy that blocks inline handlers even if markup got in', async () => {
    const res = await page.goto(`${server.url}/khoa-hoc`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res!.headers()['x-content-type-options']).toBe('nosniff');
    const violated = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
          const div = document.createElement('div');
          div.innerHTML = '<img src="data:," onerror="window.__xss=13">';
          document.body.append(div);
          setTimeout(() => resolve(false), 2000);
        }),
    );
    expect(violated).toBe(true);
    await ranNothing();
  });

  it('refuses a cross-site form that tries to act with the signed-in session', async () => {
    const evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<form id="f" method="POST" action="${server.url}/api/accounts/grants"><input name="email" value="quantri@test.vn"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    try {
      const { port } = evil.address() as AddressInfo;
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${server.url}/api/`)), page.goto(`http://127.0.0.1:${port}/`)]);
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe('auth.csrf');
    } finally {
      evil.close();
    }
    await page.goto(`${server.url}/khoa-hoc`);
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(200);
  });

  it('exports names that look like formulas as text in the CSV', async () => {
    const csv = await page.evaluate(async () => (await fetch('/api/reports/completions.csv?unit=doc-hai')).text());
    const row = csv.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(row).toContain("'@SUM(A1)");
    expect(row).toContain("'+chuc-vu");
    expect(row.startsWith("'=1+1")).toBe(true);
  });
});
