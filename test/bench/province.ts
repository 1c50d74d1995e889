// `npm run bench` (part): readiness and exports at province scale, in DynamoDB Local.
// Readiness from the maintained counters against a naive recompute that reads every
// person's records, as LMS dashboards commonly do; then a 100,000-row export, with rows per
// second and its peak memory at 10,000 and 100,000 rows (each in its own process).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Course, Org, Person, Readiness, Target } from '@sansang/core';
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

/** What a dashboard without counters does: every person of the subtree, every one's records. */
async function naiveReadiness(rootId: string, target: Target.Info): Promise<{ staff: number; trained: number }> {
  let staff = 0;
  let trained = 0;
  for await (const unit of Org.subtree(rootId)) {
    for await (const person of Person.ofUnit(unit.id)) {
      if (person.status !== 'active' || !Target.covers(target, Target.classOf(person, unit))) continue;
      staff++;
      const done = new Set((await queryList({ pk: keys.personPartition(person.id), skPrefix: keys.completionPrefix })).map((c) => String(c.slug)));
      if (target.programme.every((s) => done.has(s))) trained++;
    }
  }
  return { staff, trained };
}

const ddb = await startDynamoLocal({ maxHeapMb: 3072 });
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'province' });
  await ensureTable('province', table);
  const { courses } = await compileContent(contentDir);
  for (const c of courses) await Course.publish(c);
  const [buildMs, province] = await time(() => buildProvince(courses));
  console.log(
    `synthetic province: ${province.units.length} units, ${province.people} staff, ${province.records} progress records, ${courses.length} courses (built in ${(buildMs / 1000).toFixed(0)} s)`,
  );

  const target = targets[0]!;
  let ok = true;
  for (const [label, unit, naiveRuns] of [
    ['province root', province.root, 1],
    ['mid-level unit (a sở)', province.midLevel, 3],
  ] as const) {
    const ours: number[] = [];
    const naive: number[] = [];
    let figures = { staff: 0, trained: 0 };
    let check = { staff: 0, trained: 0 };
    for (let i = 0; i < 7; i++) {
      const [ms, r] = await time(() => Readiness.forUnit({ unitId: unit.id, targetId: target.id }));
      ours.push(ms);
      figures = r;
    }
    for (let i = 0; i < naiveRuns; i++) {
      const [ms, r] = await time(() => naiveReadiness(unit.id, target));
      naive.push(ms);
      check = r;
    }
    const agree = figures.staff === check.staff && figures.trained === check.trained;
    const ratio = median(naive) / median(ours);
    ok &&= agree && ratio >= 50;
    console.log(
      `readiness of the ${label}: counters ${median(ours).toFixed(1)} ms, naive recompute ${median(naive).toFixed(0)} ms (${check.staff} in scope, ${check.trained} trained; ${agree ? 'same figures' : `DIFFERENT: counters say ${figures.staff}/${figures.trained}`})`,
    );
    console.log(`readiness-${unit.id === province.root.id ? 'root' : 'mid'}: ratio=${ratio.toFixed(0)} (budget ≥ 50) ${ratio >= 50 && agree ? 'ok' : 'OVER'}`);
  }

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
