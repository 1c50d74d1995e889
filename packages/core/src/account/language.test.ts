import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { keys, putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { account, smallProvince } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const person = (i: number) => tree.people[i]!.id;

describe('the language a person chose', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
  });

  it('is Vietnamese for a person with no account, or whose accounts never chose', async () => {
    expect(await Account.languageOf(person(0))).toBe('vi');
    await account('chua.chon@test.vn', person(1));
    expect(await Account.languageOf(person(1))).toBe('vi');
    expect((await Account.get('chua.chon@test.vn'))!.language).toBeUndefined();
  });

  it('is stored on the account, read back with it, and changed again', async () => {
    await account('hoc.vien@test.vn', person(2));
    expect(await Account.setLanguage({ email: 'hoc.vien@test.vn', personId: person(2), language: 'en' })).toBe('en');
    expect(await Account.get('hoc.vien@test.vn')).toMatchObject({ personId: person(2), grants: [], language: 'en' });
    expect(await Account.languageOf(person(2))).toBe('en');
    await Account.setLanguage({ email: 'hoc.vien@test.vn', personId: person(2), language: 'vi' });
    expect(await Account.languageOf(person(2))).toBe('vi');
  });

  it('refuses a language it has no words for, and an account not of that person', async () => {
    await expect(Account.setLanguage({ email: 'hoc.vien@test.vn', personId: person(2), language: 'fr' as 'en' })).rejects.toMatchObject({
      code: 'request.invalid',
      message: expect.stringContaining('ngôn ngữ phải là "vi" (tiếng Việt) hoặc "en" (tiếng Anh)'),
    });
    await expect(Account.setLanguage({ email: 'hoc.vien@test.vn', personId: person(3), language: 'en' })).rejects.toMatchObject({ code: 'auth.required' });
    await expect(Account.setLanguage({ email: 'khong.co@test.vn', personId: person(3), language: 'en' })).rejects.toMatchObject({ code: 'auth.required' });
    expect(await Account.languageOf(person(3))).toBe('vi');
  });

  it("prefers the learner login's choice, the one a reminder's link opens, over an officer login's", async () => {
    await account('can.bo@test.vn', person(4), [{ role: 'hr', unitId: tree.agency.id }]);
    await Account.setLanguage({ email: 'can.bo@test.vn', personId: person(4), language: 'en' });
    expect(await Account.languageOf(person(4))).toBe('en');
    await account('ca.nhan@test.vn', person(4));
    await Account.setLanguage({ email: 'ca.nhan@test.vn', personId: person(4), language: 'vi' });
    expect(await Account.languageOf(person(4))).toBe('vi');
  });

  it('finds the choice of an account written before the login index existed', async () => {
    // An old account item: no index keys, so no choice is found until it chooses (which lists it) or `rebuild --write` lists it.
    await putMany([{ ...keys.account('cu@test.vn'), type: 'account', email: 'cu@test.vn', personId: person(5), grants: [] }]);
    expect(await Account.languageOf(person(5))).toBe('vi');
    await Account.setLanguage({ email: 'cu@test.vn', personId: person(5), language: 'en' });
    expect(await Account.languageOf(person(5))).toBe('en');
  });
});
