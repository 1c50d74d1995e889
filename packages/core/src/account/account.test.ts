import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { Account, Audit } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { account, smallProvince } from '../../../../test/support/fixtures.ts';
import { LIMITS, WINDOW_SECONDS } from './throttle.ts';

let personId: string;
const hr: Account.Actor = { email: 'chuyen.vien@demo.vn', grants: [{ role: 'hr', unitId: 'so' }] };
const today = () => new Date().toISOString().slice(0, 10);
const login = (email: string, password = 'mat-khau-dung', address: string | null = '198.51.100.7') => Account.login({ email, password, address });

/**
 * Guesses are counted in fixed 15-minute windows: a test that straddled a window's end would
 * see its count start again. The clock is held in the middle of the window of now.
 */
function midWindow() {
  const now = Date.now();
  vi.useFakeTimers({ now: now - (now % (WINDOW_SECONDS * 1000)) + (WINDOW_SECONDS * 1000) / 2, toFake: ['Date'] });
}

describe('accounts and sessions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(2);
    personId = tree.people[0]!.id;
    await account('Chuyen.Vien@Demo.vn', personId, [{ role: 'hr', unitId: 'so' }]);
  });

  it('signs in with the right password, whatever the email case, and opens a server-side session', async () => {
    const { token } = await login('chuyen.vien@demo.vn');
    expect(token.split('.')).toHaveLength(3); // a signed JWT naming the session
    expect(await Account.session(token)).toMatchObject({ personId, email: 'chuyen.vien@demo.vn', shouldRotate: false });
  });

  it('says the same thing for a wrong password and an unknown email, and audits both', async () => {
    for (const email of ['chuyen.vien@demo.vn', 'khong.co@demo.vn']) {
      await expect(login(email, 'sai-mat-khau', null)).rejects.toMatchObject({ code: 'auth.invalid_credentials', kind: 'unauthenticated' });
    }
    const actions = (await Audit.list({ from: today(), to: today() })).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['chuyen.vien@demo.vn auth.sign_in_failed', 'khong.co@demo.vn auth.sign_in_failed', 'chuyen.vien@demo.vn auth.sign_in']),
    );
  });

  it('rejects forged, tampered and foreign-key tokens', async () => {
    const { token } = await login('chuyen.vien@demo.vn');
    const [h, p, sig] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), email: 'admin@demo.vn' })).toString('base64url')}.${sig}`;
    const foreign = await new SignJWT({ email: 'chuyen.vien@demo.vn', sid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    for (const t of ['forged-token', tampered, foreign, `${h}.${p}.`]) expect(await Account.session(t)).toBeNull();
  });

  it('ends the session on logout', async () => {
    const { token } = await login('chuyen.vien@demo.vn');
    await Account.logout((await Account.session(token))!);
    expect(await Account.session(token)).toBeNull();
  });

  it('rotates an aging token and lets the old one lapse after a short grace', async () => {
    const { token } = await login('chuyen.vien@demo.vn');
    vi.useFakeTimers({ now: Date.now() + 16 * 60_000, toFake: ['Date'] });
    try {
      const old = (await Account.session(token))!;
      expect(old.shouldRotate).toBe(true);
      const fresh = await Account.rotate(old);
      expect(await Account.session(fresh.token)).toMatchObject({ shouldRotate: false, expiresAt: old.expiresAt });
      expect(await Account.session(token)).not.toBeNull();
      vi.setSystemTime(Date.now() + 2 * 60_000);
      expect(await Account.session(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps accepting tokens signed with the previous secret while a new one is rolled out', async () => {
    const { token } = await login('chuyen.vien@demo.vn');
    const before = process.env.SESSION_SECRET!;
    process.env.SESSION_SECRETS = `a-brand-new-secret-of-enough-length-0123456789,${before}`;
    try {
      expect(await Account.session(token)).not.toBeNull();
      const { token: newer } = await login('chuyen.vien@demo.vn');
      process.env.SESSION_SECRETS = 'a-brand-new-secret-of-enough-length-0123456789';
      expect(await Account.session(newer)).not.toBeNull();
      expect(await Account.session(token)).toBeNull();
    } finally {
      delete process.env.SESSION_SECRETS;
    }
  });

  it('changes the password and signs out every other session', async () => {
    const mine = (await Account.session((await login('chuyen.vien@demo.vn')).token))!;
    const other = (await login('chuyen.vien@demo.vn')).token;
    await expect(Account.changePassword({ email: mine.email, sid: mine.sid, current: 'sai', next: 'mat-khau-moi-dai' })).rejects.toMatchObject({
      code: 'auth.wrong_password',
    });
    await expect((async () => Account.changePassword({ email: mine.email, sid: mine.sid, current: 'mat-khau-dung', next: 'ngan' }))()).rejects.toMatchObject({
      code: 'request.invalid',
    });
    await Account.changePassword({ email: mine.email, sid: mine.sid, current: 'mat-khau-dung', next: 'mat-khau-moi-dai' });
    expect(await Account.session(other)).toBeNull();
    await expect(login('chuyen.vien@demo.vn')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await login('chuyen.vien@demo.vn', 'mat-khau-moi-dai');
  });

  it('lets a new account in only through its one-time set-password link', async () => {
    await Account.create({ email: 'moi@demo.vn', personId, grants: [] });
    await expect(login('moi@demo.vn', '')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    const { token } = await Account.issuePasswordLink({ actor: hr, email: 'moi@demo.vn' });
    expect(await Account.redeemPasswordLink({ token, password: 'mat-khau-cua-toi' })).toEqual({ email: 'moi@demo.vn' });
    await expect(Account.redeemPasswordLink({ token, password: 'lan-thu-hai-nhe' })).rejects.toMatchObject({ code: 'auth.link_invalid' });
    await login('moi@demo.vn', 'mat-khau-cua-toi');
  });

  it('gives a duplicated link request one valid link, and a later request a new one that replaces it', async () => {
    await Account.create({ email: 'quen@demo.vn', personId, grants: [] });
    const issue = () => Account.issuePasswordLink({ actor: hr, email: 'Quen@demo.vn' });
    // A double click or a retried request: the officer sees one link, whichever answer arrives last.
    const first = await Promise.all([issue(), issue(), issue()]);
    expect(new Set(first.map((l) => l.token)).size).toBe(1);
    expect(await issue()).toEqual(first[0]);
    // Days as the audit log files them, so the test holds across midnight too.
    const [from, to] = [today(), new Date(Date.now() + 11 * 60_000).toISOString().slice(0, 10)];
    const issued = async () =>
      (await Audit.list({ from, to })).filter((e) => e.action === 'account.password_link_issued' && (e.detail as { email?: string }).email === 'quen@demo.vn')
        .length;
    expect(await issued()).toBe(1);
    // Asked again later (the first link was lost, or may have leaked): a new link, and the old one is dead.
    vi.useFakeTimers({ now: Date.now() + 10 * 60_000, toFake: ['Date'] });
    try {
      const later = await issue();
      expect(later.token).not.toBe(first[0]!.token);
      await expect(Account.redeemPasswordLink({ token: first[0]!.token, password: 'mat-khau-cu-bi-lo' })).rejects.toMatchObject({ code: 'auth.link_invalid' });
      expect(await Account.redeemPasswordLink({ token: later.token, password: 'mat-khau-cua-toi' })).toEqual({ email: 'quen@demo.vn' });
      // Asked again at once after it was used: a used link is never handed out again.
      const again = await issue();
      expect(await Account.redeemPasswordLink({ token: again.token, password: 'mat-khau-lan-nua' })).toEqual({ email: 'quen@demo.vn' });
      expect(await issued()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('throttles repeated failures per account with a retry time, across instances (in DynamoDB)', async () => {
    midWindow();
    await Account.create({ email: 'bi-do@demo.vn', personId, grants: [], password: 'mat-khau-dung' });
    for (let i = 0; i < LIMITS.account; i++) await expect(login('bi-do@demo.vn', 'sai', null)).rejects.toMatchObject({ kind: 'unauthenticated' });
    const err = await login('bi-do@demo.vn', 'mat-khau-dung', null).catch((e) => e);
    expect(err).toMatchObject({ code: 'auth.throttled', kind: 'throttled' });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it('throttles one address trying many accounts', async () => {
    midWindow();
    for (let i = 0; i < LIMITS.address; i++) await login(`ke-do-${i}@demo.vn`, 'sai', '203.0.113.66').catch(() => undefined);
    await expect(login('chuyen.vien@demo.vn', 'mat-khau-moi-dai', '203.0.113.66')).rejects.toMatchObject({ code: 'auth.throttled' });
    await login('chuyen.vien@demo.vn', 'mat-khau-moi-dai', '203.0.113.67');
  });
});
