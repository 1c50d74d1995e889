import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { account } from '../../../../test/support/fixtures.ts';

describe('accounts and sessions', () => {
  beforeAll(async () => {
    await useFreshTable();
    await account('Chuyen.Vien@Demo.vn', 'p1', [{ role: 'hr', unitId: 'so' }]);
  });

  it('signs in with the right password, whatever the email case, and opens a session', async () => {
    const { token } = await Account.login({ email: 'chuyen.vien@demo.vn', password: 'mat-khau-dung' });
    expect(token.length).toBeGreaterThan(30);
    expect(await Account.session(token)).toMatchObject({ personId: 'p1', email: 'chuyen.vien@demo.vn' });
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    for (const email of ['chuyen.vien@demo.vn', 'khong.co@demo.vn']) {
      await expect(Account.login({ email, password: 'sai-mat-khau' })).rejects.toMatchObject({ code: 'auth.invalid_credentials', status: 401 });
    }
  });

  it('ends the session on logout', async () => {
    const { token } = await Account.login({ email: 'chuyen.vien@demo.vn', password: 'mat-khau-dung' });
    await Account.logout(token);
    expect(await Account.session(token)).toBeNull();
    expect(await Account.session('forged-token')).toBeNull();
  });
});
