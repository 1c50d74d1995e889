import type { PersonFile } from '../db/person-file.ts';
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { getMany, putMany } from '../db/batch.ts';
import { db, tableName } from '../db/client.ts';
import { conditionHeld, isConditionFailure } from '../db/errors.ts';
import { keys, type Key, ROLLUP_SHARDS, SUBTREE_SHARDS, VALDUE_SHARDS } from '../db/keys.ts';
import { queryAll, queryList } from '../db/query.ts';
import type { Counters } from './counters.ts';
import type { PersonRecord } from './person-counts.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Every read and write of readiness: the counter items (a unit's own totals, its sharded
 * subtree totals), the source records that add to them (completions, trained marks), the
 * pending roll-ups and transfers, the weekly snapshots, and the scan only `rebuild` makes.
 * What to count and in which order is decided by the other files of the folder; this one
 * knows keys, expressions, conditions and transactions.
 */
export type { Key };

const unitIdOf = (pk: unknown) => String(pk).slice(keys.unitPartition('').length);
const keyOf = (item: Record<string, unknown>): Key => ({ pk: String(item.pk), sk: String(item.sk) });
const randomShard = (count: number) => Math.floor(Math.random() * count);

/** `ADD #c0 :c0, #c1 :c1` for an UpdateItem; counter names may hold any character. */
function addExpression(delta: Counters) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(delta).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return { UpdateExpression: `ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

const addToOwn = (unitId: string, delta: Counters) => ({ Update: { TableName: tableName(), Key: keys.unitStats(unitId), ...addExpression(delta) } });

const isConflict = (err: unknown) =>
  (err as { name?: string }).name === 'TransactionCanceledException' &&
  ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** Retries a transaction that lost a conflict on a hot item, with jittered backoff, a few more times than the client does. */
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

const reasonAt = (err: unknown, i: number) => ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [])[i]?.Code;
const oldItemAt = (err: unknown, i: number) => ((err as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons ?? [])[i]?.Item;

// ---- Counters ----

/** The own-counter items of some units (BatchGet), by unit id; a unit with none is absent. */
export async function ownCounterItems(unitIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  const items = await getMany(unitIds.map((id) => keys.unitStats(id)));
  return new Map(items.map((item) => [unitIdOf(item.pk), item]));
}

/** The shards of a unit's subtree totals: one query. */
export function subtreeShards(unitId: string): Promise<Record<string, unknown>[]> {
  return queryList({ pk: keys.unitPartition(unitId), skPrefix: keys.subtreePrefix });
}

// ---- Source records ----

/** Where a completion record lives, and its place under its person's unit in the index. */
export const completionKey = (personId: string, slug: string): Key => keys.completion(personId, slug);
export const completionIndex = (unitId: string, slug: string, personId: string) => keys.completionIndex(unitId, slug, personId);
/** Where a trained mark lives, and its place under its target and its person's unit in the index. */
export const trainedKey = (personId: string, targetId: string): Key => keys.trained(personId, targetId);
export const trainedIndex = (targetId: string, unitId: string, personId: string) => keys.trainedIndex(targetId, unitId, personId);

/** Whether a stored record or transfer still waits in the sparse index for its roll-up. */
export const awaitsRollup = (item: object) => (item as { gsi2pk?: unknown }).gsi2pk !== undefined;

/** A person's completion records: one query of their partition. */
export function personCompletions(personId: string): Promise<Record<string, unknown>[]> {
  return queryList({ pk: keys.personPartition(personId), skPrefix: keys.completionPrefix });
}

/** A person's completions, trained marks, exemptions and credits (four queries at once), completions first. */
export async function personRecords(personId: string): Promise<PersonRecord[]> {
  const lists = await Promise.all(
    [keys.completionPrefix, keys.trainedPrefix, keys.exemptionPrefix, keys.creditPrefix].map((skPrefix) =>
      queryList<PersonRecord>({ pk: keys.personPartition(personId), skPrefix }),
    ),
  );
  return lists.flat();
}

/** A person's trained marks: which targets' programmes they finished, when, and until when it counts (one query of their partition). */
/** A trained mark as a person's records hold it; `retake`: the courses a new version made it lapse for, with that version. */
export type TrainedMark = { targetId: string; trainedAt: string; validUntil?: string; retake?: Record<string, number> };

export async function personTrainedMarks(personId: string, file?: PersonFile): Promise<TrainedMark[]> {
  const marks = file
    ? (file.of(keys.trainedPrefix) as TrainedMark[])
    : await queryList<TrainedMark>({
        pk: keys.personPartition(personId),
        skPrefix: keys.trainedPrefix,
      });
  return marks.map(({ targetId, trainedAt, validUntil, retake }) => ({
    targetId,
    trainedAt,
    ...(validUntil ? { validUntil } : {}),
    ...(retake ? { retake } : {}),
  }));
}

/** Notes on a completion that its course was passed again (a retake), on which version: it counts nothing new, and may renew lapsing marks. */
export async function markRetaken(key: Key, at: string, version: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET lastCompletedAt = :at, lastVersion = :v',
      ExpressionAttributeValues: { ':at': at, ':v': version },
    }),
  );
}

/** The people (stored items) listed under a unit, those who left included. */
export function unitMembers(unitId: string): Promise<Record<string, unknown>[]> {
  return queryList({ index: 'gsi1', pk: keys.membersOf(unitId) });
}

/** The completion records listed under a unit. */
export function unitCompletions(unitId: string): Promise<Record<string, unknown>[]> {
  return queryList({ index: 'gsi1', pk: keys.completionsOf(unitId) });
}

export type StoredMark = {
  pk: string;
  sk: string;
  personId: string;
  delta: Counters;
  completedAt?: string;
  targetId: string;
  trainedAt: string;
  validUntil?: string;
  retake?: Record<string, number>;
};

/** The trained marks of one target listed under a unit. */
export function unitTrainedMarks(targetId: string, unitId: string): Promise<StoredMark[]> {
  return queryList<StoredMark>({ index: 'gsi1', pk: keys.trainedOf(targetId, unitId) });
}

/** The update that points a record at its person's unit of now, counting `delta` there. */
function repointUpdate(record: Pick<PersonRecord, 'pk' | 'sk' | 'type' | 'targetId'>, unit: { id: string; ancestors: string[] }, delta: Counters) {
  return {
    TableName: tableName(),
    Key: { pk: record.pk, sk: record.sk },
    UpdateExpression: 'SET unitId = :u, ancestors = :a, delta = :d, gsi1pk = :g',
    ExpressionAttributeValues: {
      ':u': unit.id,
      ':a': unit.ancestors,
      ':d': delta,
      // Only the partition moves with the person: the index's sort key (course or person) stays.
      ':g':
        record.type === 'completion'
          ? keys.completionsOf(unit.id)
          : record.type === 'exemption'
            ? keys.exemptionsOf(unit.id)
            : record.type === 'credit'
              ? keys.creditsOf(unit.id)
              : keys.trainedOf(record.targetId!, unit.id),
    },
  };
}

// ---- Contributions and roll-ups ----

const pendingMarker = () => keys.pendingMark(randomShard(ROLLUP_SHARDS));

/** What writing a contribution found: written now, there already (and whether its roll-up is pending), or its person no longer as read. */
export type ContributionWrite = { outcome: 'created' } | { outcome: 'exists'; pending: boolean } | { outcome: 'person_changed' };

/**
 * Writes a source record, unless it exists, in one transaction with a bump of its person's
 * revision (on condition they are still active in `unitId`) and `delta` added to the unit's
 * own counters. `pending` puts the record in the sparse roll-up index.
 */
export async function writeContribution(c: {
  item: Record<string, unknown>;
  also?: Record<string, unknown>[];
  personId: string;
  unitId: string;
  delta: Counters;
  pending: boolean;
}): Promise<ContributionWrite> {
  const item = { ...c.item, ...(c.pending ? pendingMarker() : {}) };
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
            ...(Object.keys(c.delta).length > 0 ? [addToOwn(c.unitId, c.delta)] : []),
            ...(c.also ?? []).map((Item) => ({ Put: { TableName: tableName(), Item } })),
          ],
        }),
      ),
    );
    return { outcome: 'created' };
  } catch (err) {
    if (reasonAt(err, 0) !== 'ConditionalCheckFailed') {
      if (reasonAt(err, 1) === 'ConditionalCheckFailed') return { outcome: 'person_changed' };
      throw err;
    }
    const old = oldItemAt(err, 0);
    return { outcome: 'exists', pending: old !== undefined && awaitsRollup(old) };
  }
}

/** The record or transfer at `key`, read consistently, while its roll-up is pending; null once applied (or gone). */
export async function pendingRollup(key: Key): Promise<Record<string, unknown> | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return out.Item && out.Item.gsi2pk ? out.Item : null;
}

/**
 * Adds each delta to a random shard of its unit's subtree totals and, in the same
 * transaction, takes the record out of the sparse index (a transfer: deletes it) on
 * condition it is still there. False when someone else applied it first.
 */
export async function applyRollup(key: Key, transfer: boolean, deltas: [string, Counters][]): Promise<boolean> {
  const done = transfer
    ? { Delete: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_exists(gsi2pk)' } }
    : { Update: { TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk', ConditionExpression: 'attribute_exists(gsi2pk)' } };
  return conditionHeld(
    withConflictRetry(() =>
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
    ),
  );
}

/** The keys waiting in each shard of the sparse roll-up index: one lazy query per shard. */
export function pendingRollupShards(): AsyncGenerator<Key>[] {
  return Array.from({ length: ROLLUP_SHARDS }, (_, shard) => pendingIn(shard));
}

async function* pendingIn(shard: number): AsyncGenerator<Key> {
  for await (const item of queryAll({ index: 'gsi2', pk: keys.pendingRollup(shard) })) yield keyOf(item);
}

/** Marks a pending contribution as rolled up (or drops a transfer) without touching counters: rebuild recounts them. */
export async function clearPending(key: Key): Promise<void> {
  if (keys.isTransfer(key)) await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
  else await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
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

// ---- People changing ----

/** The stored person items of some ids (BatchGet); an id not in the roster is absent. */
export function personItems(personIds: string[]): Promise<Record<string, unknown>[]> {
  return getMany(personIds.map((id) => keys.person(id)));
}

/** A move between units, kept in the person's history. */
export type MoveEntry = {
  personId: string;
  at: string;
  effective: string;
  fromUnitId: string;
  fromUnitName: string;
  toUnitId: string;
  toUnitName: string;
  reason: string;
  by: string;
};

/** One person's part of a change: their item as it should be, the revision it was read at (null: new), their records to repoint, their move. */
export type PersonWrite = {
  item: Record<string, unknown>;
  rev: number | null;
  records: { record: Pick<PersonRecord, 'pk' | 'sk' | 'type' | 'targetId'>; unit: { id: string; ancestors: string[] }; delta: Counters }[];
  move: MoveEntry | null;
};

function personWrites(p: PersonWrite): Record<string, unknown>[] {
  const rev = p.rev ?? 0;
  const person = {
    Put: {
      TableName: tableName(),
      Item: { ...p.item, rev: rev + 1 },
      ConditionExpression: p.rev === null ? 'attribute_not_exists(pk)' : p.rev === 0 ? 'attribute_not_exists(rev) OR rev = :rev' : 'rev = :rev',
      ...(p.rev === null ? {} : { ExpressionAttributeValues: { ':rev': rev } }),
    },
  };
  const records = p.records.map(({ record, unit, delta }) => ({ Update: repointUpdate(record, unit, delta) }));
  const moved = p.move
    ? [{ Put: { TableName: tableName(), Item: { ...keys.move(p.move.personId, p.move.at, randomUUID().slice(0, 8)), type: 'move', ...p.move } } }]
    : [];
  return [person, ...records, ...moved];
}

/**
 * Writes people (each on condition of the revision it was read at), their records, their
 * moves, `own` added to units' own counters and transfer items carrying `subtree`, in one
 * transaction. Returns the transfers' keys, to be rolled up after.
 */
export async function writePeopleChange(people: PersonWrite[], own: [string, Counters][], subtree: Map<string, Counters>): Promise<Key[]> {
  const transfers = transferItems(subtree);
  await withConflictRetry(() =>
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          ...people.flatMap(personWrites),
          ...own.map(([unitId, delta]) => addToOwn(unitId, delta)),
          ...transfers.map((Item) => ({ Put: { TableName: tableName(), Item } })),
        ] as never,
      }),
    ),
  );
  return transfers.map(keyOf);
}

/**
 * Deletes a trained mark (on condition it is there) with `own` added to its unit's own
 * counters and transfer items carrying `subtree`, in one transaction. Returns the
 * transfers' keys, to be rolled up after.
 */
export async function removeMark(mark: Key, unitId: string, own: Counters, subtree: Map<string, Counters>): Promise<Key[]> {
  const transfers = transferItems(subtree);
  await withConflictRetry(() =>
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: mark, ConditionExpression: 'attribute_exists(pk)' } },
          ...(Object.keys(own).length > 0 ? [addToOwn(unitId, own)] : []),
          ...transfers.map((Item) => ({ Put: { TableName: tableName(), Item } })),
        ],
      }),
    ),
  );
  return transfers.map(keyOf);
}

// ---- Snapshots ----

export type StoredSnapshot = Snapshot & { pk: string; sk: string };

/** A snapshot item of one unit and week, from its figures. */
export const snapshotItem = (unitId: string, week: string, figures: Omit<Snapshot, 'week'> & Record<string, unknown>) => ({
  ...keys.unitSnapshot(unitId, week),
  type: 'snapshot',
  week,
  ...figures,
});

/** A unit's weekly snapshots, oldest first: one query. */
export function snapshotsOf(unitId: string): Promise<StoredSnapshot[]> {
  return queryList({ pk: keys.unitPartition(unitId), skPrefix: keys.snapshotPrefix });
}

/** The snapshots of some units in one week (BatchGet), each with its unit id; a unit without one is absent. */
export async function weekSnapshots(unitIds: string[], week: string): Promise<{ unitId: string; snapshot: StoredSnapshot }[]> {
  const items = (await getMany(unitIds.map((id) => keys.unitSnapshot(id, week)))) as StoredSnapshot[];
  return items.map((snapshot) => ({ unitId: unitIdOf(snapshot.pk), snapshot }));
}

export function putSnapshots(items: Record<string, unknown>[]): Promise<void> {
  return putMany(items);
}

// ---- Rebuild: the whole table, an operator's command ----

/** A source record as the scan finds it: its person, whether its roll-up is pending. */
export type ScannedRecord = PersonRecord & { personId: string; pending: boolean; completedAt?: string };

/** What one item of the table is to `rebuild`. */
export type Scanned =
  | { kind: 'unit' | 'person'; item: Record<string, unknown> }
  | { kind: 'transfer'; key: Key }
  | { kind: 'snapshot'; unitId: string; snapshot: StoredSnapshot }
  | { kind: 'record'; record: ScannedRecord }
  | { kind: 'own'; unitId: string; item: Record<string, unknown> }
  | { kind: 'subtree'; unitId: string; key: Key; item: Record<string, unknown> }
  | { kind: 'other' };

function classify(item: Record<string, unknown>): Scanned {
  const sk = String(item.sk);
  if (item.type === 'unit' || item.type === 'person') return { kind: item.type, item };
  if (item.type === 'transfer') return { kind: 'transfer', key: { pk: String(item.pk), sk } };
  if (item.type === 'snapshot') return { kind: 'snapshot', unitId: unitIdOf(item.pk), snapshot: item as unknown as StoredSnapshot };
  if (item.delta && item.unitId)
    return { kind: 'record', record: { ...(item as unknown as PersonRecord), personId: String(item.personId), pending: awaitsRollup(item) } };
  if (sk === keys.statsSk) return { kind: 'own', unitId: unitIdOf(item.pk), item };
  if (sk.startsWith(keys.subtreePrefix)) return { kind: 'subtree', unitId: unitIdOf(item.pk), key: { pk: String(item.pk), sk }, item };
  return { kind: 'other' };
}

/** Every item of the table, page by page, told apart: a Scan, for `rebuild` only, never on a request path. */
export async function* scanTable(): AsyncGenerator<Scanned> {
  const input: ScanCommandInput = { TableName: tableName() };
  do {
    const page = await db().send(new ScanCommand(input));
    for (const item of page.Items ?? []) yield classify(item);
    input.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (input.ExclusiveStartKey);
}

/** Points a stored record at its person's unit of now, counting `delta` there. */
export async function repointRecord(record: Pick<PersonRecord, 'pk' | 'sk' | 'type' | 'targetId'>, unit: { id: string; ancestors: string[] }, delta: Counters) {
  await db().send(new UpdateCommand(repointUpdate(record, unit, delta)));
}

/** Deletes a record that should not exist. */
export async function deleteRecord(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk } }));
}

/** Writes an item as it is, without condition: a missing record, a repaired snapshot. */
export async function putItem(item: Record<string, unknown>): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
}

/** Deletes one shard of a unit's subtree totals. */
export async function deleteSubtreeShard(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}

/** Replaces a unit's own counters. */
export async function putOwnCounters(unitId: string, counters: Counters): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.unitStats(unitId), type: 'counters', ...counters } }));
}

/** Replaces a unit's subtree totals with one shard holding them all. */
export async function putSubtreeTotals(unitId: string, counters: Counters): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.unitSubtreeShard(unitId, 0), type: 'counters', ...counters } }));
}

// ---- Lapses: last valid days of trained marks, and the days they change phase ----

export const LAPSE_DUE_SHARDS = VALDUE_SHARDS;
export const lapseDueKey = (day: string, personId: string, targetId: string): Key => keys.lapseDue(day, personId, targetId);

/** Writes due marks (a day a mark enters its renewal window or lapses), unconditionally: writing one twice is harmless. */
export async function putLapseDue(items: Record<string, unknown>[]): Promise<void> {
  if (items.length > 0) await putMany(items);
}

/** The due marks of one shard up to and including `day`, oldest first; `worked`: a run of their own day brought their person in line already. */
export async function* lapseDueUpTo(shard: number, day: string): AsyncGenerator<{ key: Key; personId: string; day: string; worked: boolean }> {
  for await (const item of queryAll({ pk: keys.lapseDuePartition(shard), skUpTo: `${day}#\uffff` }))
    yield { key: keyOf(item), personId: String(item.personId), day: String(item.sk).slice(0, 10), worked: item.worked === true };
}

