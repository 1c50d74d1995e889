// The web app a learner downloads and how Lighthouse (mobile, simulated slow 4G) scores it:
// gzipped JavaScript of the first page against issue 10's 60 KB budget, and the scores of
// the five pages against 90 (performance) and 95 (accessibility).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Attempt, configureDb, ensureTable } from '@sansang/core';
import { startServer } from '@sansang/api/serve';
import { table } from '../../infra/spec.ts';
import { startDynamoLocal } from '../../packages/cli/src/dynamodb-local.ts';
import { buildWeb } from '../../packages/cli/src/start.ts';
import { webDist } from '../../packages/cli/src/paths.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { lighthouseScores } from '../support/lighthouse.ts';

process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
await buildWeb();
const html = readFileSync(join(webDist, 'index.html'), 'utf8');
const firstPage = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const login = readdirSync(join(webDist, 'assets')).find((f) => /^login-.*\.js$/.test(f));
const gz = (files: string[]) => files.reduce((s, f) => s + gzipSync(readFileSync(join(webDist, f))).length, 0);
const bytes = gz([...firstPage, `/assets/${login}`]);
console.log(`first page JavaScript (entry, preloads, sign-in route): ${(bytes / 1024).toFixed(1)} KB gzip`);
console.log(`web-first-page-js: ratio=${(bytes / (60 * 1024)).toFixed(2)} (of the 60 KB budget) ${bytes <= 60 * 1024 ? 'ok' : 'OVER'}`);

const ddb = await startDynamoLocal({});
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'lighthouse' });
  await ensureTable('lighthouse', table);
  const tree = await smallProvince(2);
  const officer = tree.people.find((p) => p.unitId === tree.agency.id)!;
  await account('nhansu@bench.vn', officer.id, [{ role: 'hr', unitId: tree.agency.id }]);
  await Attempt.start({ personId: officer.id, slug: 'khoa-mau' });
  const server = await startServer({ port: 0, webDir: webDist });
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
    body: JSON.stringify({ email: 'nhansu@bench.vn', password: 'mat-khau-dung' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const scores = await lighthouseScores([
    { name: 'sign-in', url: `${server.url}/dang-nhap` },
    { name: 'course list', url: `${server.url}/khoa-hoc`, cookie },
    { name: 'lesson', url: `${server.url}/khoa-hoc/khoa-mau/bai/bai-mot`, cookie },
    { name: 'quiz', url: `${server.url}/khoa-hoc/khoa-mau/kiem-tra`, cookie },
    { name: 'dashboard', url: `${server.url}/san-sang`, cookie },
  ]);
  for (const [name, s] of Object.entries(scores)) {
    console.log(`lighthouse ${name.padEnd(12)} performance ${s.performance}  accessibility ${s.accessibility}  FCP ${s.firstContentfulPaintMs} ms  TBT ${s.totalBlockingTimeMs} ms`);
  }
  const worst = Math.min(...Object.values(scores).map((s) => s.performance));
  console.log(`lighthouse-performance: ratio=${(worst / 90).toFixed(2)} (worst page ${worst} against 90) ${worst >= 90 ? 'ok' : 'LOW'}`);
  await server.close();
} finally {
  await ddb.stop();
}
