import { describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, signInAs } from './browser.ts';

/**
 * The language switch, pressed while signed in, is kept on the account: another browser (no
 * choice of its own) opens in it after sign-in, and the reminders read it (Account.languageOf).
 */
let personId = '';
const stack = browserStack(async () => {
  const tree = await smallProvince(1);
  personId = tree.people[0]!.id;
  await account('hocvien@test.vn', personId);
});

describe('the language a learner chose', () => {
  it('is saved when switched while signed in and applied at the next sign-in elsewhere', async () => {
    const page = await signInAs(stack.browser, stack.server.url, 'hocvien@test.vn');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect.poll(() => Account.languageOf(personId)).toBe('en');
    await page.context().close();

    // Another browser, which never chose: English once signed in.
    const elsewhere = await signInAs(stack.browser, stack.server.url, 'hocvien@test.vn');
    await elsewhere.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await elsewhere.evaluate(() => document.documentElement.lang)).toBe('en');
    await elsewhere.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
    await elsewhere.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await expect.poll(() => Account.languageOf(personId)).toBe('vi');
    await elsewhere.context().close();
  }, 120_000);
});
