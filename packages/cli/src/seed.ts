import { Account, Credit, Exemption, Course, Org, Person, Readiness, Target, unitIdFor, type VisibleError } from '@sansang/core';
import { isTableEmpty, putMany } from '@sansang/core/admin';
import { compileContent, format, type CompiledContent } from '@sansang/content';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateProvince, readProvince, DEMO_PASSWORD, type DemoAccount } from './demo/generate.ts';
import type { Progress } from './progress.ts';

export type PublishOutcome = { published: string[]; unchanged: string[]; rejected: string[]; errors: string[] };

/**
 * Compiles content/ and publishes every course (with its images and attachments) and
 * target that compiles cleanly; a course with errors is left at its published version.
 */
export async function publishContent(
  contentDir: string,
  compiled?: CompiledContent,
): Promise<PublishOutcome & { courses: Course.Bundle[]; targets: Target.Info[] }> {
  const { courses, courseDirs, targets: written, targetUnits, diagnostics } = compiled ?? (await compileContent(contentDir));
  const outcome: PublishOutcome = { published: [], unchanged: [], rejected: [], errors: diagnostics.filter((d) => d.severity === 'error').map(format) };
  for (const bundle of courses) {
    try {
      const result = await Course.publish(bundle);
      await Course.media.publish(bundle, (path) => readFile(join(courseDirs.get(bundle.slug)!, path)));
      outcome[result === 'published' ? 'published' : 'unchanged'].push(`${bundle.slug}@${bundle.version}`);
      // A version that changes what completing it means: earlier completions lapse on its date unless retaken.
      if (result === 'published' && bundle.requiresRetake && bundle.retakeBy)
        await Readiness.requireRetake({ slug: bundle.slug, version: bundle.version, by: bundle.retakeBy });
    } catch (err) {
      outcome.rejected.push(`${bundle.slug}@${bundle.version}: ${(err as VisibleError).message}`);
    }
  }
  const targets = await ownersOf(written, targetUnits, outcome.errors);
  const before = new Map((await Target.list()).map((t) => [t.id, t]));
  for (const target of targets) {
    await Target.put(target);
    const was = before.get(target.id);
    // A changed validity sets each mark's last valid day again (a new target's marks get theirs as they are made).
    const validity = was !== undefined && JSON.stringify([was.validity, was.renewalDays]) !== JSON.stringify([target.validity, target.renewalDays]);
    if (was?.programme.join() !== target.programme.join() || validity) await Readiness.retrain(target.id, { validity });
  }
  return { ...outcome, courses, targets };
}

/**
 * Resolves the unit a target file names (`unit: CODE`) against the org tree; a target whose
 * unit is unknown is not published, and the error names its file.
 */
async function ownersOf(targets: Target.Info[], units: Map<string, { code: string; file: string }>, errors: string[]): Promise<Target.Info[]> {
  const found = await Org.getMap([...units.values()].map((u) => unitIdFor(u.code)));
  return targets.flatMap((target) => {
    const named = units.get(target.id);
    if (!named) return [target];
    const unit = found.get(unitIdFor(named.code));
    if (unit && unit.code.toLowerCase() === named.code.toLowerCase()) return [{ ...target, unitId: unit.id }];
    errors.push(`${named.file}: unit: không có đơn vị mã "${named.code}" trong cây tổ chức; chỉ tiêu "${target.id}" chưa được đăng.`);
    return [];
  });
}

/** Writes the synthetic demo province into an empty table; does nothing to a table in use. */
export async function seedDemo(options: {
  table: string;
  contentDir: string;
  progress?: Progress;
}): Promise<{ seeded: boolean; accounts: DemoAccount[]; people: number; units: number }> {
  const file = await readProvince(join(options.contentDir, 'demo', 'province.yaml'));
  const empty = await isTableEmpty(options.table);
  const { courses, targets } = await publishContent(options.contentDir);
  const demo = generateProvince(file, courses, targets);
  if (!empty) return { seeded: false, accounts: demo.accounts, people: demo.people.length, units: demo.units.length };
  const items = [...demo.units.map(Org.toItem), ...demo.people.map(Person.toItem), ...demo.records];
  const bar = options.progress?.('Tạo dữ liệu mẫu', items.length);
  await putMany(items, (done) => bar?.update(done));
  bar?.stop();
  for (const account of demo.accounts)
    await Account.create({ email: account.email, personId: account.personId, grants: account.grants, password: DEMO_PASSWORD });
  await Readiness.rebuild({ write: true });
  // Through the real path: evidence-free, approved by the province's HR officer, counters moved as HR's would be.
  const hr = { email: demo.accounts.find((a) => a.grants.some((g) => g.role === 'hr' && g.unitId === demo.units[0]!.id))!.email };
  for (const input of demo.exemptions) await Exemption.create({ actor: hr, within: null, input });
  for (const { approved, ...input } of demo.credits)
    await Credit.submit({ actor: approved ? hr : { email: 'hocvien.mau' }, within: null, input, approve: approved });
  return { seeded: true, accounts: demo.accounts, people: demo.people.length, units: demo.units.length };
}
