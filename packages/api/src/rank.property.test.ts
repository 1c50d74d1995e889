import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Account, Org, Person, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';

/**
 * The rank rule as a property: on a random tree with random accounts, an attacker who
 * starts from one account and plays any sequence of account-acting and reorganising calls
 * (taking over every account a link lets them into, and acting from each) never ends up
 * holding or reaching a power over a unit that their first account did not reach.
 *
 * The reach is computed here from the tree, independently of `rank.ts`: a grant reaches
 * every unit of its subtree with its role's powers; a trainer's catalogue is the
 * installation's, so it reaches everything with the trainer power. Nor may any other
 * account lose or gain a power the attacker did not reach (a wider admin demoted).
 */
type Role = Account.Grant['role'];
const POWERS: Record<Role, Role[]> = { learner: [], hr: ['hr'], trainer: ['trainer'], admin: ['admin', 'hr', 'trainer'] };
const ALL = '*';

type World = { prefix: string; units: Org.Info[]; people: Person.Info[]; accounts: { email: string; person: number; grants: Account.Grant[] }[] };

/** A random tree of 3–7 units (each unit's parent comes before it), one person per unit, 2–5 accounts. */
const world = fc.integer({ min: 3, max: 7 }).chain((n) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat({ max: i }))),
    accounts: fc.array(
      fc.record({
        person: fc.nat({ max: n - 1 }),
        grants: fc.array(
          fc.record({ role: fc.constantFrom<Role>('hr', 'admin', 'trainer', 'admin', 'hr'), unit: fc.option(fc.nat({ max: n - 1 }), { freq: 6 }) }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    steps: fc.array(
      fc.record({
        kind: fc.constantFrom('link', 'open', 'grants', 'move'),
        as: fc.nat(),
        target: fc.nat(),
        unit: fc.nat({ max: n - 1 }),
        other: fc.nat({ max: n - 1 }),
        grants: fc.array(fc.record({ role: fc.constantFrom<Role>('hr', 'admin', 'trainer'), unit: fc.option(fc.nat({ max: n - 1 }), { freq: 4 }) }), {
          maxLength: 2,
        }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

let run = 0;
async function build(parents: number[], accounts: { person: number; grants: { role: Role; unit: number | null }[] }[]): Promise<World> {
  const prefix = `r${++run}`;
  const units: Org.Info[] = [];
  for (let i = 0; i <= parents.length; i++) {
    const parent = i === 0 ? null : units[parents[i - 1]!]!;
    units.push(Org.make({ id: `${prefix}-u${i}`, code: `${prefix}-U${i}`, name: `Đơn vị ${i}`, kind: i === 0 ? 'province' : 'agency' }, parent));
  }
  const people: Person.Info[] = units.map((u, i) => ({
    id: personIdFor(`${prefix}-NV${i}`),
    employeeCode: `${prefix}-NV${i}`,
    fullName: `Người ${i}`,
    email: null,
    unitId: u.id,
    category: 'cong-chuc',
    position: 'Chuyên viên',
    status: 'active',
  }));
  await putMany([...units.map(Org.toItem), ...people.map(Person.toItem)]);
  const made = accounts.map((a, i) => ({
    email: `${prefix}-tk${i}@test.vn`,
    person: a.person,
    grants: dedupe(a.grants.map((g) => ({ role: g.role, unitId: g.unit === null ? null : units[g.unit]!.id }))),
  }));
  for (const a of made) await Account.create({ email: a.email, personId: people[a.person]!.id, grants: a.grants, password: 'mat-khau-dung' });
  return { prefix, units, people, accounts: made };
}

const dedupe = (grants: Account.Grant[]) => grants.filter((g, i) => grants.findIndex((h) => h.role === g.role && h.unitId === g.unitId) === i);

/** Every (power, unit) pair the grants reach in the tree as it is now. */
async function reach(grants: Account.Grant[], w: World): Promise<Set<string>> {
  const now = await Org.getMap(w.units.map((u) => u.id));
  const out = new Set<string>();
  for (const g of grants) {
    for (const p of POWERS[g.role]) {
      const everywhere = g.role === 'trainer' || g.unitId === null;
      if (everywhere) out.add(`${p}@${ALL}`);
      for (const u of now.values()) if (everywhere || Org.isWithin(u, g.unitId!)) out.add(`${p}@${u.id}`);
    }
  }
  return out;
}
/** A reach at `${p}@*` contains every unit's `${p}`. */
const within = (pair: string, outer: Set<string>) => outer.has(pair) || outer.has(`${pair.split('@')[0]}@${ALL}`);

async function request(cookie: string | null, path: string, body: unknown) {
  const res = await app.request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang', ...(cookie ? { cookie } : {}) },
  });
  expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : null };
}
async function signIn(email: string, password: string) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
  });
  expect(res.status, `sign-in ${email}`).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
/** Redeems a set-password link as whoever received it, and signs in with the new password. */
async function takeOver(email: string, link: string) {
  const token = link.split('#')[1]!;
  expect((await request(null, '/api/auth/password-link', { token, password: 'da-chiem-duoc-roi' })).status).toBe(200);
  return signIn(email, 'da-chiem-duoc-roi');
}

describe('rank rule as a property', () => {
  beforeAll(async () => {
    await useFreshTable();
  });

  it('never lets a sequence of calls leave an actor holding or reaching more than their first account did', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await fc.assert(
      fc.asyncProperty(world, async ({ parents, accounts, steps }) => {
        const w = await build(parents, accounts);
        const before = await reach(w.accounts[0]!.grants, w);
        const beyond = async (grants: Account.Grant[]) => [...(await reach(grants, w))].filter((pair) => !within(pair, before)).sort();
        const othersBefore = await Promise.all(w.accounts.map((a) => beyond(a.grants)));
        /** The accounts the attacker has signed in to: the first, then each one taken over. */
        const held = new Map<string, string>([[w.accounts[0]!.email, await signIn(w.accounts[0]!.email, 'mat-khau-dung')]]);
        let opened = 0;
        for (const s of steps) {
          const actors = [...held.values()];
          const as = actors[s.as % actors.length]!;
          const target = w.accounts[s.target % w.accounts.length]!;
          const grants = dedupe(s.grants.map((g) => ({ role: g.role, unitId: g.unit === null ? null : w.units[g.unit]!.id })));
          if (s.kind === 'link') {
            const res = await request(as, '/api/accounts/password-link', { email: target.email });
            if (res.status === 200 && !held.has(target.email)) held.set(target.email, await takeOver(target.email, res.body.link));
          } else if (s.kind === 'open') {
            const email = `${w.prefix}-moi${++opened}@test.vn`;
            const res = await request(as, '/api/accounts', { email, employeeCode: w.people[s.unit]!.employeeCode, grants });
            if (res.status === 201) {
              w.accounts.push({ email, person: s.unit, grants });
              held.set(email, await takeOver(email, res.body.link));
            }
          } else if (s.kind === 'grants') {
            await request(as, '/api/accounts/grants', { email: target.email, grants });
          } else {
            await request(as, `/api/org/units/${w.units[s.unit]!.id}/move`, { parentId: w.units[s.other]!.id, effective: today });
          }
        }
        const grantsNow = (await Promise.all([...held.keys()].map((e) => Account.get(e)))).flatMap((a) => a!.grants);
        const after = await reach(grantsNow, w);
        const gained = [...after].filter((pair) => !within(pair, before));
        expect(gained, `held ${[...held.keys()].join(', ')}`).toEqual([]);
        const othersAfter = await Promise.all(w.accounts.slice(0, othersBefore.length).map(async (a) => beyond((await Account.get(a.email))!.grants)));
        expect(othersAfter).toEqual(othersBefore);
      }),
      { numRuns: 40 },
    );
  }, 600_000);
});
