import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types; it is an S3-compatible server used only by this test.
// @ts-expect-error -- untyped module
import S3rver from 's3rver';
import { Progress } from '@sansang/core';
import { resetObjectStores } from '@sansang/core/testing';
import { app } from './app.ts';
import { report } from './jobs.ts';
import { takeQuiz } from '../../../test/support/quiz-answers.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { freePort } from '../../../test/support/free-port.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
let tree: Awaited<ReturnType<typeof smallProvince>>;
let cookie = '';

async function finish(personId: string) {
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-mot' });
  await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-hai' });
  await takeQuiz(personId, 'khoa-mau');
}

/** The archive once the background job has finished it (polled; fails after 30 s). */
const waitReady = (unitId: string, id: string) =>
  vi.waitFor(
    async () => {
      const { archives } = await (await app.request(`/api/reports/archives?unit=${unitId}`, { headers: { cookie } })).json();
      const a = archives.find((x: { id: string }) => x.id === id);
      if (a.status === 'pending' || a.status === 'running') throw new Error(`archive ${id} is still ${a.status}`);
      return a;
    },
    { timeout: 30_000, interval: 50 },
  );

describe('archived reports: generated in the background, kept unchanged with their hash', () => {
  const saved = { ...process.env };
  beforeAll(async () => {
    await useFreshTable();
    process.env.REPORTS_DIR = await mkdtemp(join(tmpdir(), 'sansang-reports-'));
    tree = await smallProvince(2);
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    cookie = await sessionCookie('nhansu@test.vn');
    await finish(tree.people.find((p) => p.unitId === tree.dept1.id)!.id);
  });
  afterAll(() => {
    process.env = saved;
    resetObjectStores();
  });

  it('keeps the figures as they were when the report was made, with a SHA-256 that matches', async () => {
    const started = await app.request(`/api/reports/archives?unit=${tree.agency.id}`, { method: 'POST', headers: { ...WRITE, cookie } });
    expect(started.status).toBe(202);
    const { archive } = await started.json();
    expect(archive.status).toBe('pending');
    const ready = await waitReady(tree.agency.id, archive.id);
    expect(ready).toMatchObject({ status: 'ready', bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    await finish(tree.people.find((p) => p.unitId === tree.dept2.id)!.id);
    const live = await (await app.request(`/api/reports/completions.csv?unit=${tree.agency.id}`, { headers: { cookie } })).text();
    const download = await app.request(`/api/reports/archives/${archive.id}?unit=${tree.agency.id}`, { headers: { cookie } });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(ready.sha256);
    expect(download.headers.get('x-content-sha256')).toBe(ready.sha256);
    const archived = bytes.toString('utf8');
    expect((archived.match(/Đã hoàn thành/g) ?? []).length).toBe(1);
    expect((live.match(/Đã hoàn thành/g) ?? []).length).toBe(2);
  });

  it("does not serve another unit's archive to an officer outside it", async () => {
    const res = await app.request(`/api/reports/archives?unit=${tree.commune.id}`, { headers: { cookie } });
    expect(res.status).toBe(403);
  });

  it('writes to and reads from an S3 bucket when deployed (against an S3-compatible server)', async () => {
    const port = await freePort();
    const s3 = new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory: await mkdtemp(join(tmpdir(), 's3rver-')),
      configureBuckets: [{ name: 'sansang-reports' }],
    });
    await s3.run();
    try {
      Object.assign(process.env, { REPORTS_BUCKET: 'sansang-reports', S3_ENDPOINT: `http://127.0.0.1:${port}` });
      resetObjectStores();
      const { archive } = await (await app.request(`/api/reports/archives?unit=${tree.dept1.id}`, { method: 'POST', headers: { ...WRITE, cookie } })).json();
      // What the reports Lambda does when the API invokes it; the in-process run started by
      // the API may have claimed the job first, and then this one must not run it again.
      await report({ unitId: tree.dept1.id, id: archive.id });
      const done = await waitReady(tree.dept1.id, archive.id);
      expect(done.status).toBe('ready');
      const download = await app.request(`/api/reports/archives/${archive.id}?unit=${tree.dept1.id}`, { headers: { cookie } });
      expect(download.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await download.arrayBuffer()))
          .digest('hex'),
      ).toBe(done.sha256);
    } finally {
      delete process.env.REPORTS_BUCKET;
      delete process.env.S3_ENDPOINT;
      resetObjectStores();
      await s3.close();
    }
  });
});
