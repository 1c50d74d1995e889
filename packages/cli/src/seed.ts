import { Account, Credit, Exemption, Course, Org, Person, Readiness, Target, Tenant, unitIdFor, type VisibleError } from '@sansang/core';
import { isTableEmpty, putMany } from '@sansang/core/admin';
import { compileContent, format, type CompiledContent } from '@sansang/content';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateProvince, readProvince, DEMO_PASSWORD, type DemoAccount, type DemoProvince } from './demo/generate.ts';
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
  const { courses: written, courseDirs, targets: writtenTargets, targetUnits, courseUnits, diagnostics } = compiled ?? (await compileContent(contentDir));
  const outcome: PublishOutcome = { published: [], unchanged: [], rejected: [], errors: diagnostics.filter((d) => d.severity === 'error').map(format) };
  const units = await unitsNamed([...targetUnits.values(), ...courseUnits.values()]);
  const courses = owned({
    items: written,
    idOf: (c) => c.slug,
    named: courseUnits,
    units,
    errors: outcome.errors,
    withOwner: (c, unitId) => ({ ...c, unitId }),
    what: 'khoá học',
  });
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
  const owners = owned({
    items: writtenTargets,
    idOf: (t) => t.id,
    named: targetUnits,
    units,
    errors: outcome.errors,
    withOwner: (t, unitId) => ({ ...t, unitId }),
    what: 'chỉ tiêu',
  });
  const targets = openProgrammes(owners, courses, units, targetUnits, outcome.errors);
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

/** The units content files name (`unit: CODE`), by code in lower case, as the org tree has them. */
async function unitsNamed(named: { code: string }[]): Promise<Map<string, Org.Info>> {
  const found = await Org.getMap(named.map((u) => unitIdFor(u.code)));
  return new Map(
    named.flatMap((u) => {
      const unit = found.get(unitIdFor(u.code));
      return unit && unit.code.toLowerCase() === u.code.toLowerCase() ? [[u.code.toLowerCase(), unit] as const] : [];
    }),
  );
}

/**
 * Gives each course or target its owner named by unit code (`unit: CODE`); one whose unit is
 * not in the org tree is not published, and the error (pushed onto `errors`) names its file
 * and says `what` it is.
 */
function owned<T>({
  items,
  idOf,
  named,
  units,
  errors,
  withOwner,
  what,
}: {
  items: T[];
  idOf: (item: T) => string;
  /** The unit each item's file names, by item id. */
  named: Map<string, { code: string; file: string }>;
  /** The units named that are in the org tree, by code in lower case. */
  units: Map<string, Org.Info>;
  errors: string[];
  withOwner: (item: T, unitId: string) => T;
  what: string;
}): T[] {
  return items.flatMap((item) => {
    const name = named.get(idOf(item));
    if (!name) return [item];
    const unit = units.get(name.code.toLowerCase());
    if (unit) return [withOwner(item, unit.id)];
    errors.push(`${name.file}: unit: không có đơn vị mã "${name.code}" trong cây tổ chức; ${what} "${idOf(item)}" chưa được đăng.`);
    return [];
  });
}

/**
 * A target's programme may hold only courses open wherever the target applies: the
 * installation's, or those of its own unit or a unit above it. A target that names another
 * subtree's course (which its people could never open) is not published, and the error names its file.
 */
function openProgrammes(
  targets: Target.Info[],
  courses: Course.Bundle[],
  units: Map<string, Org.Info>,
  named: Map<string, { code: string; file: string }>,
  errors: string[],
): Target.Info[] {
  const ownerOf = new Map(courses.map((c) => [c.slug, c.unitId ?? null]));
  const byId = new Map([...units.values()].map((u) => [u.id, u]));
  return targets.filter((target) => {
    const at = target.unitId ? byId.get(target.unitId) : undefined;
    const closed = target.programme.filter((slug) => {
      const owner = ownerOf.get(slug) ?? null;
      return owner !== null && !(at && Course.openAt({ unitId: owner }, at));
    });
    if (closed.length === 0) return true;
    const file = named.get(target.id)?.file;
    errors.push(
      `${file ? `${file}: ` : ''}chỉ tiêu "${target.id}" gồm khoá ${closed.map((s) => `"${s}"`).join(', ')} của riêng một đơn vị mà người thuộc chỉ tiêu không mở được; chỉ tiêu chưa được đăng.`,
    );
    return false;
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
  // Approved by the province's HR officer.
  const hr = (accounts: DemoAccount[]) => accounts.find((a) => a.grants.some((g) => g.role === 'hr' && g.unitId === demo.units[0]!.id))!;
  return writeDemo(demo, empty, { label: 'Tạo dữ liệu mẫu', approver: hr, progress: options.progress });
}

/** The demo's admin of the whole installation (both demos have one). */
export const installationAdmin = (accounts: DemoAccount[]) => accounts.find((a) => a.grants.some((g) => g.role === 'admin' && g.unitId === null))!;

/**
 * Writes a generated demo (a province, the country) into an empty table — its units, people
 * and records, its accounts, its tenants' names and logos (set by the installation's admin),
 * the counters rebuilt — then its exemptions and certificates through the real path:
 * evidence-free, approved by `approver`, counters moved as HR's would be.
 * Not empty: nothing written, what it would have been said.
 */
export async function writeDemo(
  demo: DemoProvince,
  empty: boolean,
  how: {
    label: string;
    approver: (accounts: DemoAccount[]) => DemoAccount;
    progress?: Progress | undefined;
    /** Targets of the demo's own units, set once the units exist and before the counters are rebuilt. */
    targets?: Target.Info[];
  },
): Promise<{ seeded: boolean; accounts: DemoAccount[]; people: number; units: number }> {
  const summary = { accounts: demo.accounts, people: demo.people.length, units: demo.units.length };
  if (!empty) return { seeded: false, ...summary };
  const items = [...demo.units.map(Org.toItem), ...demo.people.map(Person.toItem), ...demo.records];
  const bar = how.progress?.(how.label, items.length);
  await putMany(items, (done) => bar?.update(done));
  bar?.stop();
  for (const account of demo.accounts)
    await Account.create({ email: account.email, personId: account.personId, grants: account.grants, password: DEMO_PASSWORD });
  const admin = { email: installationAdmin(demo.accounts).email };
  for (const { unitId, name, logo } of demo.tenants) {
    await Tenant.set({ unitId, name, actor: admin });
    await Tenant.setLogo({ unitId, bytes: logo, actor: admin });
  }
  for (const target of how.targets ?? []) await Target.put(target);
  await Readiness.rebuild({ write: true });
  const approver = { email: how.approver(demo.accounts).email };
  for (const input of demo.exemptions) await Exemption.create({ actor: approver, within: null, input });
  for (const { approved, ...input } of demo.credits)
    await Credit.submit({ actor: approved ? approver : { email: 'hocvien.mau' }, within: null, input, approve: approved });
  return { seeded: true, ...summary };
}
