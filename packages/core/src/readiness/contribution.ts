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

const pendingMarker = () => keys.pendingMark(randomShard(ROLLUP_SHARDS));

/** What `contribute` found and did: whether the record is new, and whether its roll-up is finished. */
export type Contributed = { created: boolean; settled: boolean };

/**
 * Writes the record with its unit's own counters, once, and then rolls it up to the subtree
 * totals (unless `rollUp` is false: the caller settles it later). A retried or duplicated
 * request finds the record written: it never counts twice, but it does finish a roll-up
 * its first try left pending, so the learner's own retry repairs the figures an officer reads.
 * Throws PersonChanged when the person no longer sits active in `unitId`.
 */
export async function contribute(c: Contribution, options: { rollUp?: boolean } = {}): Promise<Contributed> {
  const hasDelta = Object.keys(c.delta).length > 0;
  const item = { ...contributionItem(c), ...(hasDelta ? pendingMarker() : {}) };
  let created = true;
  let pending = hasDelta;
  try {
    await withConflictRetry(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            // The record as it stands comes back when it exists: no extra read to learn if its roll-up is pending.
            { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
            {
              Update: {
                TableName: tableName(),
                Key: keys.person(c.personId),
                UpdateExpression: 'ADD rev :one',
                ConditionExpression: 'unitId = :unit AND #status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':unit': c.unitId, ':active': 'active' },
              },
            },
            ...(hasDelta ? [{ Update: { TableName: tableName(), Key: keys.unitStats(c.unitId), ...addExpression(c.delta) } }] : []),
          ],
        }),
      ),
    );
  } catch (err) {
    if (reasonAt(err, 0) !== 'ConditionalCheckFailed') {
      if (reasonAt(err, 1) === 'ConditionalCheckFailed') throw new PersonChanged(c.personId);
      throw err;
    }
    created = false;
    pending = oldItemAt(err, 0)?.gsi2pk !== undefined;
  }
  const settled = !pending || (options.rollUp !== false && (await settle(c.key)));
  return { created, settled };
}

const oldItemAt = (err: unknown, i: number) => ((err as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons ?? [])[i]?.Item;

/**
 * Tries a pending roll-up once more and says whether it is finished (by this call or
 * another). A failure is not thrown: the record stays in the sparse index and the
 * every-minute sweep (`sweepRollups`) finishes it.
 */
export async function settle(key: Key): Promise<boolean> {
  try {
    await rollup(key);
    return true;
  } catch {
    return false;
  }
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
 * or applies a transfer item and deletes it. Exactly once because the pending marker is
 * removed (or the transfer deleted) in the same transaction as the additions, on the
 * condition that it is still there. True when this call applied it; false when it was
 * already applied.
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
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            done,
            ...deltas
              .filter(([, d]) => Object.keys(d).length > 0)
              .map(([unitId, delta]) => ({
                Update: { TableName: tableName(), Key: keys.unitSubtreeShard(unitId, randomShard(SUBTREE_SHARDS)), ...addExpression(delta) },
              })),
          ],
        }),
      ),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
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
  const perShard = await Promise.all(
    Array.from({ length: ROLLUP_SHARDS }, async (_, shard) => {
      let done = 0;
      for await (const item of queryAll({ index: 'gsi2', pk: keys.pendingRollup(shard) })) {
        if (Date.now() >= stopAt) break;
        if (await rollup({ pk: String(item.pk), sk: String(item.sk) })) done++;
      }
      return done;
    }),
  );
  return perShard.reduce((a, b) => a + b, 0);
}

/** Marks a pending contribution as rolled up (or drops a transfer) without touching counters: rebuild recounts them. */
export async function clearPending(key: Key): Promise<void> {
  if (keys.isTransfer(key)) await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
  else await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
}
