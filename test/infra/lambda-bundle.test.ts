import { beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Course } from '@sansang/core';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf.ts';
import { takeQuiz } from '../support/quiz-answers.ts';
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
  requestContext: {
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
    requestId: 'r1',
    stage: '$default',
    timeEpoch: Date.now(),
  },
  body: body === undefined ? undefined : JSON.stringify(body),
  isBase64Encoded: false,
});

describe('the bundled Lambda', () => {
  let handler: Handler;
  let outfile: string;
  beforeAll(async () => {
    await useFreshTable();
    ({ outfile } = await bundleApi());
    expect(statSync(join(dirname(outfile), 'fonts', 'BeVietnamPro_400Regular.ttf')).size).toBeGreaterThan(100_000);
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

  it('serves a Vietnamese certificate PDF with the fonts shipped beside the bundle', async () => {
    const tree = await smallProvince(1);
    const course = bundle({ slug: 'khoa-lambda', hash: 'lambda-1', completion: { lessons: 'none', quiz: 'pass' } });
    await Course.publish(course);
    const learner = tree.people[0]!;
    await account('lambda@test.vn', learner.id);
    await takeQuiz(learner.id, course.slug);
    const login = await handler(event('POST', '/api/auth/login', { email: 'lambda@test.vn', password: 'mat-khau-dung' }), {});
    const cookie = login.cookies![0]!.split(';')[0]!;
    process.env.LAMBDA_TASK_ROOT = dirname(outfile);
    try {
      const req = event('GET', `/api/courses/${course.slug}/certificate.pdf`);
      const res = await handler({ ...req, cookies: [cookie], headers: { ...req.headers, cookie } }, {});
      expect(res.statusCode).toBe(200);
      const pdf = Buffer.from(res.body, (res as { isBase64Encoded?: boolean }).isBase64Encoded ? 'base64' : 'latin1');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await pdfText(pdf)).replace(/\s+/g, ' ')).toContain(`Chứng nhận Ông/Bà ${learner.fullName}`);
    } finally {
      delete process.env.LAMBDA_TASK_ROOT;
    }
  });

  it('turns bad input into a 4xx error body', async () => {
    const res = await handler(event('POST', '/api/auth/login', { email: 'khong.co@demo.vn', password: 'sai' }), {});
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('auth.invalid_credentials');
  });
});
