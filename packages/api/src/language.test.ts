import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
let cookie: string;
let personId: string;

const choose = (body: unknown, headers: Record<string, string> = { ...WRITE, cookie }) =>
  app.request('/api/me/language', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const me = async () => (await app.request('/api/me', { headers: { cookie } })).json();

describe('POST /api/me/language', () => {
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(1);
    personId = tree.people[0]!.id;
    await account('hocvien@test.vn', personId);
    cookie = await sessionCookie('hocvien@test.vn');
  });

  it('stores the choice on the account, which /api/me returns and the reminders read', async () => {
    expect((await me()).language).toBeNull();
    const res = await choose({ language: 'en' });
    expect([res.status, await res.json()]).toEqual([200, { language: 'en' }]);
    expect((await me()).language).toBe('en');
    expect(await Account.languageOf(personId)).toBe('en');
    // Signing in again elsewhere finds it too.
    const elsewhere = await sessionCookie('hocvien@test.vn');
    expect((await (await app.request('/api/me', { headers: { cookie: elsewhere } })).json()).language).toBe('en');
    await choose({ language: 'vi' });
    expect((await me()).language).toBe('vi');
  });

  it('answers bad input with a Vietnamese 400 naming what is wrong, never a 500', async () => {
    for (const body of [{ language: 'fr' }, { language: 'EN' }, {}, { language: 1 }]) {
      const res = await choose(body);
      const { error } = await res.json();
      expect([res.status, error.code], JSON.stringify(body)).toEqual([400, 'request.invalid']);
      expect(error.message).toContain('language');
    }
    const { error } = await (await choose({ language: 'fr' })).json();
    expect(error.message).toContain('ngôn ngữ phải là "vi" (tiếng Việt) hoặc "en" (tiếng Anh)');
    expect((await choose('{"language":')).status).toBe(400);
    expect((await me()).language).toBe('vi');
  });

  it('is for the signed-in only, and behind the anti-forgery header', async () => {
    expect((await choose({ language: 'en' }, WRITE)).status).toBe(401);
    expect((await choose({ language: 'en' }, { 'content-type': 'application/json', cookie })).status).toBe(403);
    expect((await me()).language).toBe('vi');
  });
});
