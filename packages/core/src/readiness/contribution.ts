import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys, type Key, ROLLUP_SHARDS, SUBTREE_SHARDS } from '../db/keys.ts';
import { queryAll } from '../db/query.ts';
import { addExpression, randomShard, type Counters } from './counters.ts';

/**
 * A source record that adds to readiness counters (a completion, a "trained" mark). It is
 * written once, with its unit's own counters, in one transaction; the subtree totals of the
 * unit and its ancestors follow in a second, sharded step. Until that step lands the record
 * stays in the sparse `gsi2` index, so a crash in between is finished by `sweepRollups`.
 */
export type Contribution = {
  key: Key;
  type: string;
  unitId: string;
  ancestors: string[];
  delta: Counters;
  attributes: Record<string, unknown>;
};

const isConflict = (err: unknown) =>
  (err as { name?: string }).name === 'TransactionCanceledException' &&
  ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

async function withConflictRetry<T>(attempt: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isConflict(err) || i >= tries) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** i)));
    }
  }
}

/** A contribution as a plain item, without the pending marker: bulk writes use it, then `rebuild`. */
export function contributionItem(c: Contribution): Record<string, unknown> {
  return { ...c.key, ...c.attributes, type: c.type, unitId: c.unitId, ancestors: c.ancestors, delta: c.delta };
}

/** Returns false when the record already existed: a retried request never counts twice. */
export async function contribute(c: Contribution): Promise<boolean> {
  const at = new Date().toISOString();
  const hasDelta = Object.keys(c.delta).length > 0;
  const item = {
    ...contributionItem(c),
    ...(hasDelta ? { gsi2pk: keys.pendingRollup(randomShard(ROLLUP_SHARDS)), gsi2sk: at } : {}),
  };
  try {
    await withConflictRetry(() =>
      db().send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(hasDelta ? [{ Update: { TableName: tableName(), Key: keys.unitStats(c.unitId), ...addExpression(c.delta) } }] : []),
        ],
      })),
    );
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
  if (hasDelta) await rollup(c.key).catch(() => undefined /* left pending; sweepRollups finishes it */);
  return true;
}

/** Adds a recorded contribution to the subtree totals of its unit and every ancestor, once. */
export async function rollup(key: Key): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const item = out.Item;
  if (!item?.gsi2pk) return false;
  const units = [...(item.ancestors as string[]), item.unitId as string];
  try {
    await withConflictRetry(() =>
      db().send(new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk', ConditionExpression: 'attribute_exists(gsi2pk)' } },
          ...units.map((unitId) => ({
            Update: { TableName: tableName(), Key: keys.unitSubtreeShard(unitId, randomShard(SUBTREE_SHARDS)), ...addExpression(item.delta as Counters) },
          })),
        ],
      })),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Finishes roll-ups a crashed or throttled request left behind. Safe to run at any time. */
export async function sweepRollups(): Promise<number> {
  let done = 0;
  for (let shard = 0; shard < ROLLUP_SHARDS; shard++) {
    for await (const item of queryAll({ index: 'gsi2', pk: keys.pendingRollup(shard) })) {
      if (await rollup({ pk: String(item.pk), sk: String(item.sk) })) done++;
    }
  }
  return done;
}

/** Marks a pending contribution as rolled up without touching counters (used by rebuild). */
export async function clearPending(key: Key): Promise<void> {
  await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
}
