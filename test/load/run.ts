/**
 * The load and fault test (`npm run test:load`; a short run is part of `npm test`):
 * simulated learners sign in, read lessons, take and submit quiz attempts against the real
 * local stack, with duplicated and aborted requests, throttling and transaction conflicts
 * injected at the DynamoDB client, and DynamoDB Local stopped and restarted once mid-run.
 * Then it checks the source records: every acknowledged completion stored exactly once,
 * attempt limits held, readiness counters equal to a full rebuild, no 5xx but 503s.
 *
 * The run is paced by what happens, not by the clock, so a slow machine makes it longer,
 * never different: every learner goes through the whole course and quiz however long that
 * takes (503s are retried with a growing back-off, as the web app does, so the server and
 * the database can recover), the database is restarted once a quarter of the learners have
 * submitted a first attempt, and the run ends when every learner is through and the database
 * is back (and `minSeconds` have passed, for longer runs from the command line). The only
 * time limit is `deadlineSeconds`, a guard against a hang: reaching it fails the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account, Course, Readiness } from '@sansang/core';
import { configureDb, ensureTable, injectFaults, keys, queryList, resilienceCounters } from '@sansang/core/testing';
import { startServer } from '@sansang/api/serve';
import { freePort, startDynamoLocal, type DynamoLocal } from '@sansang/cli/dynamodb-local';
import { table } from '../../infra/spec.ts';
import { bundle, smallProvince } from '../support/fixtures.ts';
import { rightAnswers } from '../support/quiz-answers.ts';

export type LoadOptions = {
  learners: number;
  /** Learners who are through keep reading the course until the run is at least this old; 0 ends it as soon as all are through. */
  minSeconds: number;
  /** Only a hang reaches this (default 600 s): the run then fails instead of reporting. */
  deadlineSeconds?: number;
  /** Share of requests sent twice at once (a double click, a proxy retry). */
  duplicateShare: number;
  /** Share of requests aborted by the client mid-flight, then retried as a browser would. */
  abortShare: number;
  throttle: number;
  conflict: number;
  restartDatabase: boolean;
  log?: (line: string) => void;
};

export type LoadReport = {
  seconds: number;
  requests: number;
  p50: number;
  p95: number;
  errors: Record<string, number>;
  acknowledged: number;
  lost: number;
  duplicated: number;
  attemptLimitBroken: number;
  unexpected5xx: number;
  /** Signed-in learners told they are not (a database hiccup must be a 503, never a sign-out). */
  signedOut: number;
  rebuildMismatches: number;
  retries: number;
  injected: number;
};

