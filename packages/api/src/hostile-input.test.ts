import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { app } from './app.ts';
import { registry } from './route.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/** Odd values a form, a script or an attacker may send in any field. */
const oddValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', 'NaN', '-0', '1e309', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '{"$ne":null}', 'Đ̛̣̃ồng'),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 53 + 1),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }),
);
const oddBody = fc.oneof(
  fc.json().map((j) => j),
  fc
    .dictionary(
      fc.constantFrom('email', 'password', 'answers', 'token', 'next', 'current', 'personId', 'grants', 'unit', '__proto__', 'constructor'),
      oddValue,
      { maxKeys: 6 },
    )
    .map((d) => JSON.stringify(d)),
  fc.constantFrom('{', '[]', 'null', '"', '{"a":', '\u0000', '{"answers":{"q1":[{}]}}', '{"grants":[{"role":"admin","unitId":null}]}'),
  fc.string({ maxLength: 300 }),
);
const segment = oddValue.map((v) => encodeURIComponent(typeof v === 'string' ? v.slice(0, 200) : (JSON.stringify(v) ?? '')));

describe('hostile input on every endpoint', () => {
  let cookie = '';
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(1);
    await account('quantri@test.vn', tree.people[0]!.id, [{ role: 'admin', unitId: null }]);
    cookie = await sessionCookie('quantri@test.vn');
  });

  it('always answers 2xx/4xx with an error code, never a 5xx or a stack trace', async () => {
    const routes = registry.filter((r) => r.path !== '/api/auth/logout');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(segment, { minLength: 2, maxLength: 2 }),
        fc.dictionary(fc.constantFrom('unit', 'target', 'from', 'to', 'actor'), segment, { maxKeys: 4 }),
        oddBody,
        fc.boolean(),
        async (route, [a, b], query, body, signedIn) => {
          let i = 0;
          const path = route.path.replace(/:\w+/g, () => [a, b][i++] || 'x');
          const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, decodeURIComponent(v)])).toString();
          const res = await app.request(`${path}${qs ? `?${qs}` : ''}`, {
            method: route.method.toUpperCase(),
            headers: { 'x-requested-with': 'sansang', 'content-type': 'application/json', ...(signedIn ? { cookie } : {}) },
            body: route.method === 'post' ? body : undefined,
          });
          const text = await res.text();
          expect(res.status, `${route.method} ${path} → ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
          if (res.status >= 400) expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
        },
      ),
      { numRuns: 400 },
    );
  });
});
