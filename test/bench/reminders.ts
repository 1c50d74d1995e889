// A day's reminder run for a province (issue 18): messages per second against the SES
// emulator and DynamoDB requests per message, against two baselines measured in the same run
// with the same number of messages — bare SES sends (no intent, no notice, no audit), and the
// least an exactly-once sender does (write the intent on condition, send, settle), on the
// run's own table just before it, so both meet the same table size and load — and the
// heap a run holds at a tenth of the size against the full size (the emulator in a process of
// its own, so its store of every message does not count). `--people N` (default 30,000): all
// untrained, the target's deadline 30 days ahead, so every one of them is due that day.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Mail, Org, Person, Reminder, Requirement, Target, vnDay } from '@sansang/core';
import { configureDb, db, ensureTable, meterDynamo, putMany, tableName } from '@sansang/core/testing';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Course } from '@sansang/core';
import { table } from '../../infra/spec.ts';
import { bundle } from '../support/fixtures.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '30000' } } });
const people = Number(values.people);
process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');

/** A province of `n` people in communes of 300 (with e-mail addresses), alone in its own table. */
async function province(name: string, n: number): Promise<void> {
  configureDb({ endpoint: ddb.endpoint, tableName: name });
  await ensureTable(name, table);
  const root = Org.make({ id: 'tinh', code: 'TINH', name: 'Tỉnh Thử', kind: 'province' }, null);
  const communes = Array.from({ length: Math.ceil(n / 300) }, (_, i) => Org.make({ id: `xa-${i}`, code: `XA-${i}`, name: `Xã ${i}`, kind: 'commune' }, root));
  const staff: Person.Info[] = Array.from({ length: n }, (_, i) => ({
    id: `p-${i}`,
    employeeCode: `NV${i}`,
    fullName: `Người ${i}`,
    email: `nv${i}@xa.gov.vn`,
    unitId: communes[Math.floor(i / 300)]!.id,
    category: Person.categories[i % 3]!,
    position: 'Công chức',
    status: 'active',
  }));
  await putMany([root, ...communes].map(Org.toItem));
  for (let i = 0; i < staff.length; i += 2000) await putMany(staff.slice(i, i + 2000).map(Person.toItem));
  await Course.publish(bundle());
  // 30 days after today in Vietnam (the run's day), not in UTC: from 17:00 UTC on they differ, and nobody would be due.
  const deadline = Requirement.addDays(vnDay(), 30);
  await Target.put({
    id: 'bench',
    title: 'Hoàn thành khoá mẫu',
    programme: ['khoa-mau'],
    categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
    percent: 100,
    deadline,
  });
}

/** A run at 10:00 today in Vietnam, whatever the hour here: outside the quiet hours. */
const tenInTheMorning = () => new Date(`${vnDay()}T03:00:00Z`);

async function run(name: string, n: number) {
  await province(name, n);
  // The least exactly-once sender on the same table, just before the run: both meet a table of the same size, at the same moment's load.
  const minimalRate = await pool(n, minimal);
  await ses.clear();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  // What the run holds, not the garbage between collections: a full collection before each sample (node --expose-gc).
  const sampler = setInterval(() => {
    global.gc?.();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 1000);
  const meter = meterDynamo();
  meter.take();
  const started = performance.now();
  // The whole installation's run, as the daily job starts it (the table holds this province alone).
  const outcome = await Reminder.run({ actor: { email: 'bench' }, now: tenInTheMorning(), mailer: Mail.mailer({ perSecond: 100_000 }) });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const usage = meter.take();
  return { outcome, seconds, usage, heap: heapPeak - heapBefore, minimalRate };
}

// The emulator now and then resets a kept-alive connection under tens of thousands of sends: tried again, as a run's next pass would.
async function again(work: () => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(err))) throw err;
    }
  }
}

