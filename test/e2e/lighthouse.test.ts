import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attempt } from '@sansang/core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '../../packages/cli/src/paths.ts';
import { useFreshTable } from '../support/db.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { lighthouseScores } from '../support/lighthouse.ts';

/** Issue 10: mobile emulation and simulated slow 4G, Lighthouse's defaults. */
const BUDGET = { performance: 90, accessibility: 95 };

describe('Lighthouse on the learner and HR pages', () => {
  let server: RunningServer;
  let cookie = '';
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(2);
    const officer = tree.people.find((p) => p.unitId === tree.agency.id)!;
    await account('nhansu@test.vn', officer.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await Attempt.start({ personId: officer.id, slug: 'khoa-mau' });
    server = await startServer({ port: 0, webDir: webDist });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
      body: JSON.stringify({ email: 'nhansu@test.vn', password: 'mat-khau-dung' }) });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);
  afterAll(() => server?.close());

  it(`scores at least ${BUDGET.performance} for performance and ${BUDGET.accessibility} for accessibility on every page`, async () => {
    const pages = [
      { name: 'sign-in', url: `${server.url}/dang-nhap` },
      { name: 'course list', url: `${server.url}/khoa-hoc`, cookie },
      { name: 'lesson', url: `${server.url}/khoa-hoc/khoa-mau/bai/bai-mot`, cookie },
      { name: 'quiz', url: `${server.url}/khoa-hoc/khoa-mau/kiem-tra`, cookie },
      { name: 'dashboard', url: `${server.url}/san-sang`, cookie },
    ];
    const scores = await lighthouseScores(pages);
    console.log(Object.entries(scores).map(([k, s]) => `${k}: performance ${s.performance}, accessibility ${s.accessibility}`).join('; '));
    for (const page of pages) {
      const s = scores[page.name]!;
      expect(s.finalPath, `${page.name} was audited signed in, not redirected`).toBe(new URL(page.url).pathname);
      expect(s.performance, `${page.name} performance`).toBeGreaterThanOrEqual(BUDGET.performance);
      expect(s.accessibility, `${page.name} accessibility`).toBeGreaterThanOrEqual(BUDGET.accessibility);
    }
  }, 300_000);
});
