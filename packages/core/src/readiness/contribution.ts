import type { Counters } from './counters.ts';
import { ownersOnce, spreadAlong, type OwnersAt } from './reach.ts';
import { applyRollup, clearPending, pendingRollup, pendingRollupShards, transferItems, writeContribution, type Key } from './store.ts';

export { clearPending, transferItems };

/**
 * A source record that adds to readiness counters (a completion, a "trained" mark). It is
 * written once, with its unit's own counters, in one transaction; the subtree totals of the
 * unit and its ancestors follow in a second, sharded step. Until that step lands the record
 * stays in the sparse `gsi2` index, so a crash in between is finished by `sweepRollups`.
 */
export type Contribution = {
  key: Key;
  type: string;
  /** The person it belongs to: written only while they are still active in `unitId`. */
  personId: string;
  unitId: string;
  ancestors: string[];
  delta: Counters;
  attributes: Record<string, unknown>;
  /** Items written with the record, in its transaction, only when it is new (a mark's lapse due marks). */
  also?: Record<string, unknown>[];
};

/** The person was moved, re-classified or left between reading them and writing: read again. */
export class PersonChanged extends Error {
  constructor(readonly personId: string) {
    super(`person ${personId} changed during the write`);
  }
}

/** A contribution as a plain item, without the pending marker: bulk writes use it, then `rebuild`. */
export function contributionItem(c: Contribution): Record<string, unknown> {
  return { ...c.key, ...c.attributes, personId: c.personId, type: c.type, unitId: c.unitId, ancestors: c.ancestors, delta: c.delta };
}

/** What `contribute` found and did: whether the record is new, and whether its roll-up is finished. */
export type Contributed = { created: boolean; settled: boolean };

/**
 * Writes the record with its unit's own counters, once, and then rolls it up to the subtree
 * totals (unless `rollUp` is false: the caller settles it later). A retried or duplicated
 * request finds the record written: it never counts twice, but it does finish a roll-up
 * its first try left pending, so the learner's own retry repairs the figures an officer reads.
 * Throws PersonChanged when the person no longer sits active in `unitId`.
 */
export async function contribute(c: Contribution, options: { rollUp?: boolean; owners?: OwnersAt } = {}): Promise<Contributed> {
  // A record that counts nothing has nothing to roll up.
  const hasDelta = Object.keys(c.delta).length > 0;
  const written = await writeContribution({
    item: contributionItem(c),
    also: c.also ?? [],
    personId: c.personId,
    unitId: c.unitId,
    delta: c.delta,
    pending: hasDelta,
  });
  if (written.outcome === 'person_changed') throw new PersonChanged(c.personId);
  const created = written.outcome === 'created';
  const pending = written.outcome === 'created' ? hasDelta : written.pending;
  const settled = !pending || (options.rollUp !== false && (await settle(c.key, options.owners)));
  return { created, settled };
}

/**
 * Tries a pending roll-up once more and says whether it is finished (by this call or
 * another). A failure is not thrown: the record stays in the sparse index and the
 * every-minute sweep (`sweepRollups`) finishes it.
 */
export async function settle(key: Key, owners?: OwnersAt): Promise<boolean> {
  try {
    await rollup(key, owners);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a recorded contribution to the subtree totals of its unit and every ancestor (a
 * target's counters no higher than the unit that set it: reach.ts), once; or applies a
 * transfer item and deletes it. Exactly once because the pending marker is removed (or the
 * transfer deleted) in the same transaction as the additions, on the condition that it is
 * still there. True when this call applied it; false when it was already applied.
 * `owners`: the targets' owners when the caller has read them.
 */
export async function rollup(key: Key, owners?: OwnersAt): Promise<boolean> {
  const item = await pendingRollup(key);
  if (!item) return false;
  if (item.transfers) return applyRollup(key, true, Object.entries(item.transfers as Record<string, Counters>));
  const chain = [...(item.ancestors as string[]), item.unitId as string];
  return applyRollup(key, false, await spreadAlong(chain, item.delta as Counters, owners));
}

/**
 * Finishes roll-ups a crashed or throttled request left behind. Safe to run at any time,
 * and alongside itself: a roll-up lands once whoever runs it. It runs every minute
 * (infra/spec.ts `rollups`), so its idle cost is what matters: one Query per shard of the
 * sparse index (ROLLUP_SHARDS, in parallel), each returning nothing — no item is read while
 * nothing is pending. `stopAt` (epoch ms) stops starting new roll-ups before a Lambda's
 * timeout; what is left waits for the next run.
 */
export async function sweepRollups(options: { stopAt?: number } = {}): Promise<number> {
  const stopAt = options.stopAt ?? Infinity;
  // The targets' owners are read once a run, and only when a pending record counts a target.
  const owners = ownersOnce();
  const perShard = await Promise.all(
    pendingRollupShards().map(async (pending) => {
      let done = 0;
      for await (const key of pending) {
        if (Date.now() >= stopAt) break;
        if (await rollup(key, owners)) done++;
      }
      return done;
    }),
  );
  return perShard.reduce((a, b) => a + b, 0);
}
