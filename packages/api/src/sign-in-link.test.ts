import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Audit } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
let personId: string;

const open = (token: string) => app.request(`/api/auth/link?token=${token}`);
const press = (token: string, headers: Record<string, string> = WRITE) =>
  app.request('/api/auth/link', { method: 'POST', headers, body: JSON.stringify({ token }) });
const issue = async () => (await Account.issueSignInLink(personId))!.token;

/**
 * A reminder's one-time sign-in link: opening it (as a mail scanner does, however often) only
 * leads to the page with the button; the button's POST signs in, once.
 */
describe('the sign-in link of a reminder e-mail', () => {
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(1);
    personId = tree.people[0]!.id;
    await account('hocvien@test.vn', personId);
  });

  it('is not used up by a GET: it leads to the button page, token in the fragment, with no Referer', async () => {
    const token = await issue();
    for (let scan = 0; scan < 3; scan++) {
      const res = await open(token);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/dang-nhap/lien-ket#${token}`);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const signedIn = await press(token);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ next: '/viec-can-hoan-thanh', user: { id: personId, email: 'hocvien@test.vn' } });
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect((await app.request('/api/me', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
  });

  it('refuses a second press with a clear Vietnamese message, and opens no session', async () => {
    const token = await issue();
    expect((await press(token)).status).toBe(200);
    const again = await press(token);
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await again.json()).error).toEqual({
      code: 'auth.link_invalid',
      message:
        'Đường dẫn đăng nhập này đã được dùng, đã hết hạn hoặc không đúng. Hãy đăng nhập bằng email và mật khẩu, hoặc dùng đường dẫn trong thư nhắc việc mới nhất.',
    });
    expect((await press('khong-co-that')).status).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    const byLink = (await Audit.list({ from: today, to: today })).filter((e) => e.action === 'account.signed_in_by_link');
    expect(byLink).toHaveLength(2);
  });

  it('is pressed only from this site: a cross-site form can neither send the header nor pass as this origin', async () => {
    const token = await issue();
    expect((await (await press(token, { 'content-type': 'application/x-www-form-urlencoded' })).json()).error.code).toBe('auth.csrf');
    expect((await (await press(token, { ...WRITE, origin: 'https://ke-gia-mao.example' })).json()).error.code).toBe('auth.csrf');
    // Neither refusal used it.
    expect((await press(token)).status).toBe(200);
  });
});
