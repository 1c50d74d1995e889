import { Org } from '../org/index.ts';

/**
 * The rank rule: nobody acts above their own rank. It is the one check behind every
 * operation that acts on an account (a set-password link, a new login for a person, a
 * change of grants, binding a sign-in identity), so a new route cannot forget half of it.
 *
 * A grant is a set of powers over a scope. `admin` holds the powers of `hr` and `trainer`;
 * a `trainer` grant reaches the whole catalogue wherever it is anchored, so its scope is
 * always the installation. One grant covers another when it holds every power of the other
 * over a scope that contains the other's.
 */
export type Role = 'learner' | 'hr' | 'trainer' | 'admin';
export type Grant = { role: Role; unitId: string | null };
/** Who acts: an account's grants, or the operator at the command line (every power). */
export type Actor = { email: string; grants: Grant[] };

const powers: Record<Role, readonly Role[]> = { learner: [], hr: ['hr'], trainer: ['trainer'], admin: ['admin', 'hr', 'trainer'] };

/** The unit a grant reaches (null: the whole installation). */
export const scopeOf = (g: Grant): string | null => (g.role === 'trainer' ? null : (g.unitId ?? null));

/** Units by id with their ancestors: enough to tell whether one scope lies inside another. */
export type UnitIndex = ReadonlyMap<string, Pick<Org.Info, 'id' | 'ancestors'>>;

function scopeContains(outer: string | null, inner: string | null, units: UnitIndex): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  const unit = units.get(inner);
  // A grant on a unit that no longer exists reaches nothing, so it is inside nobody's scope but the installation's.
  return unit !== undefined && Org.isWithin(unit, outer);
}

/** True when `held` holds every power of `other` over a scope that contains `other`'s. */
export function grantCovers(held: Grant, other: Grant, units: UnitIndex): boolean {
  if (!powers[other.role].every((p) => powers[held.role].includes(p))) return false;
  return scopeContains(scopeOf(held), scopeOf(other), units);
}

/** The actor may hand out or take away `grant`: an admin grant over a scope containing it. */
export function mayGive(actor: Actor, grant: Grant, units: UnitIndex): boolean {
  return actor.grants.some((g) => g.role === 'admin' && grantCovers(g, grant, units));
}

/**
 * The actor may act on an account: an hr or admin grant over the unit of the account's
 * person, and for each of the account's grants one of the actor's that covers it.
 */
export function mayActOn(actor: Actor, target: { personUnitId: string; grants: Grant[] }, units: UnitIndex): boolean {
  const overPerson = actor.grants.some((g) => grantCovers(g, { role: 'hr', unitId: target.personUnitId }, units));
  return overPerson && target.grants.every((t) => actor.grants.some((g) => grantCovers(g, t, units)));
}

/**
 * Grants after an actor asks for `requested`: the ones the actor could not have given are
 * kept as they were, whatever the request says, and only the others are replaced.
 */
export function mergeGrants(actor: Actor, before: Grant[], requested: Grant[], units: UnitIndex): Grant[] {
  const kept = before.filter((g) => !mayGive(actor, g, units));
  const key = (g: Grant) => `${g.role}#${g.unitId ?? ''}`;
  const seen = new Set<string>();
  return [...kept, ...requested].filter((g) => !seen.has(key(g)) && seen.add(key(g)));
}

/** Every unit the rule needs to know of for these grants and people. */
export const unitsNamed = (grants: Grant[], unitIds: string[]) => [...unitIds, ...grants.map(scopeOf).filter((id): id is string => id !== null)];
