// `npm run bench:scale [-- --sizes 2000,6000,18000]`: how cost grows with the staff (issue 20).
// The same synthetic country (test/bench/scale-data.ts: one tree shape, more people per unit)
// at three sizes in DynamoDB Local, each in its own table; for each, what DynamoDB serves for
// the readiness of the root, a province and a commune, a sign-in, a learner's completion of a
// course (its lessons, quiz start and the submission that completes it), the daily job on a day
// with nothing due, and the peak memory of the whole country's completion export (CSV and XLSX,
// each in a process of its own). Requests, items and write units must stay flat in staff
// (largest size / smallest ≤ 1.10; read units, which follow bytes, ≤ 1.25) and the export's
// memory flat in rows (≤ 1.50); what a read costs grows with the children it reads, fitted and
// printed. docs/scale.md extrapolates to a national installation.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app } from '@sansang/api';
import { daily } from '@sansang/api/jobs';
import { Attempt, Org, Progress, Readiness, vnDay } from '@sansang/core';
import { configureDb, db, ensureTable, keys, meterDynamo, queryList, type Usage } from '@sansang/core/testing';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { table } from '../../infra/spec.ts';
import { account } from '../support/fixtures.ts';
import { rightAnswers } from '../support/quiz-answers.ts';
import { itemBytes } from './item-bytes.ts';
import { buildCountry, targets, type Country } from './scale-data.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,30000,90000' } } });
const sizes = values
  .sizes!.split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1000))
  throw new Error('--sizes takes two or more staff counts of at least 1000, e.g. 2000,6000,18000');
process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
const here = fileURLToPath(new URL('.', import.meta.url));
const int = (n: number) => Math.round(n).toLocaleString('en-US');

type Cost = Usage & { items: number };
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;
const ZERO: Cost = { requests: 0, readUnits: 0, writeUnits: 0, items: 0 };
const plus = (a: Cost, b: Cost): Cost => ({
  requests: a.requests + b.requests,
  readUnits: a.readUnits + b.readUnits,
  writeUnits: a.writeUnits + b.writeUnits,
  items: a.items + b.items,
});

/** Items DynamoDB read for the app's reads (Query: scanned; BatchGet, TransactGet: returned; GetItem: found), beside meterDynamo's requests and units. */
function meterItems(): { take: () => number } {
  let items = 0;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (WRITES.test(context.commandName ?? '')) return out;
      const o = out.output as { Item?: unknown; Items?: unknown[]; ScannedCount?: number; Responses?: Record<string, unknown[]> | { Item?: unknown }[] };
      if (o.ScannedCount !== undefined) items += o.ScannedCount;
      else if (o.Items) items += o.Items.length;
      else if (o.Item) items++;
      else if (Array.isArray(o.Responses)) items += o.Responses.filter((r) => r.Item).length;
      else if (o.Responses) items += Object.values(o.Responses).reduce((n, list) => n + list.length, 0);
      return out;
    },
    { step: 'initialize', name: 'scaleItems' },
  );
  return {
    take: () => {
      const n = items;
      items = 0;
      return n;
    },
  };
}

const largest = async (query: Parameters<typeof queryList>[0]) => Math.max(0, ...(await queryList(query)).map(itemBytes));

type Exported = { rows: number; ms: number; maxRssMb: number; heapPeakMb: number };
type Figures = {
  staff: number;
  completions: number;
  buildS: number;
  reads: { label: string; children: number; cost: Cost; ms: number }[];
  signIn: Cost;
  lessons: Cost;
  quizStart: Cost;
  submit: Cost;
  learners: number;
  pending: number;
  daily: Cost & { units: number };
  /** Bytes of the items the deadline rush writes to shared partitions (docs/scale.md). */
  hot: Record<string, number>;
  exports: Record<'csv' | 'xlsx', Exported>;
};

