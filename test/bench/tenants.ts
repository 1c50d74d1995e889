// `npm run bench:tenants`: what the provinces' and ministries' own targets cost the rest of the
// country (issue 20, docs/scale.md "The hottest partitions"). One synthetic country of 34
// provinces and 5 ministries (each with 3 sở of 2 phòng and 4 communes; 4 people a unit) is
// built twice in DynamoDB Local, each in its own table:
//
//   one tenant:  2 national targets, and 2 targets of its own set by province T01;
//   all tenants: the same, and 2 targets of its own set by every other province and ministry (78).
//
// Every target runs over the same national course, which ~70% of the staff completed (source
// records as the seeds write them, then `rebuild`, which leaves each unit's subtree totals in
// one shard: every counter a shard can come to hold in a rush). Then learners of T01 complete
// the course through the write path, metered. Printed for each: the root's subtree shard, T01's
// and a commune's own counters (bytes, and WCU for one transactional update), requests and
// write units per completion; and what the root's shard would hold if every target's counters
// rose to it. Ratios all tenants / one tenant: the root's shard and a completion must not grow
// with other tenants' targets (≤ 1.10).
import { cpus } from 'node:os';
import { Course, Org, Person, Readiness, Target, personIdFor, vnDay } from '@sansang/core';
import { configureDb, ensureTable, keys, meterDynamo, putMany, queryList, type Usage } from '@sansang/core/testing';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { seeded } from '@sansang/cli/testing';
import { table } from '../../infra/spec.ts';
import { bundle } from '../support/fixtures.ts';
import { itemBytes } from './item-bytes.ts';
import { unitMaker } from './scale-data.ts';

const PROVINCES = 34;
const MINISTRIES = 5;
const AGENCIES = 3;
const DEPARTMENTS = 2;
const COMMUNES = 4;
const PER_UNIT = 4;
const LEARNERS = 8;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
/** One transactional update of an item of this size. */
const wcu = (bytes: number) => 2 * Math.max(1, Math.ceil(bytes / 1024));

const course = bundle();
const everyone = { programme: [course.slug], categories: ['can-bo', 'cong-chuc', 'vien-chuc'] as Person.Category[], percent: 100 };
const national: Target.Info[] = [
  { id: 'qg-100', title: '100% CBCCVC hoàn thành (quốc gia)', ...everyone, deadline: '2030-12-31', validity: { months: 12 }, renewalDays: 30 },
  { id: 'qg-cc', title: 'Công chức hoàn thành (quốc gia)', ...everyone, categories: ['cong-chuc'], percent: 90, deadline: '2030-06-30' },
];
const ownTargets = (tenant: Org.Info): Target.Info[] => [
  { id: `${tenant.id}-som`, title: `${tenant.name}: hoàn thành sớm`, ...everyone, deadline: '2029-10-31', unitId: tenant.id },
  { id: `${tenant.id}-cc`, title: `${tenant.name}: công chức`, ...everyone, categories: ['cong-chuc'], deadline: '2029-12-31', unitId: tenant.id },
];

function tree(): { units: Org.Info[]; tenants: Org.Info[] } {
  const units: Org.Info[] = [];
  const add = unitMaker(units);
  const root = add('QG', 'Cả nước (thử nghiệm)', 'other', null, 'trung-uong');
  const tenants: Org.Info[] = [];
  for (let t = 1; t <= PROVINCES + MINISTRIES; t++) {
    const ministry = t > PROVINCES;
    const code = ministry ? `B${String(t - PROVINCES).padStart(2, '0')}` : `T${String(t).padStart(2, '0')}`;
    const tenant = add(code, ministry ? `Bộ Thử Nghiệm ${t - PROVINCES}` : `Tỉnh Thử Nghiệm ${t}`, ministry ? 'ministry' : 'province', root);
    tenants.push(tenant);
    for (let s = 1; s <= AGENCIES; s++) {
      const agency = add(`${code}-S${s}`, `Sở/Cục ${s}`, 'agency', tenant);
      for (let d = 1; d <= DEPARTMENTS; d++) add(`${code}-S${s}-P${d}`, `Phòng ${d}`, 'department', agency);
    }
    if (!ministry) for (let x = 1; x <= COMMUNES; x++) add(`${code}-X${x}`, `Xã ${x}`, 'commune', tenant);
  }
  return { units, tenants };
}

