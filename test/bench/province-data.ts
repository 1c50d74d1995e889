// A synthetic province at real scale for the readiness and export benchmarks: 1 People's
// Committee, 40 agencies with 12 departments and 6 service units each, 125 communes with
// 5 service units each (1,511 units). Staff as such units have them: a sở's own office 5, a
// department 8–16, a provincial service unit (hospital, school, centre) 40–120, a commune's
// own cán bộ and công chức 20–30, a commune school or health station 8–20 — about 38,000
// people. The courses of content/ and three targets; progress seeded so every run builds
// the same province. The security target is yearly (a completion counts 12 months): 5% of
// the staff completed it on one day a year ago and 0.5% on the next, so their completions
// lapse on two days close ahead — the daily job's worst day, and a small one to compare.
import { Org, Person, Progress, Readiness, Requirement, Target, vnDay, type Course } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { seeded } from '@sansang/cli/testing';

export const targets: Target.Info[] = [
  {
    id: 'atttt-2026',
    title: '100% CBCCVC hoàn thành An toàn thông tin',
    programme: ['an-toan-thong-tin'],
    categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
    percent: 100,
    deadline: '2026-12-31',
    validity: { months: 12 },
    renewalDays: 30,
  },
  {
    id: 'tinh-vpdt',
    title: '100% công chức cấp tỉnh dùng văn phòng điện tử',
    programme: ['van-phong-dien-tu', 'chu-ky-so'],
    categories: ['cong-chuc'],
    levels: ['tinh'],
    percent: 100,
    deadline: '2027-06-30',
  },
  {
    id: 'xa-dvc',
    title: '90% cán bộ, công chức cấp xã thành thạo dịch vụ công',
    programme: ['dich-vu-cong-truc-tuyen'],
    categories: ['can-bo', 'cong-chuc'],
    levels: ['xa'],
    percent: 90,
    deadline: '2027-03-31',
  },
];

/** The two days completions lapse in numbers: `big` for 5% of the staff, `small` for 0.5%. */
export type LapseDays = { big: { day: string; people: number }; small: { day: string; people: number } };
export type Province = { root: Org.Info; midLevel: Org.Info; units: Org.Info[]; people: number; records: number; lapses: LapseDays; peopleIds: string[] };

export async function buildProvince(courses: Course.Bundle[], onProgress?: (done: number, total: number) => void): Promise<Province> {
  const r = seeded(30_000);
  // Their own generator: whoever is in the two lapsing groups, without moving anyone else's progress.
  const cohort = seeded(30_001);
  const today = vnDay();
  const yearly = targets[0]!;
  const security = yearly.programme[0]!;
  // A completion a year ago at noon in Vietnam; it lapses the day after its last valid day.
  const yearAgo = (days: number) => Requirement.addDays(today, -days);
  const lapseDay = (completed: string) => Requirement.addDays(Target.validUntil(yearly, completed)!, 1);
  const lapses: LapseDays = { big: { day: lapseDay(yearAgo(352)), people: 0 }, small: { day: lapseDay(yearAgo(351)), people: 0 } };
  const peopleIds: string[] = [];
  // Progress only in the courses the targets count, as the demo seeds it: what readiness and
  // the exports read is the same, and the table stays small enough to build in minutes.
  const counted = courses.filter((c) => targets.some((t) => t.programme.includes(c.slug)));
  const units: Org.Info[] = [];
  const add = (code: string, name: string, kind: Org.Kind, parent: Org.Info | null) => {
    const unit = Org.make({ id: code.toLowerCase(), code, name, kind }, parent);
    units.push(unit);
    return unit;
  };
  const root = add('T', 'UBND tỉnh Thử Nghiệm', 'province', null);
  for (let a = 1; a <= 40; a++) {
    const agency = add(`S${a}`, `Sở số ${a}`, 'agency', root);
    for (let d = 1; d <= 12; d++) add(`S${a}-P${d}`, `Phòng ${d} – Sở số ${a}`, 'department', agency);
    for (let s = 1; s <= 6; s++) add(`S${a}-DV${s}`, `Trung tâm ${s} – Sở số ${a}`, 'service-unit', agency);
  }
  for (let x = 1; x <= 125; x++) {
    const commune = add(`X${x}`, `Xã số ${x}`, x % 5 === 0 ? 'ward' : 'commune', root);
    for (let s = 1; s <= 5; s++) add(`X${x}-DV${s}`, `Trường/Trạm ${s} – Xã số ${x}`, 'service-unit', commune);
  }
  const items: Record<string, unknown>[] = units.map(Org.toItem);
  let people = 0;
  let records = 0;
  const categories: Person.Category[] = ['can-bo', 'cong-chuc', 'vien-chuc'];
  const headcount = (u: Org.Info) =>
    u.kind === 'department'
      ? r.int(8, 16)
      : u.kind === 'service-unit'
        ? u.level === 'xa'
          ? r.int(8, 20)
          : r.int(40, 120)
        : u.kind === 'commune' || u.kind === 'ward'
          ? r.int(20, 30)
          : 5;
  for (const unit of units) {
    const pace = r.next();
    const staff = headcount(unit);
    for (let i = 0; i < staff; i++) {
      const code = `${unit.code}-${String(i).padStart(3, '0')}`;
      const person: Person.Info = {
        id: `nv-${code.toLowerCase()}`,
        employeeCode: code,
        fullName: `Người ${code}`,
        email: null,
        unitId: unit.id,
        category: unit.kind === 'service-unit' ? 'vien-chuc' : r.pick(categories),
        position: 'Chuyên viên',
        status: r.chance(0.03) ? 'left' : 'active',
      };
      items.push(Person.toItem(person));
      people++;
      peopleIds.push(person.id);
      const done = new Set<string>();
      const last = new Map<string, string>();
      const group = person.status !== 'active' ? null : cohort.chance(0.05) ? 'big' : cohort.chance(0.005 / 0.95) ? 'small' : null;
      if (group) lapses[group].people++;
      for (const course of counted) {
        const lapsing = group !== null && course.slug === security;
        if (!r.chance(pace * 0.6) && !lapsing) continue;
        // Within the last 90 days, so nobody else's completion lapses while the benchmark runs.
        const at = lapsing
          ? new Date(`${yearAgo(group === 'big' ? 352 : 351)}T12:00:00+07:00`).toISOString()
          : new Date(Date.parse(`${today}T12:00:00+07:00`) - r.int(1, 90) * 86_400_000).toISOString();
        last.set(course.slug, at);
        items.push(Progress.item({ personId: person.id, course, lessonsDone: course.lessons.map((l) => l.id), bestScore: 90, quizPassed: true }));
        items.push(Readiness.asItem(Readiness.completion({ person, unit }, course, at)));
        done.add(course.slug);
        records += 2;
      }
      for (const t of targets) {
        if (t.programme.every((s) => done.has(s))) {
          const trainedAt = t.programme
            .map((s) => last.get(s)!)
            .sort()
            .at(-1)!;
          // With its lapse due marks, as the write path makes them.
          const mark = Readiness.trained({ person, unit }, t, trainedAt);
          items.push(Readiness.asItem(mark), ...(mark.also ?? []));
          records++;
        }
      }
    }
  }
  for (const t of targets) await Target.put(t);
  await putMany(items, (done) => onProgress?.(done, items.length));
  await Readiness.rebuild({ write: true, today });
  return { root, midLevel: units.find((u) => u.code === 'S7')!, units, people, records, lapses, peopleIds };
}
