import { Account, Credit, Exemption, Org, Person, Readiness } from '@sansang/core';
import { isTableEmpty, putMany } from '@sansang/core/admin';
import { DEMO_PASSWORD, type DemoAccount } from './demo/generate.ts';
import { generateNational, readNational } from './demo/national.ts';
import type { Progress } from './progress.ts';
import { publishContent } from './seed.ts';

/**
 * Writes the synthetic country (`npm start -- --demo national`) into an empty table; does
 * nothing to a table in use. `scale` below 1 makes a smaller one, for tests.
 */
export async function seedNational(options: {
  table: string;
  contentDir: string;
  progress?: Progress;
  scale?: number;
  now?: Date;
}): Promise<{ seeded: boolean; accounts: DemoAccount[]; people: number; units: number }> {
  const file = await readNational(options.contentDir);
  const empty = await isTableEmpty(options.table);
  const { courses, targets } = await publishContent(options.contentDir);
  const demo = generateNational(file, courses, targets, { scale: options.scale, now: options.now });
  const summary = { accounts: demo.accounts, people: demo.people.length, units: demo.units.length };
  if (!empty) return { seeded: false, ...summary };
  const items = [...demo.units.map(Org.toItem), ...demo.people.map(Person.toItem), ...demo.records];
  const bar = options.progress?.('Tạo dữ liệu mẫu toàn quốc', items.length);
  await putMany(items, (done) => bar?.update(done));
  bar?.stop();
  for (const account of demo.accounts)
    await Account.create({ email: account.email, personId: account.personId, grants: account.grants, password: DEMO_PASSWORD });
  await Readiness.rebuild({ write: true });
  // Through the real path, as the province demo does, approved in the national admin's name.
  const admin = { email: demo.accounts.find((a) => a.grants.some((g) => g.role === 'admin' && g.unitId === null))!.email };
  for (const input of demo.exemptions) await Exemption.create({ actor: admin, within: null, input });
  for (const { approved, ...input } of demo.credits)
    await Credit.submit({ actor: approved ? admin : { email: 'hocvien.mau' }, within: null, input, approve: approved });
  return { seeded: true, ...summary };
}