type Figures = {
  label: string;
  targets: number;
  root: number;
  tenant: number;
  communeOwn: number;
  rootIfAllRose: number;
  completion: Usage;
  catalogue: { courses: number; bytes: number; firstRead: Usage; readsPerHundredLists: number };
};
/** Courses each tenant that sets targets adds to the national catalogue. */
const OWN_COURSES = 5;

async function measure(endpoint: string, label: string, setters: (tenants: Org.Info[]) => Org.Info[]): Promise<Figures> {
  const name = `tenants_${label.replace(/\W/g, '_')}`;
  configureDb({ endpoint, tableName: name });
  await ensureTable(name, table);
  const r = seeded(2026);
  const { units, tenants } = tree();
  const targets = [...national, ...setters(tenants).flatMap(ownTargets)];
  await Course.publish(course);
  for (const tenant of setters(tenants))
    for (let i = 1; i <= OWN_COURSES; i++)
      await Course.publish(
        bundle({ slug: `${tenant.id}-rieng-${i}`, title: `${tenant.name}: quy chế nội bộ số ${i}`, unitId: tenant.id, hash: `${tenant.id}-${i}` }),
      );
  for (const t of targets) await Target.put(t);
  const items: Record<string, unknown>[] = units.map(Org.toItem);
  const learners: Person.Info[] = [];
  const completedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  for (const unit of units) {
    if (unit.kind === 'other') continue;
    for (let i = 0; i < PER_UNIT; i++) {
      const code = `${unit.code}-${i}`;
      const person: Person.Info = {
        id: personIdFor(code),
        employeeCode: code,
        fullName: `Người ${code}`,
        email: null,
        unitId: unit.id,
        category: Person.categories[i % 3]!,
        position: 'Chuyên viên',
        status: 'active',
      };
      items.push(Person.toItem(person));
      // The first person of T01's units is left untouched: those complete under the meter.
      if (i === 0 && unit.ancestors.includes('t01') && learners.length < LEARNERS) {
        learners.push(person);
        continue;
      }
      if (!r.chance(0.7)) continue;
      items.push(Readiness.asItem(Readiness.completion({ person, unit }, { slug: course.slug, version: 1 }, completedAt)));
      for (const target of Target.applyingAt(unit, targets)) {
        const mark = Readiness.trained({ person, unit }, target, completedAt);
        items.push(Readiness.asItem(mark), ...(mark.also ?? []));
      }
    }
  }
  await putMany(items);
  await Readiness.rebuild({ write: true, today: vnDay() });

  const meter = meterDynamo();
  // The course list at 08:00: the first read of the catalogue, then a hundred learners' lists within the minute.
  meter.take();
  const entries = await queryList({ pk: keys.catalogue }); // what one list reads when nothing is kept
  const firstRead = meter.take();
  for (let i = 0; i < 100; i++) await Course.list();
  const readsPerHundredLists = meter.take().requests;
  const catalogue = { courses: entries.length, bytes: entries.reduce((n, item) => n + itemBytes(item), 0), firstRead, readsPerHundredLists };
  for (const person of learners) await Readiness.recordCompletion({ person, slug: course.slug, version: 1 });
  const used = meter.take();
  const completion = { requests: used.requests / learners.length, readUnits: used.readUnits / learners.length, writeUnits: used.writeUnits / learners.length };
  await Readiness.sweepRollups();

  const largest = async (pk: string, skPrefix: string) => Math.max(0, ...(await queryList({ pk, skPrefix })).map(itemBytes));
  const ownItems = (await Promise.all(units.map((u) => queryList({ pk: keys.unitPartition(u.id), skPrefix: keys.unitStats(u.id).sk })))).flat();
  // Had every target's counters risen to the root: the root's shard would hold every unit's own counters.
  const everything: Record<string, unknown> = { ...keys.unitSubtreeShard('qg', 0), type: 'counters' };
  for (const item of ownItems)
    for (const [k, v] of Object.entries(item))
      if (typeof v === 'number' && !['pk', 'sk', 'type', 'unitId'].includes(k)) everything[k] = ((everything[k] as number) ?? 0) + v;
  return {
    label,
    targets: targets.length,
    root: await largest(keys.unitPartition('qg'), keys.subtreePrefix),
    tenant: await largest(keys.unitPartition('t01'), keys.subtreePrefix),
    communeOwn: await largest(keys.unitPartition('t01-x1'), keys.unitStats('t01-x1').sk),
    rootIfAllRose: itemBytes(everything),
    completion,
    catalogue,
  };
}

