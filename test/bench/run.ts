// `npm run bench`: figures measured against a baseline in the same run, printed as ratios.
// Never a timed test: these machines are shared, so only same-run ratios mean anything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureDb, ensureTable } from '@sansang/core/testing';
import { bundleEntry, bundleFunction } from '../../infra/bundle.ts';
import { table } from '../../infra/spec.ts';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';

const here = fileURLToPath(new URL('.', import.meta.url));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const ddb = await startDynamoLocal({});
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'bench' });
  await ensureTable('bench', table);
  const ours = await bundleFunction('api');
  const bare = await bundleEntry(resolve(here, 'bare-lambda.ts'), mkdtempSync(join(tmpdir(), 'sansang-bench-')));

  const coldStart = (bundle: string) =>
    Number(
      execFileSync(process.execPath, [resolve(here, 'cold-start.mjs'), bundle], {
        env: { ...process.env, DYNAMODB_ENDPOINT: ddb.endpoint, TABLE_NAME: 'bench', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    );
  const oursMs: number[] = [];
  const bareMs: number[] = [];
  // Interleaved, so a noisy neighbour slows both sides alike.
  for (let i = 0; i < SAMPLES; i++) {
    oursMs.push(coldStart(ours.outfile));
    bareMs.push(coldStart(bare.outfile));
  }
  const sizeRatio = ours.bytes / bare.bytes;
  const timeRatio = median(oursMs) / median(bareMs);
  console.log(
    `api bundle: ${(ours.bytes / 1024).toFixed(0)} KiB loaded at cold start (${(ours.totalBytes / 1024).toFixed(0)} KiB with on-demand chunks), bare Hono + DynamoDB client: ${(bare.bytes / 1024).toFixed(0)} KiB`,
  );
  console.log(`cold import + first request, median of ${SAMPLES}: ours ${median(oursMs).toFixed(1)} ms, bare ${median(bareMs).toFixed(1)} ms`);
  console.log(`lambda-bundle-size: ratio=${sizeRatio.toFixed(2)} (budget ≤ 2.00) ${sizeRatio <= 2 ? 'ok' : 'OVER'}`);
  console.log(`lambda-cold-start: ratio=${timeRatio.toFixed(2)} (budget ≤ 1.50) ${timeRatio <= 1.5 ? 'ok' : 'OVER'}`);
  process.exitCode = sizeRatio <= 2 && timeRatio <= 1.5 ? 0 : 1;
} finally {
  await ddb.stop();
}
