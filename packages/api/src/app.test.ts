import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { THROTTLE_WINDOW_SECONDS } from '@sansang/core/testing';
import { app } from './app.ts';
import { registry } from './route.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, allRight, smallProvince } from '../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };

async function signIn(email: string): Promise<string> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: WRITE, body: JSON.stringify({ email, password: 'mat-khau-dung' }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return cookie.split(';')[0]!;
}

describe('API', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    await account('hocvien@test.vn', tree.people.find((p) => p.unitId === tree.dept1.id)!.id);
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
  });

  it('reports health only when DynamoDB answers', async () => {
    expect(await (await app.request('/api/health')).json()).toEqual({ status: 'ok' });
  });

  it('answers bad input with a 4xx error body, never a 500', async () => {
    const cases: [RequestInit & { path: string }, number, string][] = [
      [{ path: '/api/auth/login', method: 'POST', headers: WRITE, body: '{"email":' }, 400, 'request.malformed_json'],
      [{ path: '/api/auth/login', method: 'POST', headers: WRITE, body: JSON.stringify({ email: 42 }) }, 400, 'request.invalid'],
      [{ path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 403, 'auth.csrf'],
      [
        { path: '/api/auth/login', method: 'POST', headers: WRITE, body: JSON.stringify({ email: 'x@y.vn', password: 'p'.repeat(300_000) }) },
        413,
        'request.too_large',
      ],
      [{ path: '/api/courses' }, 401, 'auth.required'],
      [{ path: '/api/khong-co' }, 404, 'route.not_found'],
    ];
    for (const [{ path, ...init }, status, code] of cases) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
  });

  it('refuses a write sent from another origin even with the anti-forgery header, and takes one from its own', async () => {
    const login = (url: string, headers: Record<string, string>) =>
      app.request(url, { method: 'POST', headers: { ...WRITE, ...headers }, body: JSON.stringify({ email: 'hocvien@test.vn', password: 'mat-khau-dung' }) });
    const refused = async (res: Response) => {
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: 'auth.csrf', message: expect.stringContaining('trang khác') });
    };
    await refused(await login('/api/auth/login', { origin: 'https://ke-gia-mao.example' }));
    await refused(await login('/api/auth/login', { origin: 'null' }));
    await refused(await login('/api/auth/login', { origin: 'http://localhost:8080' }));
    expect((await login('/api/auth/login', { origin: 'http://localhost' })).status).toBe(200);
    // Behind CloudFront the Lambda sees API Gateway's host; the viewer's host comes in X-Forwarded-Host.
    const viaCdn = 'https://abc123.execute-api.ap-southeast-1.amazonaws.com/api/auth/login';
    const forwarded = { 'x-forwarded-host': 'sansang.minhson.gov.vn', 'x-forwarded-proto': 'https' };
    expect((await login(viaCdn, { ...forwarded, origin: 'https://sansang.minhson.gov.vn' })).status).toBe(200);
    await refused(await login(viaCdn, { ...forwarded, origin: 'http://sansang.minhson.gov.vn' }));
    await refused(await login(viaCdn, { ...forwarded, origin: 'https://ke-gia-mao.example' }));
    // No Origin at all (a CLI, an old browser): the anti-forgery header alone decides.
    expect((await login('/api/auth/login', {})).status).toBe(200);
  });

  it('walks a learner through lessons and a server-graded quiz', async () => {
    const cookie = await signIn('hocvien@test.vn');
    const me = await (await app.request('/api/me', { headers: { cookie } })).json();
    expect(me.unit.id).toBe(tree.dept1.id);
    const list = await (await app.request('/api/courses', { headers: { cookie } })).json();
    expect(list.courses.map((c: { slug: string }) => c.slug)).toEqual(['khoa-mau']);
    const quiz = await (await app.request('/api/courses/khoa-mau/quiz', { headers: { cookie } })).text();
    expect(quiz).not.toContain('correct');
    for (const lesson of ['bai-mot', 'bai-hai']) {
      const res = await app.request(`/api/courses/khoa-mau/lessons/${lesson}/complete`, { method: 'POST', headers: { ...WRITE, cookie } });
      expect(res.status).toBe(200);
    }
    const post = (path: string, body?: unknown) =>
      app.request(path, { method: 'POST', headers: { ...WRITE, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    const { attempt } = await (await post('/api/courses/khoa-mau/attempts')).json();
    expect(attempt).toMatchObject({ n: 0, status: 'open', deadline: null, answers: {} });
    expect(JSON.stringify(attempt)).not.toContain('correct');
    expect((await post('/api/courses/khoa-mau/attempts/0/answers', { questionId: 'q1', answer: allRight.q1 })).status).toBe(200);
    const resumed = await (await app.request('/api/courses/khoa-mau/quiz', { headers: { cookie } })).json();
    expect(resumed.attempt.answers).toEqual({ q1: allRight.q1 });
    const submitted = await (await post('/api/courses/khoa-mau/attempts/0/submit', { answers: { q2: allRight.q2 } })).json();
    expect(submitted.result).toMatchObject({ score: 100, passed: true });
    expect(submitted.progress.completed).toBe(true);
    // A retry after a lost response gets the same grade, not a second attempt.
    expect((await (await post('/api/courses/khoa-mau/attempts/0/submit', { answers: {} })).json()).result).toEqual(submitted.result);
    const late = await post('/api/courses/khoa-mau/attempts/0/answers', { questionId: 'q1', answer: ['a'] });
    expect([late.status, (await late.json()).error.code]).toEqual([409, 'attempt.closed']);
  });

  it('ends the session on logout', async () => {
    const cookie = await signIn('hocvien@test.vn');
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: { ...WRITE, cookie } })).status).toBe(204);
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('shows HR the readiness of their subtree only', async () => {
    const cookie = await signIn('nhansu@test.vn');
    const own = await (await app.request('/api/readiness', { headers: { cookie } })).json();
    expect(own.unit.id).toBe(tree.agency.id);
    expect(own.children.map((c: { id: string }) => c.id).sort()).toEqual([tree.dept1.id, tree.dept2.id]);
    expect((await app.request(`/api/readiness?unit=${tree.dept1.id}`, { headers: { cookie } })).status).toBe(200);
    for (const outside of [tree.province.id, tree.commune.id, 'khong-ton-tai']) {
      const res = await app.request(`/api/readiness?unit=${outside}`, { headers: { cookie } });
      expect(res.status, outside).toBe(403);
    }
    const learner = await signIn('hocvien@test.vn');
    expect((await app.request('/api/readiness', { headers: { cookie: learner } })).status).toBe(403);
  });

  it('exports a CSV of the subtree that Excel reads as UTF-8', async () => {
    const cookie = await signIn('nhansu@test.vn');
    const res = await app.request(`/api/reports/completions.csv?unit=${tree.agency.id}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Đơn vị,Mã cán bộ,Họ và tên,Phân loại,Chức vụ,Mã khoá học,Khoá học,Trạng thái,Ngày hoàn thành');
    const agencyPeople = tree.people.filter((p) => [tree.agency.id, tree.dept1.id, tree.dept2.id].includes(p.unitId));
    expect(lines).toHaveLength(1 + agencyPeople.length);
    expect(lines.filter((l) => l.includes('Đã hoàn thành'))).toHaveLength(1); // the learner above
    expect(lines.join()).not.toContain(tree.commune.code);
  });

  it('publishes an OpenAPI document that lists every route', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    const listed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p}`));
    expect(listed.sort()).toEqual(registry.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort());
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  });

  it('sends security headers', async () => {
    const res = await app.request('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('API without a database', () => {
  it('says 503 on /api/health when DynamoDB does not answer', async () => {
    const { configureDb } = await import('@sansang/core/testing');
    const { freePort } = await import('../../../test/support/free-port.ts');
    configureDb({ endpoint: `http://127.0.0.1:${await freePort()}`, tableName: 'khong-co' });
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('service.database_unavailable');
  });
});

describe('accounts, throttling and audit over HTTP', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  beforeAll(async () => {
    const { useFreshTable: fresh } = await import('../../../test/support/db.ts');
    await fresh();
    tree = await smallProvince(2);
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('quantri@test.vn', tree.people.find((p) => p.unitId === tree.commune.id)!.id, [{ role: 'admin', unitId: null }]);
  });

  it('lets HR open an account for someone in their agency and hand over a one-time link', async () => {
    const cookie = await signIn('nhansu@test.vn');
    const person = tree.people.find((p) => p.unitId === tree.dept2.id)!;
    const res = await app.request('/api/accounts', {
      method: 'POST',
      headers: { ...WRITE, cookie },
      body: JSON.stringify({ email: 'Moi@Test.vn', employeeCode: person.employeeCode }),
    });
    expect(res.status).toBe(201);
    const { link } = await res.json();
    expect(link).toMatch(/^\/dat-mat-khau#[\w-]{20,}$/);
    const token = link.split('#')[1];
    const set = await app.request('/api/auth/password-link', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ token, password: 'mat-khau-rieng-cua-toi' }),
    });
    expect(await set.json()).toEqual({ email: 'moi@test.vn' });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({ email: 'moi@test.vn', password: 'mat-khau-rieng-cua-toi' }),
    });
    expect(login.status).toBe(200);
    // HR cannot hand out roles.
    const grant = await app.request('/api/accounts', {
      method: 'POST',
      headers: { ...WRITE, cookie },
      body: JSON.stringify({ email: 'hr2@test.vn', employeeCode: person.employeeCode, grants: [{ role: 'hr', unitId: tree.agency.id }] }),
    });
    expect(grant.status).toBe(403);
  });

  it('answers too many failed sign-ins with 429 and Retry-After', async () => {
    // Guesses count in fixed windows: hold the clock mid-window so the run cannot straddle one's end.
    const now = Date.now();
    const windowMs = THROTTLE_WINDOW_SECONDS * 1000;
    vi.useFakeTimers({ now: now - (now % windowMs) + windowMs / 2, toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await app.request('/api/auth/login', { method: 'POST', headers: WRITE, body: JSON.stringify({ email: 'nhansu@test.vn', password: 'sai' }) });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe('auth.throttled');
  });

  it('shows admins the audit log filtered by actor and unit, and exports it', async () => {
    const cookie = await signIn('quantri@test.vn');
    const today = new Date().toISOString().slice(0, 10);
    const all = await (await app.request(`/api/audit?from=${today}&to=${today}`, { headers: { cookie } })).json();
    const actions = all.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.sign_in', 'auth.sign_in_failed', 'account.password_link_issued', 'account.password_set_by_link']));
    const byActor = await (await app.request(`/api/audit?from=${today}&to=${today}&actor=nhansu@test.vn`, { headers: { cookie } })).json();
    expect(byActor.entries.every((e: { actor: string }) => e.actor === 'nhansu@test.vn')).toBe(true);
    const inCommune = await (await app.request(`/api/audit?from=${today}&to=${today}&unit=${tree.commune.id}`, { headers: { cookie } })).json();
    expect(inCommune.entries.every((e: { unitId: string }) => e.unitId === tree.commune.id)).toBe(true);
    // Each entry is what happened, with a stable id: no table keys, item type or index keys.
    const fields = new Set(all.entries.flatMap((e: object) => Object.keys(e)));
    expect([...fields].filter((k) => !['id', 'at', 'actor', 'action', 'unitId', 'detail'].includes(k as string))).toEqual([]);
    expect(new Set(all.entries.map((e: { id: string }) => e.id)).size).toBe(all.entries.length);
    const csv = await app.request(`/api/audit.csv?from=${today}&to=${today}`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe('Thời điểm,Người thực hiện,Mã hành động,Hành động,Mã đơn vị,Đơn vị,Chi tiết');
  });
});

describe('the course list at catalogue scale', () => {
  it('costs the same few DynamoDB requests for 1 course as for 16, and keeps each learner on their version', async () => {
    const { useFreshTable: fresh } = await import('../../../test/support/db.ts');
    const { meterDynamo } = await import('@sansang/core/testing');
    const { Course, Progress } = await import('@sansang/core');
    const { bundle } = await import('../../../test/support/fixtures.ts');
    await fresh();
    const tree = await smallProvince(1);
    const learner = tree.people[0]!;
    await account('hocvien@test.vn', learner.id);
    const cookie = await signIn('hocvien@test.vn');
    await Progress.markLessonDone({ personId: learner.id, slug: 'khoa-mau', lessonId: 'bai-mot' });
    const meter = meterDynamo();
    meter.take();
    const one = await (await app.request('/api/courses', { headers: { cookie } })).json();
    const requestsForOne = meter.take().requests;
    for (let i = 0; i < 15; i++) await Course.publish(bundle({ slug: `khoa-${i}`, hash: `h-${i}` }));
    // The learner started version 1 of khoa-mau; version 2 (three lessons) does not change their view.
    await Course.publish(bundle({ version: 2, hash: 'h-v2', lessons: [...bundle().lessons, { id: 'bai-ba', title: 'Bài ba', html: '<p>Ba</p>' }] }));
    meter.take();
    const all = await (await app.request('/api/courses', { headers: { cookie } })).json();
    const requestsForAll = meter.take().requests;
    expect(all.courses).toHaveLength(16);
    expect(requestsForAll).toBeLessThanOrEqual(requestsForOne + 1); // + the one older version the learner is on
    const mine = all.courses.find((c: { slug: string }) => c.slug === 'khoa-mau');
    expect(mine).toMatchObject({ version: 1, lessonCount: 2, progress: { lessonsDone: ['bai-mot'], lessonCount: 2 } });
    expect(one.courses[0].progress).toEqual(mine.progress);
  });
});
