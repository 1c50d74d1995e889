import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
// oidc-provider ships no types; the test uses its documented constructor and listen().
// @ts-expect-error -- untyped module
import Provider from 'oidc-provider';
import { Audit, Person } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { freePort } from '@sansang/cli/dynamodb-local';
import { webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { LANDED, launchChromium } from './browser.ts';

/** Users of the identity provider, by login. */
const idpUsers: Record<string, Record<string, unknown>> = {
  'nguyen.lan': { email: 'lan@so.gov.vn', email_verified: true, name: 'Nguyễn Thị Lan' },
  'tran.binh': { email: 'binh@xa.gov.vn', email_verified: true, employee_code: 'NV-XA-1', name: 'Trần Văn Bình' },
  'nguoi.la': { email: 'la@nowhere.vn', email_verified: true, name: 'Người lạ' },
};

describe('sign-in through a real OpenID Connect provider', () => {
  let server: RunningServer;
  let idp: Server;
  let browser: Browser;
  const saved = { ...process.env };

  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(2);
    await account('lan@so.gov.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id);
    // On the roster (by employee code) but without an account yet.
    await putMany([
      Person.toItem({
        id: 'nv-nv-xa-1',
        employeeCode: 'NV-XA-1',
        fullName: 'Trần Văn Bình',
        email: null,
        unitId: tree.commune.id,
        category: 'can-bo',
        position: 'Chủ tịch UBND xã',
        status: 'active',
      }),
    ]);

    server = await startServer({ port: 0, webDir: webDist });
    const idpPort = await freePort();
    const issuer = `http://localhost:${idpPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'sansang',
          client_secret: 'bi-mat-cua-ung-dung-sansang',
          redirect_uris: [`${server.url}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employee_code'] },
      scopes: ['openid', 'email', 'profile'],
      findAccount: async (_ctx: unknown, id: string) => (idpUsers[id] ? { accountId: id, claims: async () => ({ sub: id, ...idpUsers[id] }) } : undefined),
      cookies: { keys: ['khoa-cookie-cua-nha-cung-cap-dinh-danh'] },
      features: { devInteractions: { enabled: true } },
    });
    idp = provider.listen(idpPort);
    Object.assign(process.env, {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'sansang',
      OIDC_CLIENT_SECRET: 'bi-mat-cua-ung-dung-sansang',
      OIDC_REDIRECT_URI: `${server.url}/api/auth/oidc/callback`,
      SANSANG_INSECURE_COOKIES: '1',
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    await browser?.close();
    await server?.close();
    await new Promise((r) => idp?.close(r));
  });

  /** Signs in through the provider, starting from `opened` (a signed-in page sends the visitor to sign in first). */
  async function signInAs(login: string, opened = '/dang-nhap'): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}${opened}`);
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('bat-ky');
    await page.locator('button[type="submit"]').first().click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/api/'));
    return page;
  }

  const me = (page: Page) =>
    page.evaluate(async () => {
      const res = await fetch('/api/me');
      return res.ok ? ((await res.json()) as { email: string; name: string }) : null;
    });

  it('maps a verified email to the existing account', async () => {
    const page = await signInAs('nguyen.lan');
    await page.waitForURL(LANDED);
    expect(await me(page)).toMatchObject({ email: 'lan@so.gov.vn' });
    const today = new Date().toISOString().slice(0, 10);
    expect((await Audit.list({ from: today, to: today, actor: 'lan@so.gov.vn' })).some((e) => e.action === 'auth.sign_in' && e.detail?.method === 'oidc')).toBe(
      true,
    );
  });

  it('comes back, through the provider too, to the page opened while signed out', async () => {
    const page = await signInAs('nguyen.lan', '/mat-khau?tu=email');
    await page.waitForURL((url) => url.pathname === '/mat-khau' && url.search === '?tu=email');
    expect(await me(page)).toMatchObject({ email: 'lan@so.gov.vn' });
  });

  it('maps an employee code to the roster and opens a learner account on first sign-in', async () => {
    const page = await signInAs('tran.binh');
    expect(await me(page)).toMatchObject({ email: 'binh@xa.gov.vn', name: 'Trần Văn Bình' });
  });

  it('refuses an identity that matches nobody on the roster, with a clear message', async () => {
    const page = await signInAs('nguoi.la');
    expect(new URL(page.url()).searchParams.get('loi')).toBe('auth.oidc_unknown_person');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('chưa gắn với cán bộ');
    expect(await me(page)).toBeNull();
  });
});
