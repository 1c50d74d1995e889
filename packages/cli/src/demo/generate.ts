import * as v from 'valibot';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { Account, Course, Credit, Exemption, Org, Person, Progress, Readiness, Target, personIdFor, unitIdFor, vnDay } from '@sansang/core';
import { seeded, type Random } from './random.ts';
import { tenantLogo } from './tenant-logo.ts';

const Named = v.object({ code: v.string(), name: v.string() });
export const ProvinceFile = v.object({
  province: v.object({ ...Named.entries, committee: v.string() }),
  agencies: v.array(v.object({ ...Named.entries, departments: v.array(v.string()), serviceUnits: v.optional(v.array(v.string()), []) })),
  communes: v.array(v.object({ ...Named.entries, kind: v.picklist(['commune', 'ward']) })),
  names: v.object({
    family: v.array(v.string()),
    middleMale: v.array(v.string()),
    middleFemale: v.array(v.string()),
    givenMale: v.array(v.string()),
    givenFemale: v.array(v.string()),
  }),
  communeUnits: v.object({
    leaders: v.array(v.string()),
    offices: v.array(
      v.object({
        code: v.string(),
        name: v.string(),
        wardName: v.optional(v.string()),
        head: v.string(),
        deputy: v.string(),
        named: v.optional(v.boolean(), false),
      }),
    ),
    staff: v.array(v.string()),
  }),
  positions: v.object({ 'cong-chuc': v.array(v.string()), 'vien-chuc': v.array(v.string()) }),
});
export type ProvinceFile = v.InferOutput<typeof ProvinceFile>;

export const DEMO_PASSWORD = 'sansang-demo';
export type DemoAccount = Account.Info & { label: string };

export type DemoProvince = {
  units: Org.Info[];
  people: Person.Info[];
  accounts: DemoAccount[];
  /** Source records (progress, completions, trained marks); counters come from `rebuild`. */
  records: Record<string, unknown>[];
  /** People on leave HR has exempted, recorded through `Exemption.create` once the rest is written. */
  exemptions: Exemption.Input[];
  /** Equivalent certificates people hold, recorded through `Credit.submit` (approved by HR, or waiting). */
  credits: (Credit.Input & { approved: boolean })[];
  /** The province (or ministry) as a tenant: the name and logo heading its people's pages and its reports. */
  tenants: { unitId: string; name: string; logo: Buffer }[];
};

export async function readProvince(path: string): Promise<ProvinceFile> {
  return v.parse(ProvinceFile, parse(await readFile(path, 'utf8')));
}

function personName(r: Random, names: ProvinceFile['names']): string {
  const male = r.chance(0.5);
  return [r.pick(names.family), r.pick(male ? names.middleMale : names.middleFemale), r.pick(male ? names.givenMale : names.givenFemale)].join(' ');
}

/**
 * Expands province.yaml into a whole synthetic province: the People's Committee, its
 * agencies with their departments and service units, the communes and wards with their
 * offices and public administration service centres, ~3,000 staff
 * and some progress, always the same for the same file and seed. No real person is in it.
 */
