// The web app a learner downloads and how Lighthouse (mobile, simulated slow 4G) scores it:
// the gzipped JavaScript each learner page and the dashboard need from a cold cache (from
// Vite's manifest, as the build check counts it) against issue 10's 60 KB budget, and the
// scores of the five pages against 90 (performance) and 95 (accessibility).
import { randomBytes } from 'node:crypto';
import { Attempt } from '@sansang/core';
import { configureDb, ensureTable } from '@sansang/core/testing';
import { startServer } from '@sansang/api/serve';
import { table } from '../../infra/spec.ts';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { buildWeb, webDist } from '@sansang/cli/testing';
import { FIRST_PAGE_BUDGET, PAGES, pageSize, readBuild, type PageName } from '@sansang/web/check-budget';
import { account, smallProvince } from '../support/fixtures.ts';
import { lighthouseScores } from '../support/lighthouse.ts';

process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
await buildWeb();
const { manifest, gzipped } = readBuild(webDist);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const page of Object.keys(PAGES) as PageName[]) {
  const size = pageSize(manifest, page, gzipped);
  console.log(`web JavaScript, ${page.padEnd(11)} (entry + route, cold cache): ${kb(size.bytes).padStart(8)} gzip in ${size.files.length} files`);
}
const chart = manifest[PAGES.dashboard]!.dynamicImports?.map((key) => manifest[key]!.file) ?? [];
console.log(`web JavaScript, dashboard chart (fetched after the figures): ${kb(chart.reduce((s, f) => s + gzipped(f), 0))} gzip`);
const first = pageSize(manifest, 'sign-in', gzipped).bytes;
console.log(`web-first-page-js: ratio=${(first / FIRST_PAGE_BUDGET).toFixed(2)} (of the 60 KB budget) ${first <= FIRST_PAGE_BUDGET ? 'ok' : 'OVER'}`);

const ddb = await startDynamoLocal({});
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'lighthouse' });
  await ensureTable('lighthouse', table);
  const tree = await smallProvince(2);
  const officer = tree.people.find((p) => p.unitId === tree.agency.id)!;
  await account('nhansu@bench.vn', officer.id, [{ role: 'hr', unitId: tree.agency.id }]);
  await Attempt.start({ personId: officer.id, slug: 'khoa-mau' });
  const server = await startServer({ port: 0, webDir: webDist });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
    body: JSON.stringify({ email: 'nhansu@bench.vn', password: 'mat-khau-dung' }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const scores = await lighthouseScores([
    { name: 'sign-in', url: `${server.url}/dang-nhap` },
    { name: 'course list', url: `${server.url}/khoa-hoc`, cookie },
    { name: 'lesson', url: `${server.url}/khoa-hoc/khoa-mau/bai/bai-mot`, cookie },
    { name: 'quiz', url: `${server.url}/khoa-hoc/khoa-mau/kiem-tra`, cookie },
    { name: 'dashboard', url: `${server.url}/san-sang`, cookie },
  ]);
  for (const [name, s] of Object.entries(scores)) {
    console.log(
      `lighthouse ${name.padEnd(12)} performance ${s.performance}  accessibility ${s.accessibility}  FCP ${s.firstContentfulPaintMs} ms  TBT ${s.totalBlockingTimeMs} ms`,
    );
  }
  const worst = Math.min(...Object.values(scores).map((s) => s.performance));
  console.log(`lighthouse-performance: ratio=${(worst / 90).toFixed(2)} (worst page ${worst} against 90) ${worst >= 90 ? 'ok' : 'LOW'}`);
  await server.close();
} finally {
  await ddb.stop();
}
