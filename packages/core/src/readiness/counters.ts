import { ownCounterItems, subtreeShards } from './store.ts';

export type Counters = Record<string, number>;

/** Attributes of a counter item that are not counters. */
const structural = new Set(['pk', 'sk', 'type', 'unitId']);

export function countersOf(item: Record<string, unknown>): Counters {
  const out: Counters = {};
  for (const [name, value] of Object.entries(item)) {
    if (!structural.has(name) && typeof value === 'number') out[name] = value;
  }
  return out;
}

export function addInto(into: Counters, delta: Counters, sign = 1): Counters {
  for (const [name, n] of Object.entries(delta)) into[name] = (into[name] ?? 0) + sign * n;
  return into;
}

/** A unit's subtree totals: the sum of its shards, one query. */
export async function subtreeOf(unitId: string): Promise<Counters> {
  const shards = await subtreeShards(unitId);
  return shards.reduce<Counters>((sum, item) => addInto(sum, countersOf(item)), {});
}

/** Units' own counters (not their subtrees'), by unit id; a unit without any has none. */
export async function ownCountersOf(unitIds: string[]): Promise<Map<string, Counters>> {
  const items = await ownCounterItems(unitIds);
  return new Map(unitIds.map((id) => [id, countersOf(items.get(id) ?? {})]));
}

/**
 * One thing `rebuild` found differing from the source records: a counter of a unit's own
 * totals, of its subtree totals (all shards summed) or of a weekly snapshot; or a record
 * (`item`, as pk/sk) that is missing, should not exist (`exists`), sits in the wrong unit or
 * counts the wrong thing. `expected` is what the source records say, `actual` what is stored.
 */
export type Mismatch = {
  unitId: string;
  scope: 'own' | 'subtree' | 'record' | 'snapshot';
  counter: string;
  expected: number;
  actual: number;
  item?: string;
};

export const differences = (unitId: string, scope: Mismatch['scope'], expected: Counters, actual: Counters, item?: string): Mismatch[] =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((c) => (expected[c] ?? 0) !== (actual[c] ?? 0))
    .map((counter) => ({ unitId, scope, counter, expected: expected[counter] ?? 0, actual: actual[counter] ?? 0, ...(item ? { item } : {}) }));
