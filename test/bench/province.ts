// `npm run bench` (part): readiness and exports at province scale, in DynamoDB Local.
// Readiness from the maintained counters against a naive recompute that reads every
// person's records, as LMS dashboards commonly do (both work out every figure: in scope,
// exempt, trained, expiring soon, expired); the daily job on the day 5% of the staff's
// completions lapse at once, per person against a day of 0.5%; then a 100,000-row export,
// with rows per second and its peak memory at 10,000 and 100,000 rows (each in its own process).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Course, Exemption, Org, Person, Readiness, Target, vnDay } from '@sansang/core';
import { configureDb, ensureTable, keys, queryList } from '@sansang/core/testing';
import { compileContent } from '@sansang/content';
import { table } from '../../infra/spec.ts';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { contentDir } from '@sansang/cli/testing';
import { buildProvince, targets } from './province-data.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
};

type Figures = { inScope: number; exempt: number; staff: number; trained: number; expiringSoon: number; expired: number };
const figuresText = (f: Figures) => `${f.inScope} in scope, ${f.exempt} exempt, ${f.trained} trained (${f.expiringSoon} expiring soon), ${f.expired} expired`;
const same = (a: Figures, b: Figures) => (Object.keys(a) as (keyof Figures)[]).every((k) => a[k] === b[k]);

/**
 * What a dashboard without counters does: every person of the subtree, every one's records
 * (completions, the mark with its last valid day, exemptions), the figures worked out on `today`.
 */
async function naiveReadiness(rootId: string, target: Target.Info, today: string): Promise<Figures> {
  const f: Figures = { inScope: 0, exempt: 0, staff: 0, trained: 0, expiringSoon: 0, expired: 0 };
  const records = (personId: string, skPrefix: string) => queryList({ pk: keys.personPartition(personId), skPrefix });
  for await (const unit of Org.subtree(rootId)) {
    for await (const person of Person.ofUnit(unit.id)) {
      if (person.status !== 'active' || !Target.covers(target, Target.classOf(person, unit))) continue;
      f.inScope++;
      const [completions, marks, exemptions] = await Promise.all([
        records(person.id, keys.completionPrefix),
        records(person.id, keys.trainedPrefix),
        records(person.id, keys.exemptionPrefix),
      ]);
      const exempt = (exemptions as unknown as Exemption.Info[]).some(
        (e) => (e.targetId === null || e.targetId === target.id) && Exemption.stateOn(e, today) === 'active',
      );
      if (exempt) {
        f.exempt++;
        continue;
      }
      const done = new Set(completions.map((c) => String(c.slug)));
      if (!target.programme.every((s) => done.has(s))) continue;
      const mark = marks.find((m) => m.targetId === target.id) as { validUntil?: string } | undefined;
      const phase = Target.phaseOn(target, mark?.validUntil, today);
      if (phase === 'lapsed') f.expired++;
      else f.trained++;
      if (phase === 'soon') f.expiringSoon++;
    }
  }
  return { ...f, staff: f.inScope - f.exempt };
}
const countersOf = async (unitId: string, targetId: string): Promise<Figures> => {
  const r = await Readiness.forUnit({ unitId, targetId });
  return { inScope: r.inScope, exempt: r.exempt, staff: r.staff, trained: r.trained, expiringSoon: r.expiringSoon, expired: r.expired };
};

