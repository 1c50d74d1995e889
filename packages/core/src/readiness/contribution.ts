import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
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
  /** The person it belongs to: written only while they are still active in `unitId`. */
  personId: string;
  unitId: string;
  ancestors: string[];
  delta: Counters;
  attributes: Record<string, unknown>;
};

/** The person was moved, re-classified or left between reading them and writing: read again. */
export class PersonChanged extends Error {
  constructor(readonly personId: string) {
    super(`person ${personId} changed during the write`);
  }
}

const reasonAt = (err: unknown, i: number) => ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [])[i]?.Code;

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
export { withConflictRetry };

export function contributionItem(c: Contribution): Record<string, unknown> {
  return { ...c.key, ...c.attributes, personId: c.personId, type: c.type, unitId: c.unitId, ancestors: c.ancestors, delta: c.delta };
}

const pendingMarker = () => ({ gsi2pk: keys.pendingRollup(randomShard(ROLLUP_SHARDS)), gsi2sk: new Date().toISOString() });

/**
 * Returns false when the record already existed: a retried request never counts twice.
 * Throws PersonChanged when the person no longer sits active in `unitId`.
 */
export async function contribute(c: Contribution): Promise<boolean> {
  const hasDelta = Object.keys(c.delta).length > 0;
  const item = { ...contributionItem(c), ...(hasDelta ? pendingMarker() : {}) };
  try {
    await withConflictRetry(() =>
      db().send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: tableName(), Key: keys.person(c.personId), UpdateExpression: 'ADD rev :one',
              ConditionExpression: 'unitId = :unit AND #status = :active',
              ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':one': 1, ':unit': c.unitId, ':active': 'active' },
            },
          },
          ...(hasDelta ? [{ Update: { TableName: tableName(), Key: keys.unitStats(c.unitId), ...addExpression(c.delta) } }] : []),
        ],
      })),
    );
  } catch (err) {
    if (reasonAt(err, 0) === 'ConditionalCheckFailed') return false;
    if (reasonAt(err, 1) === 'ConditionalCheckFailed') throw new PersonChanged(c.personId);
    throw err;
  }
  if (hasDelta) await rollup(c.key).catch(() => undefined /* left pending; sweepRollups finishes it */);
  return true;
}

/** Most units a transfer item names, so its roll-up fits one transaction (100 items). */
const TRANSFER_UNITS = 90;

/**
 * Items that carry subtree deltas (unit id → counters) to be rolled up after the
 * transaction they are part of commits: what a move, a merge or a roster change adds and
 * takes away along two chains of ancestors.
 */
export function transferItems(subtreeDeltas: Map<string, Counters>): Record<string, unknown>[] {
  const entries = [...subtreeDeltas].filter(([, d]) => Object.values(d).some((n) => n !== 0));
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < entries.length; i += TRANSFER_UNITS) {
    items.push({ ...keys.transfer(randomUUID()), type: 'transfer', transfers: Object.fromEntries(entries.slice(i, i + TRANSFER_UNITS)), ...pendingMarker() });
  }
  return items;
}

/**
 * Adds a recorded contribution to the subtree totals of its unit and every ancestor, once;
 * or applies a transfer item and deletes it.
 */
export async function rollup(key: Key): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const item = out.Item;
  if (!item?.gsi2pk) return false;
  const deltas: [string, Counters][] = item.transfers
    ? Object.entries(item.transfers as Record<string, Counters>)
    : [...(item.ancestors as string[]), item.unitId as string].map((unitId) => [unitId, item.delta as Counters]);
  const done = item.transfers
    ? { Delete: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_exists(gsi2pk)' } }
    : { Update: { TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk', ConditionExpression: 'attribute_exists(gsi2pk)' } };
  try {
    await withConflictRetry(() =>
      db().send(new TransactWriteCommand({
        TransactItems: [
          done,
          ...deltas.filter(([, d]) => Object.keys(d).length > 0).map(([unitId, delta]) => ({
            Update: { TableName: tableName(), Key: keys.unitSubtreeShard(unitId, randomShard(SUBTREE_SHARDS)), ...addExpression(delta) },
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

/** Marks a pending contribution as rolled up (or drops a transfer) without touching counters: rebuild recounts them. */
export async function clearPending(key: Key): Promise<void> {
  if (key.pk.startsWith('TRANSFER#')) await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
  else await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
}
