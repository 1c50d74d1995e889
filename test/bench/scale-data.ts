// The synthetic country of `npm run bench:scale`: one tree shape at every size, only the number
// of people per unit changes, so what grows between sizes is the staff and nothing else.
//
//   QG (national root, trung-uong)
//   └── 4 provinces, each with its own office staff
//       ├── 6 sở, each with 4 phòng and 2 provincial service units (hospital, school, centre)
//       └── 20 communes (every fifth a ward), each with 2 service units (school, health station)
//
// 413 units. Staff are shared out by weight (a provincial service unit 4, a commune's own
// office 2, any other unit 1), so 90,000 staff put ~140 in a phòng and ~570 in a hospital.
// Two courses and two targets (a national yearly one, whose completions lapse, and a
// provincial one for công chức over both courses); about 60% of the staff completed the
// first course and 30% the second, within the last 90 days. The first person of every unit
// has no progress at all: those are the learners whose completions the bench measures, the
// same units at every size. Counters as `rebuild` writes them, then spread over every shard.
import { Course, Org, Person, Progress, Readiness, Target, vnDay } from '@sansang/core';
import { keys, putMany, queryList } from '@sansang/core/testing';
import { seeded } from '@sansang/cli/testing';
import { bundle } from '../support/fixtures.ts';

export const PROVINCES = 4;
const AGENCIES = 6;
const DEPARTMENTS = 4;
const AGENCY_SERVICE_UNITS = 2;
const COMMUNES = 20;
const COMMUNE_SERVICE_UNITS = 2;
/** As many as SUBTREE_SHARDS in packages/core/src/db/keys.ts: a unit's subtree totals once deadline rushes have written every shard. */
const STEADY_SHARDS = 16;

export const courses: Course.Bundle[] = [bundle(), bundle({ slug: 'khoa-hai', title: 'Khoá hai', hash: 'h2' })];

export const targets: Target.Info[] = [
  {
    id: 'qg-attt',
    title: '100% CBCCVC hoàn thành An toàn thông tin (quốc gia)',
    programme: ['khoa-mau'],
    categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
    percent: 100,
    // Far from today, so no deadline reminder is due while the bench runs the daily job.
    deadline: '2030-12-31',
    validity: { months: 12 },
    renewalDays: 30,
  },
  {
    id: 'tinh-cc',
    title: '100% công chức cấp tỉnh hoàn thành hai khoá',
    programme: ['khoa-mau', 'khoa-hai'],
    categories: ['cong-chuc'],
    levels: ['tinh'],
    percent: 100,
    deadline: '2030-06-30',
  },
];

export type Country = {
  root: Org.Info;
  province: Org.Info;
  commune: Org.Info;
  units: Org.Info[];
  staff: number;
  completions: number;
  /** One untouched person in each of a fixed set of units (communes, their schools, phòng, sở), by unit code. */
  learners: Person.Info[];
};

/** Makes units whose id is their code in lower case, collecting them in `units`: the benches' synthetic trees. */
export function unitMaker(units: Org.Info[]) {
  return (code: string, name: string, kind: Org.Kind, parent: Org.Info | null, level?: Org.Level): Org.Info => {
    const unit = Org.make({ id: code.toLowerCase(), code, name, kind, ...(level ? { level } : {}) }, parent);
    units.push(unit);
    return unit;
  };
}

function tree(provinces = PROVINCES): Org.Info[] {
  const units: Org.Info[] = [];
  const add = unitMaker(units);
  const root = add('QG', 'Cả nước (thử nghiệm)', 'other', null, 'trung-uong');
  for (let p = 1; p <= provinces; p++) {
    const province = add(`T${p}`, `Tỉnh Thử Nghiệm ${p}`, 'province', root);
    for (let s = 1; s <= AGENCIES; s++) {
      const agency = add(`T${p}-S${s}`, `Sở số ${s} – tỉnh ${p}`, 'agency', province);
      for (let d = 1; d <= DEPARTMENTS; d++) add(`T${p}-S${s}-P${d}`, `Phòng ${d}`, 'department', agency);
      for (let u = 1; u <= AGENCY_SERVICE_UNITS; u++) add(`T${p}-S${s}-DV${u}`, `Trung tâm ${u}`, 'service-unit', agency);
    }
    for (let x = 1; x <= COMMUNES; x++) {
      const commune = add(`T${p}-X${x}`, `Xã số ${x} – tỉnh ${p}`, x % 5 === 0 ? 'ward' : 'commune', province);
      for (let u = 1; u <= COMMUNE_SERVICE_UNITS; u++) add(`T${p}-X${x}-DV${u}`, `Trường/Trạm ${u}`, 'service-unit', commune);
    }
  }
  return units;
}

const weightOf = (u: Org.Info) =>
  u.kind === 'other' ? 0 : u.kind === 'service-unit' && u.level === 'tinh' ? 4 : u.kind === 'commune' || u.kind === 'ward' ? 2 : 1;

/** The units whose first person completes a course under the meter: the same codes at every size. */
const LEARNER_UNITS = ['T1-X1', 'T2-X5', 'T3-X7-DV1', 'T4-X20-DV2', 'T1-S1-P1', 'T2-S3-P4', 'T3-S6', 'T4-S2-DV1'];