const ddb = await startDynamoLocal({ maxHeapMb: 8192 });
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'province' });
  await ensureTable('province', table);
  const { courses } = await compileContent(contentDir);
  for (const c of courses) await Course.publish(c);
  const [buildMs, province] = await time(() => buildProvince(courses));
  console.log(
    `synthetic province: ${province.units.length} units, ${province.people} staff, ${province.records} progress records, ${courses.length} courses (built in ${(buildMs / 1000).toFixed(0)} s)`,
  );
  const today = vnDay();
  // The due marks of days already past (completions that entered their renewal window), as the daily job would have worked them.
  await Readiness.runLapses(today);
  // One person in eighty on leave, exempted from every target through the real path.
  const hr = { email: 'nhansu@bench.vn' };
  const [exemptMs, exempted] = await time(async () => {
    let n = 0;
    for (const [i, id] of province.peopleIds.entries()) {
      if (i % 80 !== 7) continue;
      const person = await Person.get(id);
      if (person.status !== 'active') continue;
      await Exemption.create({
        actor: hr,
        within: null,
        input: { employeeCode: person.employeeCode, targetId: null, reason: 'thai-san', from: today, until: '2027-06-30' },
        today,
      });
      n++;
    }
    return n;
  });
  console.log(`exemptions: ${exempted} recorded through Exemption.create in ${(exemptMs / 1000).toFixed(0)} s`);

  const target = targets[0]!;
  let ok = true;
  for (const [label, unit, naiveRuns] of [
    ['province root', province.root, 1],
    ['mid-level unit (a sở)', province.midLevel, 3],
  ] as const) {
    const ours: number[] = [];
    const naive: number[] = [];
    let figures: Figures | null = null;
    let check: Figures | null = null;
    for (let i = 0; i < 7; i++) {
      const [ms, r] = await time(() => countersOf(unit.id, target.id));
      ours.push(ms);
      figures = r;
    }
    for (let i = 0; i < naiveRuns; i++) {
      const [ms, r] = await time(() => naiveReadiness(unit.id, target, today));
      naive.push(ms);
      check = r;
    }
    const agree = same(figures!, check!);
    const ratio = median(naive) / median(ours);
    ok &&= agree && ratio >= 50;
    console.log(
      `readiness of the ${label}: counters ${median(ours).toFixed(1)} ms, naive recompute ${median(naive).toFixed(0)} ms (${figuresText(check!)}; ${agree ? 'same figures' : `DIFFERENT: counters say ${figuresText(figures!)}`})`,
    );
    console.log(`readiness-${unit.id === province.root.id ? 'root' : 'mid'}: ratio=${ratio.toFixed(0)} (budget ≥ 50) ${ratio >= 50 && agree ? 'ok' : 'OVER'}`);
  }

  // The daily job on the day 5% of the staff's completions lapse, against a day of 0.5%: the
  // same work per person (O(what is due)), and afterwards the counters still agree with a recompute.
  const [bigMs, big] = await time(() => Readiness.runLapses(province.lapses.big.day));
  const [smallMs, small] = await time(() => Readiness.runLapses(province.lapses.small.day));
  const perPerson = bigMs / big.people / (smallMs / small.people);
  const processedAll = big.people === province.lapses.big.people && small.people === province.lapses.small.people;
  const after = {
    counters: await countersOf(province.midLevel.id, target.id),
    naive: await naiveReadiness(province.midLevel.id, target, province.lapses.small.day),
  };
  const agreeAfter = same(after.counters, after.naive);
  ok &&= processedAll && agreeAfter && perPerson <= 1.5;
  console.log(
    `daily job: ${big.people} people's completions lapsing on ${province.lapses.big.day} (${((100 * big.people) / province.people).toFixed(1)}% of the staff) in ${(bigMs / 1000).toFixed(1)} s (${(bigMs / big.people).toFixed(1)} ms each); ${small.people} on ${province.lapses.small.day} in ${(smallMs / 1000).toFixed(1)} s (${(smallMs / small.people).toFixed(1)} ms each); ${processedAll ? 'every one' : 'NOT every one'}; the sở afterwards: ${agreeAfter ? 'same figures' : 'DIFFERENT figures'} (${figuresText(after.counters)})`,
  );
  console.log(
    `daily-lapse-per-person: ratio=${perPerson.toFixed(2)} (5% day / 0.5% day, budget ≤ 1.50) ${perPerson <= 1.5 && processedAll && agreeAfter ? 'ok' : 'OVER'}`,
  );

  const child = (format: string, rows: number) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', resolve(here, 'export-child.ts'), format, String(rows), province.root.id], {
        env: { ...process.env, DYNAMODB_ENDPOINT: ddb.endpoint, TABLE_NAME: 'province', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { rows: number; ms: number; maxRssMb: number; heapPeakMb: number };
  for (const format of ['csv', 'xlsx']) {
    const small = child(format, 10_000);
    const large = child(format, 100_000);
    const growth = large.maxRssMb / small.maxRssMb;
    ok &&= large.rows === 100_000 && growth <= 1.5;
    console.log(
      `${format} export: ${large.rows} rows at ${Math.round(large.rows / (large.ms / 1000))} rows/s; peak memory ${small.maxRssMb.toFixed(0)} MB (heap ${small.heapPeakMb.toFixed(0)} MB) at 10,000 rows, ${large.maxRssMb.toFixed(0)} MB (heap ${large.heapPeakMb.toFixed(0)} MB) at 100,000`,
    );
    console.log(`export-${format}-memory: ratio=${growth.toFixed(2)} (100k rows / 10k rows, budget ≤ 1.50) ${growth <= 1.5 ? 'ok' : 'OVER'}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  await ddb.stop();
}