/** Marks a due mark of today as worked, kept for the day's reminders (who lapsed today is owed again); a later day's run deletes it. */
export async function markLapseDueWorked(key: Key): Promise<void> {
  await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET worked = :t', ExpressionAttributeValues: { ':t': true } }));
}

/** The due marks of one shard on exactly `day`, read without working them: who changes phase that day, for a look-ahead. */
export async function* lapseDueOn(shard: number, day: string): AsyncGenerator<{ personId: string; targetId: string }> {
  for await (const item of queryAll({ pk: keys.lapseDuePartition(shard), skPrefix: `${day}#` }))
    yield { personId: String(item.personId), targetId: String(item.targetId) };
}

export async function deleteLapseDue(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}

/**
 * Renews a trained mark: made again `at`, counting until `until` (null: for good), no retake
 * owed; on condition it still holds the last valid day `old` read (null: none). False when it changed meanwhile.
 */
export async function renewTrainedMark(
  personId: string,
  targetId: string,
  r: { at: string; from: string; until: string | null; old: string | null },
): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.trained(personId, targetId),
        UpdateExpression: `SET trainedAt = :at, renewedFrom = :from${r.until ? ', validUntil = :until' : ''} REMOVE retake${r.until ? '' : ', validUntil'}`,
        ConditionExpression: r.old ? 'validUntil = :old' : 'attribute_not_exists(validUntil)',
        ExpressionAttributeValues: { ':at': r.at, ':from': r.from, ...(r.until ? { ':until': r.until } : {}), ...(r.old ? { ':old': r.old } : {}) },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Sets (or, with null, removes) a trained mark's last valid day. */
export async function setMarkValidUntil(personId: string, targetId: string, until: string | null): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.trained(personId, targetId),
      ...(until ? { UpdateExpression: 'SET validUntil = :u', ExpressionAttributeValues: { ':u': until } } : { UpdateExpression: 'REMOVE validUntil' }),
    }),
  );
}

/** Gives a trained mark the last valid day a course version requiring a retake set, with the versions to retake. */
export async function setMarkRetake(key: Key, until: string, retake: Record<string, number>): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET validUntil = :u, retake = :r',
      ExpressionAttributeValues: { ':u': until, ':r': retake },
    }),
  );
}