const ATTEMPTS_ALLOWED = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The longest a learner waits before retrying a 503, whatever Retry-After says. */
const BACKOFF_CAP_MS = 8000;
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!);

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const log = o.log ?? (() => undefined);
  const begun = Date.now();
  const deadlineSeconds = o.deadlineSeconds ?? 600;
  const deadline = begun + deadlineSeconds * 1000;
  const pastDeadline = (what: string) => new Error(`load run: ${what} within the ${deadlineSeconds} s deadline (a hang, not slowness)`);
  process.env.SESSION_SECRET ??= 'load-test-secret-that-is-long-enough-0123456789';
  process.env.SANSANG_INSECURE_COOKIES = '1';
  const dir = await mkdtemp(join(tmpdir(), 'sansang-load-'));
  const port = await freePort();
  /** DynamoDB Local gives itself 30 s to start; a busy machine may need more tries, up to the deadline. */
  const startDatabase = async (): Promise<DynamoLocal> => {
    for (;;) {
      try {
        return await startDynamoLocal({ port, dbPath: join(dir, 'ddb') });
      } catch (err) {
        if (Date.now() > deadline) throw Object.assign(pastDeadline('DynamoDB Local did not start'), { cause: err });
        log(`DynamoDB Local did not start yet, trying again: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  };
  let ddb: DynamoLocal = await startDatabase();
  const server = { close: async () => undefined } as { close: () => Promise<void>; url?: string };
  try {
    configureDb({ endpoint: ddb.endpoint, tableName: 'sansang-load' });
    await ensureTable('sansang-load', table);
    const tree = await smallProvince(Math.ceil(o.learners / 4));
    // Version 2 of the target's course allows 3 attempts: new learners all get it.
    const course = bundle({ version: 2, hash: 'load-2', quiz: { ...bundle().quiz!, attempts: ATTEMPTS_ALLOWED } });
    await Course.publish(course);
    const learners = tree.people.slice(0, o.learners);
    for (let i = 0; i < learners.length; i += 8) {
      await Promise.all(
        learners.slice(i, i + 8).map((p) => Account.create({ email: `hv${p.id}@load.vn`, personId: p.id, grants: [], password: 'mat-khau-dung' })),
      );
    }
    const running = await startServer({ port: 0, webDir: join(dir, 'no-web') });
    Object.assign(server, running);
    log(
      `${learners.length} learners, at least ${o.minSeconds} s, duplicates ${o.duplicateShare}, aborts ${o.abortShare}, throttle ${o.throttle}, conflicts ${o.conflict}`,
    );

    const latencies: number[] = [];
    const errors: Record<string, number> = {};
    let requests = 0;
    let unexpected5xx = 0;
    const count = (kind: string) => {
      errors[kind] = (errors[kind] ?? 0) + 1;
    };
    const acknowledged = new Set<string>();
    /** Learners who have submitted a first attempt, whatever its result: the database restart waits for a quarter of them. */
    let firstSubmits = 0;
    /** Set when every learner is through, the database is back and minSeconds have passed (or when the run fails): reading stops. */
    let finished = false;

    /** One HTTP call as the web app makes it: duplicated or aborted at random, 503s retried after Retry-After with a growing back-off. */
    async function call(cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }> {
      for (let tries = 0; ; tries++) {
        const send = async (abortAfter?: number) => {
          const started = performance.now();
          const controller = new AbortController();
          const timer = abortAfter === undefined ? undefined : setTimeout(() => controller.abort(), abortAfter);
          try {
            const res = await fetch(`${running.url}${path}`, {
              method,
              signal: controller.signal,
              headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/json', 'x-requested-with': 'sansang' } : {}) },
              body: body === undefined ? undefined : JSON.stringify(body),
            });
            const json = await res.json().catch(() => null);
            requests++;
            latencies.push(performance.now() - started);
            if (res.status >= 500 && res.status !== 503) unexpected5xx++;
            if (res.status >= 400) count(`${res.status} ${json?.error?.code ?? ''}`.trim());
            return { status: res.status, json, headers: res.headers };
          } catch {
            count('aborted by client');
            return null;
          } finally {
            clearTimeout(timer);
          }
        };
        const r = Math.random();
        const out =
          r < o.abortShare
            ? await send(Math.random() * 40)
            : r < o.abortShare + o.duplicateShare
              ? await Promise.all([send(), send()]).then((both) => both.find((x) => x && x.status < 500) ?? both.find((x) => x?.status === 503) ?? null)
              : await send();
        if (out && out.status !== 503) return out;
        if (Date.now() > deadline) throw pastDeadline(`${method} ${path} got no answer but 503 or an abort after ${tries + 1} tries`);
        // An abort is retried almost at once, as a browser would; a 503 waits at least Retry-After, longer each time.
        if (!out) {
          await sleep(50);
          continue;
        }
        const after = Number(out.headers.get('retry-after') ?? 0) * 1000;
        const wait = Math.min(BACKOFF_CAP_MS, Math.max(after, 100 * 2 ** tries));
        await sleep(wait * (0.5 + Math.random() / 2));
      }
    }

    /** One learner through the course and the quiz, however long it takes; returns their cookie. */
    async function learner(personId: string, index: number): Promise<string> {
      const login = await call('', 'POST', '/api/auth/login', { email: `hv${personId}@load.vn`, password: 'mat-khau-dung' });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      await call(cookie, 'GET', '/api/courses');
      for (const lesson of ['bai-mot', 'bai-hai']) {
        await call(cookie, 'GET', `/api/courses/khoa-mau/lessons/${lesson}`);
        await call(cookie, 'POST', `/api/courses/khoa-mau/lessons/${lesson}/complete`);
      }
      // Every fifth learner fails first, and a few keep trying past the limit.
      let wrongFirst = index % 5 === 0;
      const stubborn = index % 17 === 0;
      for (let round = 0; round < ATTEMPTS_ALLOWED + 2; round++) {
        const started = await call(cookie, 'POST', '/api/courses/khoa-mau/attempts');
        if (started.status !== 200) break;
        const n: number = started.json.attempt.n;
        const answers = wrongFirst || stubborn ? { q1: ['a'] } : rightAnswers(course.quiz!);
        for (const [questionId, answer] of Object.entries(answers)) {
          await call(cookie, 'POST', `/api/courses/khoa-mau/attempts/${n}/answers`, { questionId, answer });
        }
        const submitted = await call(cookie, 'POST', `/api/courses/khoa-mau/attempts/${n}/submit`, { answers });
        if (round === 0) firstSubmits++;
        if (submitted.json?.progress?.completed) {
          acknowledged.add(personId);
          break;
        }
        wrongFirst = false;
      }
      return cookie;
    }

    /** A learner who is through keeps reading the course page, so requests are in flight until the run ends. */
    async function reader(cookie: string) {
      while (!finished) {
        await call(cookie, 'GET', '/api/courses/khoa-mau');
        await sleep(200 + Math.random() * 400);
      }
    }

    injectFaults({ throttle: o.throttle, conflict: o.conflict });
    const readers: Promise<void>[] = [];
    let through = 0;
    const flows = learners.map((p, i) =>
      learner(p.id, i)
        .then((cookie) => {
          const reading = reader(cookie);
          reading.catch(() => undefined); // looked at once the run ends
          readers.push(reading);
        })
        .finally(() => through++),
    );
    const outage = o.restartDatabase
      ? (async () => {
          // Mid-quiz for most learners, and never after the last one is through (readers keep it busy then).
          while (firstSubmits < Math.ceil(learners.length / 4) && through < learners.length) await sleep(50);
          log(`stopping DynamoDB Local (${firstSubmits} first attempts submitted, ${acknowledged.size} completions acknowledged)`);
          await ddb.stop();
          await sleep(2000);
          ddb = await startDatabase();
          log('DynamoDB Local is back');
        })()
      : Promise.resolve();
    const settled = await Promise.allSettled([...flows, outage]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (!failed) await sleep(Math.max(0, begun + o.minSeconds * 1000 - Date.now()));
    finished = true;
    const readersSettled = await Promise.allSettled(readers);
    injectFaults(null);
    if (failed) throw failed.reason;
    const readerFailed = readersSettled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (readerFailed) throw readerFailed.reason;
    log(`all ${learners.length} learners through after ${Math.round((Date.now() - begun) / 1000)} s; checking the records`);

    // The weekly job's sweep rolls up whatever a request left pending; then compare with a rebuild.
    await Readiness.sweepRollups();
    const rebuild = await Readiness.rebuild({ write: false });
    const completions = await Promise.all(learners.map((p) => queryList({ pk: keys.personPartition(p.id), skPrefix: 'COMPLETION#khoa-mau' })));
    const attempts = await Promise.all(learners.map((p) => queryList({ pk: keys.personPartition(p.id), skPrefix: 'ATTEMPT#khoa-mau#' })));
    const stored = new Set(learners.filter((_, i) => completions[i]!.length === 1).map((p) => p.id));
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      seconds: Math.round((Date.now() - begun) / 1000),
      requests,
      p50: Math.round(percentile(sorted, 0.5)),
      p95: Math.round(percentile(sorted, 0.95)),
      errors,
      acknowledged: acknowledged.size,
      lost: [...acknowledged].filter((id) => !stored.has(id)).length,
      duplicated: completions.filter((c) => c.length > 1).length + rebuild.mismatches.filter((m) => m.actual > m.expected).length,
      attemptLimitBroken: attempts.filter((a) => a.length > ATTEMPTS_ALLOWED).length,
      unexpected5xx,
      signedOut: errors['401 auth.required'] ?? 0,
      rebuildMismatches: rebuild.mismatches.length,
      retries: resilienceCounters.retries,
      injected: resilienceCounters.injected,
    };
  } finally {
    injectFaults(null);
    await server.close();
    await ddb.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatReport(r: LoadReport): string {
  const errors =
    Object.entries(r.errors)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `  ${k}: ${n}`)
      .join('\n') || '  none';
  return [
    `run took ${r.seconds} s; requests served: ${r.requests}`,
    `latency p50=${r.p50} ms p95=${r.p95} ms`,
    `DynamoDB faults injected: ${r.injected}, retried: ${r.retries}`,
    `errors by kind:\n${errors}`,
    `acknowledged completions: ${r.acknowledged}; attempt limit broken: ${r.attemptLimitBroken}; unexpected 5xx: ${r.unexpected5xx}; signed out by mistake: ${r.signedOut}; counters differing from a rebuild: ${r.rebuildMismatches}`,
    `lost=${r.lost} duplicated=${r.duplicated}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const report = await runLoad({
    learners: arg('learners', 200),
    minSeconds: arg('seconds', 60),
    deadlineSeconds: arg('deadline', 1800),
    duplicateShare: 0.1,
    abortShare: 0.05,
    throttle: 0.05,
    conflict: 0.1,
    restartDatabase: true,
    log: (l) => console.log(`• ${l}`),
  });
  console.log(formatReport(report));
  const ok =
    report.lost === 0 &&
    report.duplicated === 0 &&
    report.attemptLimitBroken === 0 &&
    report.unexpected5xx === 0 &&
    report.signedOut === 0 &&
    report.rebuildMismatches === 0;
  process.exit(ok ? 0 : 1);
}
