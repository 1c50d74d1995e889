import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Every password check is one scrypt call: counting calls shows how many guesses were
// really checked, and that an unknown address costs what a real one does, without timing.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: Parameters<typeof crypto.scrypt>) => {
    hashes.count++;
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof crypto.scrypt;
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

const { Account } = await import('@sansang/core');
const { useFreshTable } = await import('../../../../test/support/db.ts');
const { account, smallProvince } = await import('../../../../test/support/fixtures.ts');
const { LIMITS, WINDOW_SECONDS } = await import('./throttle.ts');

const login = (email: string, password: string, address: string | null = null) => Account.login({ email, password, address });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { kind?: string }) => e.kind ?? 'fault',
  );

describe('password guesses', () => {
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(2);
    for (const [i, email] of ['song-song@demo.vn', 'doi-mat-khau@demo.vn', 'that@demo.vn'].entries()) {
      await account(email, tree.people[i]!.id, []);
    }
  });
  beforeEach(() => {
    hashes.count = 0;
    // Guesses are counted in fixed 15-minute windows: hold the clock in the middle of now's.
    const now = Date.now();
    vi.useFakeTimers({ now: now - (now % (WINDOW_SECONDS * 1000)) + (WINDOW_SECONDS * 1000) / 2, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks at most the limit of twelve wrong passwords sent at once, and refuses the rest unchecked', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => outcome(login('song-song@demo.vn', 'sai-mat-khau'))));
    expect(results.filter((s) => s === 'unauthenticated')).toHaveLength(LIMITS.account);
    expect(results.filter((s) => s === 'throttled')).toHaveLength(12 - LIMITS.account);
    expect(hashes.count).toBe(LIMITS.account);
  });

  it('limits guesses at the current password when changing it, like sign-in', async () => {
    const session = (await Account.session((await login('doi-mat-khau@demo.vn', 'mat-khau-dung')).token))!;
    const change = (current: string) =>
      outcome(Account.changePassword({ email: session.email, sid: session.sid, current, next: 'mat-khau-moi-dai-hon', address: null }));
    const results = await Promise.all(Array.from({ length: 8 }, () => change('doan-bua')));
    expect(results.filter((s) => s === 'invalid')).toHaveLength(LIMITS.account);
    expect(results.filter((s) => s === 'throttled')).toHaveLength(8 - LIMITS.account);
    hashes.count = 0;
    expect(await change('mat-khau-dung')).toBe('throttled'); // even the right one waits for the window
    expect(hashes.count).toBe(0);
  });

  it('does the same work for an unknown address as for a real one with a wrong password', async () => {
    await outcome(login('khong-co-ai@demo.vn', 'sai')); // makes the decoy hash once
    hashes.count = 0;
    expect(await outcome(login('that@demo.vn', 'sai'))).toBe('unauthenticated');
    const real = hashes.count;
    hashes.count = 0;
    expect(await outcome(login('khong-co-ai-khac@demo.vn', 'sai'))).toBe('unauthenticated');
    expect(real).toBe(1);
    expect(hashes.count).toBe(real);
  });
});
