import { beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { bundleApi, bundleFunction } from '../../infra/bundle.ts';
import { functions, type FunctionName } from '../../infra/spec.ts';
import { useFreshTable } from '../support/db.ts';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string>; cookies?: string[] }>;

/** An API Gateway HTTP API (payload 2.0) event, as the deployed function receives it. */
const event = (method: string, path: string, body?: unknown) => ({
  version: '2.0',
  routeKey: 'ANY /api/{proxy+}',
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'example.cloudfront.net', 'content-type': 'application/json', 'x-requested-with': 'sansang' },
  requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' }, requestId: 'r1', stage: '$default', timeEpoch: Date.now() },
  body: body === undefined ? undefined : JSON.stringify(body),
  isBase64Encoded: false,
});

describe('the bundled Lambda', () => {
  let handler: Handler;
  beforeAll(async () => {
    await useFreshTable();
    const { outfile, bytes } = await bundleApi();
    expect(bytes).toBeGreaterThan(10_000);
    handler = (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)).handler;
  }, 120_000);

  it('stays within the size budget recorded in infra/bundle-budget.json', async () => {
    const budget = JSON.parse(readFileSync(new URL('../../infra/bundle-budget.json', import.meta.url), 'utf8')) as Record<string, number>;
    for (const name of Object.keys(functions) as FunctionName[]) {
      const { bytes, totalBytes } = await bundleFunction(name);
      expect(budget[name], `budget for ${name}`).toBeTypeOf('number');
      expect(bytes, `${name}: what a cold start loads`).toBeLessThanOrEqual(budget[name]!);
      expect(totalBytes, `${name}: with on-demand chunks`).toBeLessThanOrEqual(budget[`${name}WithChunks`]!);
    }
  });

  it('answers /api/health from DynamoDB through the bundle alone', async () => {
    const res = await handler(event('GET', '/api/health'), {});
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('turns bad input into a 4xx error body', async () => {
    const res = await handler(event('POST', '/api/auth/login', { email: 'khong.co@demo.vn', password: 'sai' }), {});
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('auth.invalid_credentials');
  });
});
