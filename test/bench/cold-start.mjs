// One cold start in a fresh process: import the bundle, answer GET /api/health once, and
// print the milliseconds both took. Run by test/bench/run.ts, one process per sample.
const started = performance.now();
const { handler } = await import(process.argv[2]);
const res = await handler({
  version: '2.0', routeKey: 'ANY /api/{proxy+}', rawPath: '/api/health', rawQueryString: '', headers: { host: 'bench' },
  requestContext: { http: { method: 'GET', path: '/api/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: 'b', stage: '$default', timeEpoch: Date.now() },
  isBase64Encoded: false,
}, {});
if (res.statusCode !== 200) throw new Error(`health answered ${res.statusCode}: ${res.body}`);
console.log((performance.now() - started).toFixed(2));
