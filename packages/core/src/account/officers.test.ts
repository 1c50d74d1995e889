import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@sansang/core';
import { keys, putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { account, smallProvince } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const admin: Account.Actor = { email: 'quantri@test.vn', grants: [{ role: 'admin', unitId: null }] };

const officers = async () => {
  const found: Account.Officer[] = [];
  for await (const officer of Account.officers()) found.push(officer);
  return found.sort((a, b) => `${a.email}#${a.unitId}`.localeCompare(`${b.email}#${b.unitId}`));
};

describe("the officers' listing", () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await account(admin.email, tree.people[0]!.id, admin.grants);
  });

  it('lists every hr grant of an account created or opened with one, and nobody else', async () => {
    await account('Nhan.Su@Test.vn', tree.people[1]!.id, [
      { role: 'hr', unitId: tree.agency.id },
      { role: 'hr', unitId: tree.commune.id },
      { role: 'trainer', unitId: null },
    ]);
    await account('hoc.vien@test.vn', tree.people[2]!.id);
    const opened = tree.people[5]!;
    await Account.open({ actor: admin, email: 'mo.moi@test.vn', employeeCode: opened.employeeCode, grants: [{ role: 'hr', unitId: tree.dept2.id }] });
    expect(await officers()).toEqual([
      { email: 'mo.moi@test.vn', personId: opened.id, unitId: tree.dept2.id },
      { email: 'nhan.su@test.vn', personId: tree.people[1]!.id, unitId: tree.agency.id },
      { email: 'nhan.su@test.vn', personId: tree.people[1]!.id, unitId: tree.commune.id },
    ]);
  });

  it('follows a change of grants: an hr grant given lists the account, the last one taken away unlists it', async () => {
    await Account.changeGrants({ actor: admin, email: 'hoc.vien@test.vn', grants: [{ role: 'hr', unitId: null }] });
    expect((await officers()).filter((o) => o.email === 'hoc.vien@test.vn')).toEqual([
      { email: 'hoc.vien@test.vn', personId: tree.people[2]!.id, unitId: null },
    ]);
    await Account.changeGrants({ actor: admin, email: 'nhan.su@test.vn', grants: [{ role: 'hr', unitId: tree.commune.id }] });
    expect((await officers()).filter((o) => o.email === 'nhan.su@test.vn').map((o) => o.unitId)).toEqual([tree.commune.id]);
    await Account.changeGrants({ actor: admin, email: 'mo.moi@test.vn', grants: [] });
    await Account.changeGrants({ actor: admin, email: 'hoc.vien@test.vn', grants: [{ role: 'trainer', unitId: null }] });
    expect((await officers()).map((o) => o.email)).toEqual(['nhan.su@test.vn']);
    // Replacing the account unchecked, as the operator's tools do, writes the listing from the grants too.
    await account('nhan.su@test.vn', tree.people[1]!.id, []);
    expect(await officers()).toEqual([]);
  });

  it('finds and relists accounts written before the listing or the login index existed, only when told to write', async () => {
    const old = (email: string, i: number, grants: Account.Grant[], indexed = true) => ({
      ...keys.account(email),
      ...(indexed ? keys.loginIndex(tree.people[i]!.id, email) : {}),
      type: 'account',
      email,
      personId: tree.people[i]!.id,
      grants,
    });
    // The third is older still: a learner's login that the login index does not list under its person.
    await putMany([
      old('cu.nhansu@test.vn', 3, [{ role: 'hr', unitId: tree.dept1.id }]),
      old('cu.hocvien@test.vn', 4, []),
      old('rat.cu@test.vn', 6, [], false),
    ]);
    const logins = async () => (await Account.ofPerson(tree.people[6]!)).map((a) => a.email);
    expect(await officers()).toEqual([]);
    expect(await logins()).toEqual([]);
    expect(await Account.relistOfficers({ write: false })).toEqual({ accounts: 7, wrong: ['cu.nhansu@test.vn', 'rat.cu@test.vn'].sort() });
    expect(await officers()).toEqual([]);
    expect(await logins()).toEqual([]);
    const fixed = await Account.relistOfficers({ write: true });
    expect(fixed.wrong.sort()).toEqual(['cu.nhansu@test.vn', 'rat.cu@test.vn']);
    expect(await officers()).toEqual([{ email: 'cu.nhansu@test.vn', personId: tree.people[3]!.id, unitId: tree.dept1.id }]);
    expect(await logins()).toEqual(['rat.cu@test.vn']);
    expect(await Account.relistOfficers({ write: false })).toEqual({ accounts: 7, wrong: [] });
    expect(await Account.relistOfficer('khong.co@test.vn')).toBe(false);
  });
});