/** Source records are written in slices of this many items, so a country of millions never sits in memory whole. */
const WRITE_SLICE = 200_000;

export type BuildOptions = {
  /** False: no counters (no `rebuild`, no shards), for a bench that reads only source records; the rebuild grows faster than the staff. */
  counters?: boolean;
  /** Hears every person written, with their unit (a bench counts what a report must hold from it). */
  onPerson?: (person: Person.Info, unit: Org.Info) => void;
  /** Provinces of the same shape (PROVINCES when absent): more of them keep each unit's staff as it is while the country grows. */
  provinces?: number;
};

/** Writes the country with `staff` people into the configured table; `log` hears each phase. */
export async function buildCountry(staff: number, log: (line: string) => void, options: BuildOptions = {}): Promise<Country> {
  const r = seeded(20_000);
  const today = vnDay();
  const units = tree(options.provinces);
  const totalWeight = units.reduce((sum, u) => sum + weightOf(u), 0);
  for (const c of courses) await Course.publish(c);
  for (const t of targets) await Target.put(t);
  const items: Record<string, unknown>[] = units.map(Org.toItem);
  let written = 0;
  let writeMs = 0;
  const flush = async () => {
    const started = performance.now();
    await putMany(items);
    written += items.length;
    items.length = 0;
    writeMs += performance.now() - started;
  };
  const learners: Person.Info[] = [];
  let people = 0;
  let completions = 0;
  // Shared out by cumulative rounding, so the sizes are exactly what was asked for.
  let weightSoFar = 0;
  for (const unit of units) {
    const before = Math.round((staff * weightSoFar) / totalWeight);
    weightSoFar += weightOf(unit);
    const headcount = Math.round((staff * weightSoFar) / totalWeight) - before;
    for (let i = 0; i < headcount; i++) {
      const code = `${unit.code}-${String(i).padStart(4, '0')}`;
      const person: Person.Info = {
        id: `nv-${code.toLowerCase()}`,
        employeeCode: code,
        fullName: `Người ${code}`,
        email: null,
        unitId: unit.id,
        category: unit.kind === 'service-unit' ? 'vien-chuc' : i % 2 === 0 ? 'can-bo' : 'cong-chuc',
        position: 'Chuyên viên',
        status: i % 50 === 49 ? 'left' : 'active',
      };
      items.push(Person.toItem(person));
      options.onPerson?.(person, unit);
      people++;
      if (i === 0) {
        if (LEARNER_UNITS.includes(unit.code)) learners.push(person);
        continue;
      }
      const placement = { person, unit };
      const done = new Map<string, string>();
      for (const [course, share] of [
        [courses[0]!, 0.6],
        [courses[1]!, 0.3],
      ] as const) {
        if (!r.chance(share)) continue;
        const at = new Date(Date.parse(`${today}T12:00:00+07:00`) - r.int(1, 90) * 86_400_000).toISOString();
        items.push(Progress.item({ personId: person.id, course, lessonsDone: course.lessons.map((l) => l.id), bestScore: 100, quizPassed: true }));
        items.push(Readiness.asItem(Readiness.completion(placement, course, at)));
        done.set(course.slug, at);
        completions++;
      }
      for (const t of targets) {
        if (!t.programme.every((s) => done.has(s))) continue;
        const trainedAt = [...t.programme.map((s) => done.get(s)!)].sort().at(-1)!;
        const mark = Readiness.trained(placement, t, trainedAt);
        items.push(Readiness.asItem(mark), ...(mark.also ?? []));
      }
      if (items.length >= WRITE_SLICE) await flush();
    }
  }
  await flush();
  log(`wrote ${written} items in ${(writeMs / 1000).toFixed(0)} s`);
  if (options.counters !== false) {
    const started = performance.now();
    await Readiness.rebuild({ write: true, today });
    log(`rebuilt the counters in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await spreadShards(units);
  }
  const byCode = (code: string) => units.find((u) => u.code === code)!;
  return { root: units[0]!, province: byCode('T2'), commune: byCode('T2-X3'), units, staff: people, completions, learners };
}

/**
 * `rebuild` writes each unit's subtree totals into one shard; a live installation has had
 * completions land in every shard. Each counter is split over STEADY_SHARDS shards (same
 * sums, so the figures and a rebuild agree), so a readiness read pays what it will in production.
 */
async function spreadShards(units: Org.Info[]): Promise<void> {
  const shards: Record<string, unknown>[] = [];
  for (const unit of units) {
    const [first] = await queryList({ pk: keys.unitPartition(unit.id), skPrefix: keys.subtreePrefix });
    if (!first) continue;
    const counters = Object.entries(first).filter(([name, n]) => typeof n === 'number' && !['pk', 'sk', 'type', 'unitId'].includes(name)) as [string, number][];
    for (let s = 0; s < STEADY_SHARDS; s++) {
      const part = Object.fromEntries(counters.map(([name, n]) => [name, Math.trunc(n / STEADY_SHARDS) + (s === 0 ? n % STEADY_SHARDS : 0)]));
      shards.push({ ...keys.unitSubtreeShard(unit.id, s), type: 'counters', ...part });
    }
  }
  await putMany(shards);
}