/** Messages a second of `work` over `n` messages, 16 at a time as a run sends them. */
async function pool(n: number, work: (i: number) => Promise<void>) {
  const queue = Array.from({ length: n }, (_, i) => i);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await again(() => work(i));
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

const bare = Mail.mailer({ perSecond: 100_000 });
const message = (i: number) => ({ to: `nv${i}@xa.gov.vn`, subject: 'Nhắc việc', text: 'Nhắc việc', html: '<p>Nhắc việc</p>' });

/** The least an exactly-once sender does: a conditional write of the intent, the send, a write to settle it (keys no run uses). */
async function minimal(i: number) {
  const Key = { pk: `REMINDER#p-${i}`, sk: 'DAY#bench' };
  // A retried message finds its intent there already, and sends it: as a run taking over its own lease.
  await db()
    .send(new PutCommand({ TableName: tableName(), Item: { ...Key, state: 'sending' }, ConditionExpression: 'attribute_not_exists(pk)' }))
    .catch((err: { name?: string }) => {
      if (err.name !== 'ConditionalCheckFailedException') throw err;
    });
  const { messageId } = await bare.send(message(i));
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key,
      UpdateExpression: 'SET #s = :sent, messageId = :id',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId },
    }),
  );
}

/** The emulator runs in a child process: its store holds every message, and must not count in this process's heap. */
async function startSesChild() {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./ses-child.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const endpoint = line.toString().trim();
  return {
    endpoint,
    emails: async () => ((await (await fetch(`${endpoint}/store`)).json()) as { emails: unknown[] }).emails,
    clear: async () => void (await fetch(`${endpoint}/clear-store`, { method: 'POST' })),
    stop: async () => void child.kill('SIGTERM'),
  };
}

const ddb = await startDynamoLocal({});
const ses = await startSesChild();
process.env.SES_ENDPOINT = ses.endpoint;
try {
  // Bare sends through the same mailer, nothing recorded: what the emulator itself allows.
  const baselineRate = await pool(people, (i) => bare.send(message(i)).then(() => undefined));
  await ses.clear();

  const small = await run('reminders_small', Math.max(300, Math.round(people / 10)));
  await ses.clear();
  const full = await run('reminders_full', people);
  const stored = (await ses.emails()).length;
  const rate = full.outcome.sent / full.seconds;
  const minimalRate = full.minimalRate;
  const requestsPerMessage = full.usage.requests / full.outcome.planned;
  console.log(`reminder-run: ${full.outcome.planned} planned, ${full.outcome.sent} sent, ${stored} in the emulator's store, ${full.seconds.toFixed(1)} s`);
  console.log(
    `reminder-dynamodb-per-message: ${requestsPerMessage.toFixed(1)} requests, ${(full.usage.readUnits / full.outcome.planned).toFixed(1)} RRU, ${(full.usage.writeUnits / full.outcome.planned).toFixed(1)} WRU`,
  );
  console.log(
    `reminder-baseline: bare SES sends ${baselineRate.toFixed(0)}/s, the least exactly-once sender (3 requests a message) ${minimalRate.toFixed(0)}/s, reminders ${rate.toFixed(0)}/s`,
  );
  const memory = full.heap / Math.max(small.heap, 1);
  console.log(
    `reminder-memory: heap ${(small.heap / 1e6).toFixed(1)} MB at ${small.outcome.planned} people, ${(full.heap / 1e6).toFixed(1)} MB at ${full.outcome.planned}`,
  );
  const exact = stored === full.outcome.planned && full.outcome.sent === full.outcome.planned;
  console.log(
    `reminder-memory-growth: ratio=${memory.toFixed(2)} (${full.outcome.planned} / ${small.outcome.planned} people, budget ≤ 1.50) ${memory <= 1.5 ? 'ok' : 'OVER'}`,
  );
  // Each reminder also reads what its person owes (one query of their file) and their logins (language, sign-in link), and writes a notice and an audit entry: 6 requests against 2, and one HTML render per wording.
  console.log(
    `reminder-rate: ratio=${(rate / minimalRate).toFixed(2)} (reminders / the least exactly-once sender, budget ≥ 0.20) ${rate / minimalRate >= 0.2 && exact ? 'ok' : 'LOW'}`,
  );
} finally {
  await ses.stop();
  ddb.process.kill('SIGKILL');
}
