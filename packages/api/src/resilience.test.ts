import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { inject } from 'vitest';
import { Attempt, Progress, Readiness } from '@sansang/core';
import { configureDb, db, injectFaults, keys, resilienceCounters } from '@sansang/core/testing';
import { app } from './app.ts';
import { rollups } from './jobs.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { rightAnswers } from '../../../test/support/quiz-answers.ts';
import { bundle } from '../../../test/support/fixtures.ts';

const WRITE = { 'content-type': 'application/json', 'x-requested-with': 'sansang' };
let tree: Awaited<ReturnType<typeof smallProvince>>;
let hrCookie: string;

/** The province's trained count as its HR officer's dashboard reads it. */
async function trainedSeenByHr(): Promise<number> {
  const res = await app.request(`/api/readiness?unit=${tree.province.id}`, { headers: { cookie: hrCookie } });
  expect(res.status).toBe(200);
  return (await res.json()).trained;
}

/** Lessons, an attempt, a passing submit: one learner completing the course. */
async function complete(personId: string): Promise<number> {
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-mot' });
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-hai' });
  const a = await Attempt.start({ personId, slug: 'khoa-mau' });
  const out = await Attempt.submit({ personId, slug: 'khoa-mau', n: a.n, answers: rightAnswers(bundle().quiz!) });
  expect(out.progress.completed).toBe(true);
  return a.n;
}

const REFUSE = 'test-refuses-rollups';
/** From now on every roll-up to subtree totals fails, as when DynamoDB's answer is "busy" past the retry budget. */
function refuseRollups(): void {
  db().middlewareStack.add(
    (next) => async (args) => {
      if (JSON.stringify(args.input).includes(keys.subtreePrefix)) throw new Error('roll-up refused (test)');
      return next(args);
    },
    { step: 'initialize', name: REFUSE, priority: 'high' },
  );
}

describe('DynamoDB throttling, conflicts and outages', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(6);
    await account('hocvien@test.vn', tree.people[0]!.id);
    await account('nhansu@test.vn', tree.people.at(-1)!.id, [{ role: 'hr', unitId: tree.province.id }]);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ email: 'nhansu@test.vn', password: 'mat-khau-dung' }),
    });
    hrCookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterEach(() => {
    injectFaults(null);
    configureDb({ endpoint: inject('ddbEndpoint') });
  });

  it('retries throttled calls and conflicted transactions until the work is done, counting nothing twice', async () => {
    const before = resilienceCounters.retries;
    injectFaults({ throttle: 0.2, conflict: 0.3 });
    // As the web app does: a 503 is tried again a moment later.
    const persist = async <T>(work: () => Promise<T>): Promise<T> => {
      for (let i = 0; ; i++) {
        try {
          return await work();
        } catch (err) {
          if ((err as { kind?: string }).kind !== 'busy' || i > 10) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    await Promise.all(
      tree.people.slice(0, 12).map(async (p) => {
        await persist(() => Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-mot' }));
        await persist(() => Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-hai' }));
        const a = await persist(() => Attempt.start({ personId: p.id, slug: 'khoa-mau' }));
        const out = await persist(() => Attempt.submit({ personId: p.id, slug: 'khoa-mau', n: a.n, answers: rightAnswers(bundle().quiz!) }));
        expect(out.progress.completed).toBe(true);
      }),
    );
    injectFaults(null);
    expect(resilienceCounters.retries).toBeGreaterThan(before);
    // What the HR officer sees: every completion whose roll-up got through the faults at
    // once; one whose roll-up ran out of retries is counted in its own unit and waits in
    // the sparse index. The next run of the sweep (EventBridge starts one every minute)
    // adds every one of them, once.
    const seen = await trainedSeenByHr();
    expect(seen).toBeLessThanOrEqual(12);
    const { swept } = await rollups();
    expect(await trainedSeenByHr()).toBe(12);
    expect(swept).toBeGreaterThanOrEqual(12 - seen);
    expect(await rollups()).toEqual({ swept: 0 });
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('shows a completion whose roll-up failed when its learner retries or reloads, or else after one run of the minute sweep', async () => {
    const [retrier, reloader, away] = tree.people.slice(12, 15).map((p) => p.id) as [string, string, string];
    const before = await trainedSeenByHr();
    refuseRollups();
    const n = await complete(retrier);
    await complete(reloader);
    await complete(away);
    db().middlewareStack.remove(REFUSE);
    // Recorded, each in its own unit, but not yet in the province's totals.
    expect(await trainedSeenByHr()).toBe(before);

    // The learner's client sends the submit again: it finishes its own roll-ups, once.
    await Attempt.submit({ personId: retrier, slug: 'khoa-mau', n, answers: rightAnswers(bundle().quiz!) });
    expect(await trainedSeenByHr()).toBe(before + 1);
    await Attempt.submit({ personId: retrier, slug: 'khoa-mau', n, answers: rightAnswers(bundle().quiz!) });
    expect(await trainedSeenByHr()).toBe(before + 1);

    // Another reloads the quiz page, which reads their progress: the same.
    expect((await Attempt.current({ personId: reloader, slug: 'khoa-mau' })).progress.completed).toBe(true);
    expect(await trainedSeenByHr()).toBe(before + 2);
    await Progress.courseFor(reloader, 'khoa-mau');
    expect(await trainedSeenByHr()).toBe(before + 2);

    // The third never comes back: one run of the sweep, as the schedule starts it, adds the
    // completion and the trained mark it left.
    expect(await rollups()).toEqual({ swept: 2 });
    expect(await trainedSeenByHr()).toBe(before + 3);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('answers 503 service.busy with Retry-After, not 500, when the retry budget is spent', async () => {
    injectFaults({ throttle: 1 });
    await expect(Progress.courseFor(tree.people[0]!.id, 'khoa-mau')).rejects.toMatchObject({ code: 'service.busy', kind: 'busy', retryAfterSeconds: 2 });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await res.json()).error.code).toBe('service.busy');
  });

  it('fails fast with 503 while DynamoDB is unreachable, says so in /api/health, and recovers by itself', async () => {
    // A TCP relay to DynamoDB Local that can be taken down and brought back on the same port,
    // so the very same client sees the outage and the return.
    const target = new URL(inject('ddbEndpoint'));
    const sockets = new Set<Socket>();
    const relay = () =>
      createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
    let server = relay().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    configureDb({ endpoint: `http://127.0.0.1:${port}` });
    expect((await app.request('/api/health')).status).toBe(200);

    server.close();
    for (const s of sockets) s.destroy();
    const health = await app.request('/api/health');
    expect(health.status).toBe(503);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }),
    });
    expect([login.status, (await login.json()).error.code, login.headers.get('retry-after')]).toEqual([503, 'service.unavailable', '3']);

    server = relay().listen(port, '127.0.0.1');
    await once(server, 'listening');
    // Back by itself once the breaker's moment is over: waited for, not slept through.
    await expect.poll(async () => (await app.request('/api/health')).status, { timeout: 10_000, interval: 100 }).toBe(200);
    const again = await app.request('/api/auth/login', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }),
    });
    expect(again.status).toBe(200);
    server.close();
    for (const s of sockets) s.destroy();
  });
});