async function measure(endpoint: string, staff: number): Promise<Figures> {
  const name = `scale_${staff}`;
  configureDb({ endpoint, tableName: name });
  await ensureTable(name, table);
  const log = (line: string) => console.error(`  [${int(staff)}] ${line}`);
  const started = performance.now();
  const country: Country = await buildCountry(staff, log);
  const buildS = (performance.now() - started) / 1000;
  const units = meterDynamo();
  const items = meterItems();
  const take = (): Cost => ({ ...units.take(), items: items.take() });

  // The daily job at 10:00 in Vietnam on a day with nothing due: its floor, paid every day.
  take();
  const job = await daily(new Date(`${vnDay()}T03:00:00Z`));
  const dailyCost = { ...take(), units: job.units };

  const reads: Figures['reads'] = [];
  for (const [label, unit] of [
    ['root', country.root],
    ['province', country.province],
    ['commune', country.commune],
  ] as const) {
    const children = (await Org.children(unit.id)).length;
    await Readiness.forUnit({ unitId: unit.id, targetId: targets[0]!.id });
    take();
    const t = performance.now();
    await Readiness.forUnit({ unitId: unit.id, targetId: targets[0]!.id });
    reads.push({ label, children, ms: performance.now() - t, cost: take() });
  }

  const learner = country.learners[0]!;
  await account('hocvien@scale.vn', learner.id);
  take();
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'x-requested-with': 'sansang', 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'hocvien@scale.vn', password: 'mat-khau-dung' }),
  });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const signIn = take();

  // Each learner completes the national target's course as the API has them do it.
  let lessons = ZERO;
  let quizStart = ZERO;
  let submit = ZERO;
  const slug = targets[0]!.programme[0]!;
  for (const person of country.learners) {
    take();
    const { bundle } = await Progress.courseFor(person.id, slug);
    for (const lesson of bundle.lessons) await Progress.markLessonDone({ personId: person.id, slug, lessonId: lesson.id });
    lessons = plus(lessons, take());
    const attempt = await Attempt.start({ personId: person.id, slug });
    quizStart = plus(quizStart, take());
    const graded = await Attempt.submit({ personId: person.id, slug, n: attempt.n, answers: rightAnswers(bundle.quiz!) });
    submit = plus(submit, take());
    if (!graded.progress.completed) throw new Error(`${person.id} did not complete ${slug}`);
  }
  const pending = await Readiness.sweepRollups();
  const hot = {
    'root subtree shard': await largest({ pk: keys.unitPartition(country.root.id), skPrefix: keys.subtreePrefix }),
    'province subtree shard': await largest({ pk: keys.unitPartition(country.province.id), skPrefix: keys.subtreePrefix }),
    'completion record': await largest({ pk: keys.personPartition(learner.id), skPrefix: keys.completionPrefix }),
    'trained mark': await largest({ pk: keys.personPartition(learner.id), skPrefix: keys.trainedPrefix }),
    'graded attempt': await largest({ pk: keys.personPartition(learner.id), skPrefix: `ATTEMPT#${slug}#` }),
    'audit entry (sign-in)': Math.max(0, ...(await Promise.all(keys.auditDay(new Date()).map((pk) => largest({ pk }))))),
  };

  const exported = (format: 'csv' | 'xlsx'): Exported =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', resolve(here, 'export-child.ts'), format, String(Number.MAX_SAFE_INTEGER), country.root.id], {
        env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: name, AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      }),
    );
  const exports = { csv: exported('csv'), xlsx: exported('xlsx') };
  const n = country.learners.length;
  const per = (c: Cost): Cost => ({ requests: c.requests / n, readUnits: c.readUnits / n, writeUnits: c.writeUnits / n, items: c.items / n });
  return {
    staff: country.staff,
    completions: country.completions,
    buildS,
    reads,
    signIn,
    lessons: per(lessons),
    quizStart: per(quizStart),
    submit: per(submit),
    learners: n,
    pending,
    daily: dailyCost,
    hot,
    exports,
  };
}

/** Lessons, quiz start and the completing submission: one learner's whole course. */
const wholeCompletion = (f: Figures) => [f.lessons, f.quizStart, f.submit].reduce(plus);

const costText = (c: Cost) =>
  `${c.requests.toFixed(1).replace(/\.0$/, '')} requests, ${c.items.toFixed(1).replace(/\.0$/, '')} items read, ${c.readUnits.toFixed(1)} RRU, ${c.writeUnits.toFixed(1)} WRU`;

