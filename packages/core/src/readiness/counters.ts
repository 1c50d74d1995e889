import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';

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

/** `ADD #c0 :c0, #c1 :c1` for an UpdateItem; counter names may hold any character. */
export function addExpression(delta: Counters) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(delta).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return { UpdateExpression: `ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export function randomShard(count: number): number {
  return Math.floor(Math.random() * count);
}

export const isCounterItem = (sk: string) => sk === keys.statsSk || sk.startsWith(keys.subtreePrefix);

/** A unit's subtree totals: the sum of its shards, one query. */
export async function subtreeOf(unitId: string): Promise<Counters> {
  const shards = await queryList({ pk: keys.unitPartition(unitId), skPrefix: keys.subtreePrefix });
  return shards.reduce<Counters>((sum, item) => addInto(sum, countersOf(item)), {});
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
