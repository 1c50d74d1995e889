import type { Org } from '../org/index.ts';
import { Target } from '../target/index.ts';
import { addInto, type Counters } from './counters.ts';

/**
 * Which units' subtree totals hold a target's counters. A target set by a unit applies to
 * that unit's subtree only (Target.applyingAt): nobody above it or beside it is measured
 * against it. So a target's counters are kept only where it applies — in the subtree totals
 * of the unit that set it and of the units below it — and never rise above it. The root's
 * counter items then hold the national targets' counters only, however many targets the
 * provinces and ministries set, and stay small enough for the root's partition to take a
 * national deadline rush (docs/scale.md, "The hottest partitions"). A person's own unit
 * still counts their marks in its own counters (those follow the person, not the tree).
 *
 * Every path that adds to subtree totals along a chain of units — a roll-up, a person's
 * change, a mark taken back, a unit moved — and `rebuild`, which recounts them, go through
 * `spread`, so they agree on where a counter belongs.
 */

/** Target id → the unit that set it, or null for a target of the whole installation. */
export type Owners = ReadonlyMap<string, string | null>;

export const ownersOf = (targets: readonly Pick<Target.Info, 'id' | 'unitId'>[]): Owners => new Map(targets.map((t) => [t.id, t.unitId ?? null]));

/** Owners read now, or a way to read them when first needed. */
export type OwnersAt = Owners | (() => Promise<Owners>);

/** The owners themselves, read now if they were handed over as a way to read them. */
export const ownersNow = async (owners: OwnersAt): Promise<Owners> => (typeof owners === 'function' ? owners() : owners);

/** Reads the targets' owners on first need, once: a batch of roll-ups or people's changes shares the read. */
export function ownersOnce(): () => Promise<Owners> {
  let read: Promise<Owners> | undefined;
  return () => (read ??= Target.list().then(ownersOf));
}

/** The owned target a counter counts for, if any (an exemption from every target counts for none). */
function ownerOf(name: string, owners: Owners): string | null {
  const target = Target.targetOfCounter(name);
  return target === null ? null : (owners.get(target) ?? null);
}

/**
 * A delta added along a chain of units (root first, ending with the person's unit): what
 * each unit's subtree totals take of it. A target's counters start at its owner's place on
 * the chain; a target whose owner is not on the chain is counted in no subtree total.
 */
export function spread(chain: readonly string[], delta: Counters, owners: Owners): [string, Counters][] {
  const from = new Map<string, number>();
  for (const name of Object.keys(delta)) {
    const owner = ownerOf(name, owners);
    if (owner !== null) from.set(name, chain.includes(owner) ? chain.indexOf(owner) : chain.length);
  }
  if (from.size === 0) return chain.map((unitId) => [unitId, delta]);
  return chain.map((unitId, i) => [unitId, Object.fromEntries(Object.entries(delta).filter(([name]) => (from.get(name) ?? 0) <= i))]);
}

/** The counters of `delta` that count for targets set by one of `units`. */
export function ownedBy(delta: Counters, units: ReadonlySet<string>, owners: Owners): Counters {
  return Object.fromEntries(
    Object.entries(delta).filter(([name]) => {
      const owner = ownerOf(name, owners);
      return owner !== null && units.has(owner);
    }),
  );
}

/**
 * `spread`, with the owners of the targets the delta counts: those given (read once for many),
 * read again when they lack one the delta counts (a target set since), or read now.
 */
export async function spreadAlong(chain: readonly string[], delta: Counters, owners?: OwnersAt): Promise<[string, Counters][]> {
  const counted = Object.keys(delta).flatMap((name) => {
    const target = Target.targetOfCounter(name);
    return target === null || target === Target.ALL_TARGETS ? [] : [target];
  });
  if (counted.length === 0) return spread(chain, delta, new Map());
  const given = owners && (await ownersNow(owners));
  const known = given && counted.every((t) => given.has(t)) ? given : ownersOf(await Target.list());
  return spread(chain, delta, known);
}

/**
 * What moving a unit's subtree does to subtree totals, unit by unit (to be written as
 * transfers). The old ancestors lose what they held of the moved subtree and the new ones
 * gain what they should hold. Inside the moved subtree, a target set by an ancestor it
 * leaves stops being counted, and one set by an ancestor it joins starts being counted from
 * the units' own counters.
 *
 * `subtree`: the moved unit first, then its descendants, each with its chain inside the
 * subtree (ancestors from the moved unit down), its own counters and its subtree totals.
 */
export function moveDeltas(
  moved: { before: readonly string[]; after: readonly string[] },
  subtree: readonly { id: string; path: readonly string[]; own: Counters; totals: Counters }[],
  owners: Owners,
): Map<string, Counters> {
  const left = new Set(moved.before.filter((id) => !moved.after.includes(id)));
  const joined = new Set(moved.after.filter((id) => !moved.before.includes(id)));
  const deltas = new Map<string, Counters>();
  const add = (unitId: string, delta: Counters, sign: number) => {
    if (Object.keys(delta).length > 0) deltas.set(unitId, addInto(deltas.get(unitId) ?? {}, delta, sign));
  };
  // Inside: each unit gains the joined owners' counters of every unit at or below it.
  const gained = new Map<string, Counters>();
  for (const unit of subtree) {
    const own = ownedBy(unit.own, joined, owners);
    for (const id of [...unit.path, unit.id]) gained.set(id, addInto(gained.get(id) ?? {}, own));
  }
  for (const unit of subtree) {
    add(unit.id, ownedBy(unit.totals, left, owners), -1);
    add(unit.id, gained.get(unit.id) ?? {}, 1);
  }
  const [top] = subtree;
  if (!top) return deltas;
  const totalsAfter = addInto(addInto({ ...top.totals }, ownedBy(top.totals, left, owners), -1), gained.get(top.id) ?? {});
  for (const [id, d] of spread(moved.before, top.totals, owners)) if (left.has(id)) add(id, d, -1);
  for (const [id, d] of spread(moved.after, totalsAfter, owners)) if (joined.has(id)) add(id, d, 1);
  return deltas;
}