export function generateProvince(
  file: ProvinceFile,
  courses: Course.Bundle[],
  targets: Target.Info[],
  options: { seed?: number; now?: Date } = {},
): DemoProvince {
  const r = seeded(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const units: Org.Info[] = [];
  const add = (code: string, name: string, kind: Org.Kind, parent: Org.Info | null): Org.Info => {
    // Ids from codes, as imports make them: a roster or tree file naming a demo unit finds it.
    const unit = Org.make({ id: unitIdFor(code), code, name, kind }, parent);
    units.push(unit);
    return unit;
  };
  const root = add(file.province.code, file.province.committee, 'province', null);
  const office = add(`${file.province.code}-VP`, `Văn phòng ${file.province.committee}`, 'agency', root);

  const people: Person.Info[] = [];
  const hire = (unit: Org.Info, category: Person.Category, position: string) => {
    const n = people.length + 1;
    const employeeCode = `${file.province.code}${String(n).padStart(6, '0')}`;
    people.push({
      id: personIdFor(employeeCode),
      employeeCode,
      fullName: personName(r, file.names),
      email: null,
      unitId: unit.id,
      category,
      position,
      status: 'active',
    });
  };
  const staff = (unit: Org.Info, count: number, mix: Partial<Record<'cong-chuc' | 'vien-chuc', number>>) => {
    for (let i = 0; i < count; i++) {
      const roll = r.next();
      let acc = 0;
      const category = (Object.entries(mix).find(([, p]) => (acc += p!) > roll)?.[0] ?? 'cong-chuc') as 'cong-chuc' | 'vien-chuc';
      hire(unit, category, r.pick(file.positions[category]));
    }
  };
  staff(office, 25, { 'cong-chuc': 0.9, 'vien-chuc': 0.1 });
  for (const agency of file.agencies) {
    const a = add(agency.code, agency.name, 'agency', root);
    staff(a, 3, { 'cong-chuc': 1 });
    agency.departments.forEach((name, i) =>
      staff(add(`${agency.code}-P${i + 1}`, name, 'department', a), r.int(6, 14), { 'cong-chuc': 0.92, 'vien-chuc': 0.08 }),
    );
    agency.serviceUnits.forEach((name, i) =>
      staff(add(`${agency.code}-DV${i + 1}`, name, 'service-unit', a), r.int(15, 40), { 'vien-chuc': 0.95, 'cong-chuc': 0.05 }),
    );
  }
  // Two tiers since 1 July 2025: each commune and ward hangs from the province, with its
  // leaders in the commune unit and its civil servants in its offices and service centre.
  const { leaders, offices, staff: titles } = file.communeUnits;
  const centres: Org.Info[] = [];
  for (const commune of file.communes) {
    const c = add(commune.code, commune.name, commune.kind, root);
    const tier = commune.kind === 'ward' ? 'phường' : 'xã';
    for (const title of leaders.slice(0, r.int(leaders.length - 2, leaders.length))) hire(c, 'can-bo', `${title} ${tier}`);
    for (const o of offices) {
      const base = commune.kind === 'ward' ? (o.wardName ?? o.name) : o.name;
      // The centre is an organisation with its own seal, known by the commune's name ("… xã Tân An").
      const place = commune.name.split(' ').slice(1).join(' ');
      const unit = add(`${commune.code}-${o.code}`, o.named ? `${base} ${tier} ${place}` : base, 'department', c);
      if (o.named) centres.push(unit);
      const count = r.int(4, 9);
      for (let i = 0; i < count; i++) hire(unit, 'cong-chuc', i === 0 ? o.head : i === 1 ? o.deputy : r.pick(titles));
    }
  }

  // Demo accounts sit on real people of the tree; the learner has no progress, so a first
  // walk through a course starts from zero.
  const firstAgency = units.find((u) => u.kind === 'agency' && u.id !== office.id)!;
  const inUnit = (unitId: string, k: number) => people.filter((p) => p.unitId === unitId)[k]!;
  // The learner receives dossiers at a commune's public administration service centre.
  const accounts: DemoAccount[] = [
    // A ministry, generated the same way (national demo), has no commune for one.
    ...(centres[0] ? [{ label: 'học viên / learner', email: 'hocvien@demo.sansang.vn', personId: inUnit(centres[0].id, 2).id, grants: [] }] : []),
    {
      label: `cán bộ tổ chức ${firstAgency.name} / HR of one agency`,
      email: 'nhansu@demo.sansang.vn',
      personId: inUnit(firstAgency.id, 0).id,
      grants: [{ role: 'hr', unitId: firstAgency.id }],
    },
    {
      label: 'cán bộ tổ chức cấp tỉnh / HR of the province',
      email: 'nhansu.tinh@demo.sansang.vn',
      personId: inUnit(office.id, 0).id,
      grants: [{ role: 'hr', unitId: root.id }],
    },
    { label: 'giảng viên / trainer', email: 'giangvien@demo.sansang.vn', personId: inUnit(office.id, 1).id, grants: [{ role: 'trainer', unitId: null }] },
    { label: 'quản trị / admin', email: 'quantri@demo.sansang.vn', personId: inUnit(office.id, 2).id, grants: [{ role: 'admin', unitId: null }] },
  ];
  const untouched = new Set(accounts.map((a) => a.personId));
  for (const a of accounts) people.find((p) => p.id === a.personId)!.email = a.email;

  // About one in a hundred joined in the last two months, so their due dates run past the
  // deadline by the target's grace period; they have not started any course yet. Drawn from
  // a stream of their own, so the roster (names, units, categories) is as it was without them.
  const joiners = seeded((options.seed ?? 2026) + 1);
  for (const person of people) {
    if (untouched.has(person.id) || !joiners.chance(0.01)) continue;
    person.startDate = vnDay(new Date(now.getTime() - joiners.int(3, 60) * 86_400_000));
    untouched.add(person.id);
  }

  // About one in eighty is on leave HR has exempted, for every target: maternity leave, long
  // illness, secondment, study, retirement soon; a few began in the past weeks, a few start
  // next month. From a stream of their own, like the joiners.
  const leave = seeded((options.seed ?? 2026) + 2);
  const exemptions: Exemption.Input[] = [];
  const day = (days: number) => vnDay(new Date(now.getTime() + days * 86_400_000));
  for (const person of people) {
    if (untouched.has(person.id) || !leave.chance(1 / 80)) continue;
    const reason = leave.pick(['thai-san', 'thai-san', 'om-dai-ngay', 'biet-phai', 'di-hoc', 'sap-nghi-huu'] as const);
    const from = leave.chance(0.8) ? day(-leave.int(5, 90)) : day(leave.int(10, 40));
    const until = vnDay(new Date(Date.parse(`${from}T00:00:00Z`) + (reason === 'thai-san' ? 180 : leave.int(60, 200)) * 86_400_000));
    exemptions.push({ employeeCode: person.employeeCode, targetId: null, reason, from, until });
    untouched.add(person.id);
  }

  // About one in a hundred and fifty holds an equivalent certificate (a "Bình dân học vụ số"
  // course or an IU certificate from a testing centre) for a course a target counts; most
  // approved by HR, a few still waiting. They have no other progress, so the credit is what counts.
  const held = seeded((options.seed ?? 2026) + 3);
  const creditCourses = courses.filter((c) => targets.some((t) => t.programme.includes(c.slug)));
  const scan = Buffer.from('%PDF-1.4\n% Bản chụp chứng chỉ (dữ liệu mẫu)\n%%EOF\n').toString('base64');
  const credits: DemoProvince['credits'] = [];
  for (const person of people) {
    if (untouched.has(person.id) || creditCourses.length === 0 || !held.chance(1 / 150)) continue;
    const course = held.pick(creditCourses);
    const centre = held.chance(0.5);
    credits.push({
      employeeCode: person.employeeCode,
      issuer: centre ? 'Trung tâm Sát hạch công nghệ thông tin (dữ liệu mẫu)' : 'Nền tảng Bình dân học vụ số (dữ liệu mẫu)',
      number: `${centre ? 'SH' : 'BDHVS'}-${String(credits.length + 1).padStart(5, '0')}`,
      issuedOn: day(-held.int(30, 400)),
      courses: [course.slug],
      evidence: { fileName: 'chung-chi.pdf', data: scan },
      approved: held.chance(0.8),
    });
    untouched.add(person.id);
  }

  // Each unit gets its own pace, so dashboards show leaders, laggards and some at 100%.
  const pace = new Map(units.map((u) => [u.id, r.chance(0.1) ? 1 : r.next() * 0.8]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const records: Record<string, unknown>[] = [];
  // Progress only in the courses targets count, so dashboards have figures to show while
  // the rest of the catalogue stays fresh for whoever explores it (and seeding stays quick).
  const counted = new Set(targets.flatMap((t) => t.programme));
  const seededCourses = courses.filter((c) => counted.has(c.slug));
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000 - r.int(0, 86_399) * 1000).toISOString();
  // About one in sixteen finished a course whose completions lapse (a yearly target's) last
  // year: some of those are inside the renewal window now, some have lapsed, so the dashboard
  // shows "expiring soon" and "expired" too. Their own generator keeps everyone else's dates.
  const lastYear = seeded((options.seed ?? 2026) + 4);
  const lapsing = new Set(targets.filter((t) => t.validity).flatMap((t) => t.programme));
  const completedAt = (slug: string) =>
    lapsing.has(slug) && lastYear.chance(1 / 16) ? new Date(now.getTime() - lastYear.int(330, 400) * 86_400_000).toISOString() : daysAgo(r.int(0, 70));
  for (const person of people) {
    if (untouched.has(person.id)) continue;
    const unit = unitOf.get(person.unitId)!;
    const done = new Set<string>();
    let last = '';
    for (const course of seededCourses) {
      const p = pace.get(unit.id)!;
      const lessons = course.lessons.map((l) => l.id);
      if (r.chance(p)) {
        const at = completedAt(course.slug);
        records.push(Progress.item({ personId: person.id, course, lessonsDone: lessons, bestScore: 100, quizPassed: true }));
        records.push(Readiness.asItem(Readiness.completion({ person, unit }, course, at)));
        done.add(course.slug);
        last = at > last ? at : last;
      } else if (r.chance(0.3)) {
        records.push(
          Progress.item({ personId: person.id, course, lessonsDone: lessons.slice(0, r.int(1, lessons.length)), bestScore: null, quizPassed: false }),
        );
      }
    }
    // Marked, as the write path marks, only for the targets that apply where the person works.
    for (const target of Target.applyingAt(unit, targets)) {
      if (!target.programme.every((s) => done.has(s))) continue;
      // With the days its completion enters the renewal window and lapses, for the daily job.
      const mark = Readiness.trained({ person, unit }, target, last);
      records.push(Readiness.asItem(mark), ...(mark.also ?? []));
    }
  }
  const tenants = [{ unitId: root.id, name: root.name.toLocaleUpperCase('vi-VN'), logo: tenantLogo(root.code) }];
  return { units, people, accounts, records: [...records, ...pastSnapshots(units, people, records, now)], exemptions, credits, tenants };
}

/**
 * Weekly snapshots of the last weeks, as the daily job would have kept them, worked out from
 * the dates of the seeded completions: the dashboard's trend and its projection have a past
 * to read. The roster is taken as it is now.
 */
export function pastSnapshots(units: Org.Info[], people: Person.Info[], records: Record<string, unknown>[], now: Date, weeks = 10): Record<string, unknown>[] {
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const personOf = new Map(people.map((p) => [p.id, p]));
  const items: Record<string, unknown>[] = [];
  for (let k = weeks; k >= 1; k--) {
    const at = new Date(now.getTime() - k * 7 * 86_400_000);
    const own = new Map<string, Record<string, number>>();
    const add = (unitId: string, delta: Record<string, number>) => {
      const c = own.get(unitId) ?? {};
      for (const [name, n] of Object.entries(delta)) c[name] = (c[name] ?? 0) + n;
      own.set(unitId, c);
    };
    for (const p of people) add(p.unitId, Readiness.personCounts({ person: p, unit: unitOf.get(p.unitId)! }));
    for (const r of records) {
      const when = String(r.completedAt ?? r.trainedAt ?? '');
      if (!r.delta || !when || when > at.toISOString()) continue;
      const person = personOf.get(String(r.personId))!;
      add(person.unitId, r.delta as Record<string, number>);
    }
    items.push(...Readiness.snapshotItems(units, own, at));
  }
  return items;
}
