import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { inject } from 'vitest';
import { Attempt, Progress, Readiness, configureDb, injectFaults, resilienceCounters } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { rightAnswers } from '../../../test/support/quiz-answers.ts';
import { bundle } from '../../../test/support/fixtures.ts';

const WRITE = { 'content-type': 'application/json', 'x-requested-with': 'sansang' };
let tree: Awaited<ReturnType<typeof smallProvince>>;

describe('DynamoDB throttling, conflicts and outages', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(6);
    await account('hocvien@test.vn', tree.people[0]!.id);
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
          if ((err as { status?: number }).status !== 503 || i > 10) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    await Promise.all(tree.people.slice(0, 12).map(async (p) => {
      await persist(() => Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-mot' }));
      await persist(() => Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-hai' }));
      const a = await persist(() => Attempt.start({ personId: p.id, slug: 'khoa-mau' }));
      const out = await persist(() => Attempt.submit({ personId: p.id, slug: 'khoa-mau', n: a.n, answers: rightAnswers(bundle().quiz!) }));
      expect(out.progress.completed).toBe(true);
    }));
    injectFaults(null);
    expect(resilienceCounters.retries).toBeGreaterThan(before);
    expect((await Readiness.forUnit({ unitId: tree.province.id })).trained).toBe(12);
    await Readiness.sweepRollups();
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('answers 503 service.busy with Retry-After, not 500, when the retry budget is spent', async () => {
    injectFaults({ throttle: 1 });
    await expect(Progress.courseFor(tree.people[0]!.id, 'khoa-mau')).rejects.toMatchObject({ code: 'service.busy', status: 503, retryAfterSeconds: 2 });
    const res = await app.request('/api/auth/login', { method: 'POST', headers: WRITE, body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await res.json()).error.code).toBe('service.busy');
  });

  it('fails fast with 503 while DynamoDB is unreachable, says so in /api/health, and recovers by itself', async () => {
    // A TCP relay to DynamoDB Local that can be taken down and brought back on the same port,
    // so the very same client sees the outage and the return.
    const target = new URL(inject('ddbEndpoint'));
    const sockets = new Set<Socket>();
    const relay = () => createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => undefined); s.on('close', () => sockets.delete(s)); }
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
    const login = await app.request('/api/auth/login', { method: 'POST', headers: WRITE, body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }) });
    expect([login.status, (await login.json()).error.code, login.headers.get('retry-after')]).toEqual([503, 'service.unavailable', '3']);

    server = relay().listen(port, '127.0.0.1');
    await once(server, 'listening');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await app.request('/api/health')).status).toBe(200);
    const again = await app.request('/api/auth/login', { method: 'POST', headers: WRITE, body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }) });
    expect(again.status).toBe(200);
    server.close();
    for (const s of sockets) s.destroy();
  });
});