const ddb = await startDynamoLocal({ maxHeapMb: 2048 });
try {
  console.log(`bench:tenants — ${PROVINCES} provinces and ${MINISTRIES} ministries, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores`);
  const one = await measure(ddb.endpoint, 'one tenant', (tenants) => tenants.slice(0, 1));
  const all = await measure(ddb.endpoint, 'all tenants', (tenants) => tenants);
  for (const f of [one, all]) {
    console.log(`\n${f.label}: ${f.targets} targets`);
    console.log(`  root's subtree shard:        ${kb(f.root)} (${wcu(f.root)} WCU an update in a transaction)`);
    console.log(`  T01's subtree shard:         ${kb(f.tenant)} (${wcu(f.tenant)} WCU)`);
    console.log(`  a commune's own counters:    ${kb(f.communeOwn)} (${wcu(f.communeOwn)} WCU)`);
    console.log(`  root's shard if every target's counters rose to it: ${kb(f.rootIfAllRose)} (${wcu(f.rootIfAllRose)} WCU)`);
    console.log(
      `  the catalogue: ${f.catalogue.courses} courses, ${kb(f.catalogue.bytes)}, ${f.catalogue.firstRead.readUnits.toFixed(1)} RRU a read; 100 course lists then read it ${f.catalogue.readsPerHundredLists} time(s)`,
    );
    console.log(
      `  a completion in T01 (course and marks): ${f.completion.requests.toFixed(1)} requests, ${f.completion.readUnits.toFixed(1)} RRU, ${f.completion.writeUnits.toFixed(1)} WRU`,
    );
  }
  console.log('');
  let ok = true;
  const line = (name: string, ratio: number, budget: number) => {
    const pass = Number.isFinite(ratio) && ratio <= budget;
    ok &&= pass;
    console.log(`${name}: ratio=${ratio.toFixed(2)} (all tenants / one tenant, budget ≤ ${budget.toFixed(2)}) ${pass ? 'ok' : 'OVER'}`);
  };
  line('tenants-root-shard-bytes', all.root / one.root, 1.1);
  line('tenants-province-shard-bytes', all.tenant / one.tenant, 1.1);
  line('tenants-commune-own-bytes', all.communeOwn / one.communeOwn, 1.1);
  line('tenants-completion-requests', all.completion.requests / one.completion.requests, 1.1);
  line('tenants-completion-wru', all.completion.writeUnits / one.completion.writeUnits, 1.1);
  line('tenants-catalogue-reads-per-100-lists', Math.max(1, all.catalogue.readsPerHundredLists) / Math.max(1, one.catalogue.readsPerHundredLists), 1.1);
  // Not budgeted: the list of targets, which a completion reads whole, grows with every tenant's targets (docs/scale.md).
  console.log(`(read units per completion: ratio ${(all.completion.readUnits / one.completion.readUnits).toFixed(2)}, from the list of targets read whole)`);
  console.log(
    `(without the stop at the owner the root's shard would be ${kb(all.rootIfAllRose)}: ${(all.rootIfAllRose / all.root).toFixed(1)} times what it holds, ${wcu(all.rootIfAllRose)} WCU an update instead of ${wcu(all.root)})`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await ddb.stop();
}