function report(f: Figures) {
  console.log(`\n${int(f.staff)} staff (${int(f.completions)} completions seeded; built in ${f.buildS.toFixed(0)} s)`);
  for (const r of f.reads) console.log(`  readiness of the ${r.label} (${r.children} children): ${costText(r.cost)} (${r.ms.toFixed(0)} ms)`);
  console.log(`  sign-in: ${costText(f.signIn)}`);
  console.log(`  a completion, mean of ${f.learners} learners: ${costText(wholeCompletion(f))}; of which the completing submission ${costText(f.submit)}`);
  console.log(`    (lessons ${costText(f.lessons)}; quiz start ${costText(f.quizStart)}; roll-ups left pending: ${f.pending})`);
  console.log(`  daily job, nothing due, ${f.daily.units} units snapshotted: ${costText(f.daily)}`);
  console.log(
    `  item sizes: ${Object.entries(f.hot)
      .map(([name, bytes]) => `${name} ${int(bytes)} B`)
      .join(', ')}`,
  );
  for (const [format, e] of Object.entries(f.exports))
    console.log(
      `  ${format} export of the whole country: ${int(e.rows)} rows at ${int(e.rows / (e.ms / 1000))} rows/s, peak RSS ${e.maxRssMb.toFixed(0)} MB, heap ${e.heapPeakMb.toFixed(0)} MB`,
    );
}

const ddb = await startDynamoLocal({ maxHeapMb: 6144 });
try {
  console.log(`bench:scale — sizes ${sizes.map(int).join(', ')} staff, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores`);
  const all: Figures[] = [];
  for (const staff of sizes) {
    const f = await measure(ddb.endpoint, staff);
    report(f);
    all.push(f);
  }
  const [small, large] = [all[0]!, all.at(-1)!];
  const between = `${int(large.staff)} / ${int(small.staff)} staff`;
  let ok = true;
  const line = (name: string, ratio: number, budget: number, what = between) => {
    const pass = Number.isFinite(ratio) && ratio <= budget;
    ok &&= pass;
    console.log(`${name}: ratio=${ratio.toFixed(2)} (${what}, budget ≤ ${budget.toFixed(2)}) ${pass ? 'ok' : 'OVER'}`);
  };
  const flat = (name: string, pick: (f: Figures) => Cost) => {
    const [a, b] = [pick(small), pick(large)];
    line(`${name}-requests`, b.requests / a.requests, 1.1);
    if (a.items > 0) line(`${name}-items`, b.items / a.items, 1.1);
    // Read units follow bytes read, and a counter's bytes grow with its digits (the log of the staff): a looser budget.
    if (a.readUnits > 0) line(`${name}-rru`, b.readUnits / a.readUnits, 1.25);
    if (a.writeUnits > 0) line(`${name}-wru`, b.writeUnits / a.writeUnits, 1.1);
  };
  console.log('');
  // What a read costs per child read, fitted on the root and the province, checked on the commune.
  const [root, province, commune] = large.reads as [Figures['reads'][0], Figures['reads'][0], Figures['reads'][0]];
  const slope = (province.cost.requests - root.cost.requests) / (province.children - root.children);
  const base = root.cost.requests - slope * root.children;
  console.log(
    `readiness requests = ${base.toFixed(1)} + ${slope.toFixed(2)} × children (fitted on the root and a province; the commune's ${commune.children} children predict ${(base + slope * commune.children).toFixed(1)}, measured ${commune.cost.requests})`,
  );
  for (const i of [0, 1, 2]) flat(`scale-readiness-${small.reads[i]!.label}`, (f) => f.reads[i]!.cost);
  flat('scale-sign-in', (f) => f.signIn);
  flat('scale-completion-submit', (f) => f.submit);
  flat('scale-completion-whole', wholeCompletion);
  flat('scale-daily-job', (f) => f.daily);
  for (const format of ['csv', 'xlsx'] as const) {
    const [a, b] = [small.exports[format], large.exports[format]];
    line(`scale-export-${format}-memory`, b.maxRssMb / a.maxRssMb, 1.5, `peak RSS, ${int(b.rows)} rows / ${int(a.rows)}`);
  }
  process.exitCode = ok && all.every((f) => f.pending === 0) ? 0 : 1;
} finally {
  await ddb.stop();
}
