import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { getMany, putMany } from '../db/batch.ts';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryAll, queryList } from '../db/query.ts';
import type { MergeRecord, PendingChange } from './change-schema.ts';
import type { Org } from './index.ts';
import { levelFor } from './level.ts';
import type { UnitEvent } from './reorganise.ts';

export function toItem(unit: Org.Info) {
  return {
    ...keys.unit(unit.id),
    // Merged and dissolved units leave the live tree but stay listed under their former parent.
    ...keys.childIndex(unit),
    type: 'unit',
    ...unit,
  };
}

export function fromItem(item: Record<string, unknown>): Org.Info {
  const { id, code, name, kind, level, parentId, ancestors, status, until, mergedInto } = item as Partial<Org.Info> &
    Pick<Org.Info, 'id' | 'code' | 'name' | 'kind'>;
  return {
    id,
    code,
    name,
    kind,
    level: level ?? levelFor(kind, null),
    parentId: parentId ?? null,
    ancestors: ancestors ?? [],
    status: status ?? 'active',
    ...(until ? { until } : {}),
    ...(mergedInto ? { mergedInto } : {}),
  };
}

/** An event of a unit's history, under the unit by effective date. */
function eventItem(unitId: string, event: UnitEvent) {
  return {
    ...keys.unitEvent(unitId, event.effective, `${event.at}#${randomUUID().slice(0, 6)}`),
    type: 'unit-event',
    ...event,
  };
}

export async function getUnit(id: string): Promise<Org.Info | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unit(id) }));
  return out.Item ? fromItem(out.Item) : null;
}

/** Units by id, in one round trip per hundred; ids not found are absent from the map. */
export async function getUnits(ids: Iterable<string>): Promise<Map<string, Org.Info>> {
  const items = await getMany([...new Set(ids)].map(keys.unit));
  return new Map(items.map((item) => [String(item.id), fromItem(item)]));
}

/** The live children of a unit (null: the roots), by code. */
export async function listChildren(parentId: string | null): Promise<Org.Info[]> {
  return (await queryList({ index: 'gsi1', pk: keys.childrenOf(parentId) })).map(fromItem);
}

/** Children that were merged or dissolved. */
export async function listFormerChildren(parentId: string | null): Promise<Org.Info[]> {
  return (await queryList({ index: 'gsi1', pk: keys.formerChildrenOf(parentId) })).map(fromItem);
}

/** A unit's history, by effective date. */
export async function listEvents(unitId: string): Promise<UnitEvent[]> {
  return (await queryList<UnitEvent>({ pk: keys.unitPartition(unitId), skPrefix: keys.unitEventPrefix })).map(({ action, effective, at, by, detail }) => ({
    action,
    effective,
    at,
    by,
    detail,
  })) as UnitEvent[];
}

/** Writes units as they are, in batches, without conditions. */
export async function putUnits(units: Org.Info[]): Promise<void> {
  await putMany(units.map(toItem));
}

/** Writes new units, each with its creation event, in batches, without conditions (an import checked them first). */
export async function putCreatedUnits(created: { unit: Org.Info; event: UnitEvent }[]): Promise<void> {
  await putMany(created.flatMap(({ unit, event }) => [toItem(unit), eventItem(unit.id, event)]));
}

export async function putEvent(unitId: string, event: UnitEvent): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: eventItem(unitId, event) }));
}

/** A new unit and its creation event, in one transaction; false when a unit has its id already. */
export async function putNewUnit(unit: Org.Info, event: UnitEvent): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(unit), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName(), Item: eventItem(unit.id, event) } },
        ],
      }),
    ),
  );
}

/**
 * A unit as changed and the event saying how, in one transaction. With `freeId`, only if no
 * unit has that id (the one a new code names): false when one does.
 */
export async function putChangedUnit(next: Org.Info, event: UnitEvent, freeId?: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(next) } },
          { Put: { TableName: tableName(), Item: eventItem(next.id, event) } },
          // Made at the same moment by someone else: the check above could not have seen it.
          ...(freeId !== undefined
            ? [{ ConditionCheck: { TableName: tableName(), Key: keys.unit(freeId), ConditionExpression: 'attribute_not_exists(pk)' } }]
            : []),
        ],
      }),
    ),
  );
}

/**
 * A unit under its new parent, its event and the counter transfers of its subtree, in one
 * transaction, only if the unit is still under `fromParentId`: false when it moved meanwhile.
 */
export async function putMovedUnit(next: Org.Info, fromParentId: string | null, event: UnitEvent, transfers: Record<string, unknown>[]): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: toItem(next),
              ConditionExpression: fromParentId === null ? 'attribute_not_exists(parentId) OR parentId = :null' : 'parentId = :p',
              ExpressionAttributeValues: fromParentId === null ? { ':null': null } : { ':p': fromParentId },
            },
          },
          { Put: { TableName: tableName(), Item: eventItem(next.id, event) } },
          ...transfers.map((Item) => ({ Put: { TableName: tableName(), Item } })),
        ],
      }),
    ),
  );
}

/** A unit closed and its event, in one transaction, only if it is still active (a condition error otherwise). */
export async function putClosedUnit(closed: Org.Info, event: UnitEvent): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: toItem(closed),
            ConditionExpression: '#s = :active',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        },
        { Put: { TableName: tableName(), Item: eventItem(closed.id, event) } },
      ],
    }),
  );
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as T;
};

/** A merge's record, written once it is done. */
export async function putMergeRecord(record: MergeRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.mergeRecord(record.id), type: 'merge-record', ...record } }));
}

export async function getMergeRecords(ids: string[]): Promise<MergeRecord[]> {
  return (await getMany([...new Set(ids)].map(keys.mergeRecord))).map((item) => strip<MergeRecord>(item));
}

/** Marks a merge undone, only if nobody did already: false when someone did. */
export async function claimMergeUndo(id: string, undone: { at: string; by: string }): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.mergeRecord(id),
        UpdateExpression: 'SET undone = :u',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(undone)',
        ExpressionAttributeValues: { ':u': undone },
      }),
    ),
  );
}

/** A merged unit active again with the event saying why, only if it is still merged into `into`: false otherwise. */
export async function putReopenedUnit(unit: Org.Info, into: string, event: UnitEvent): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: toItem(unit),
              ConditionExpression: '#s = :merged AND mergedInto = :into',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':merged': 'merged', ':into': into },
            },
          },
          { Put: { TableName: tableName(), Item: eventItem(unit.id, event) } },
        ],
      }),
    ),
  );
}

/** A scheduled change and its due mark, in one transaction. */
export async function putPendingChange(change: PendingChange): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...keys.pendingChange(change.id), type: 'org-pending', ...change } } },
        { Put: { TableName: tableName(), Item: { ...keys.orgChangeDue(change.effective, change.id), type: 'org-due', id: change.id } } },
      ],
    }),
  );
}

/** The changes scheduled on a unit's page, by effective date. */
export async function listPendingChanges(unitId: string): Promise<PendingChange[]> {
  const items = await queryList({ pk: keys.unitPartition(unitId), skPrefix: keys.pendingChangePrefix });
  return items.map((item) => strip<PendingChange>(item)).sort((a, b) => a.effective.localeCompare(b.effective));
}

export async function getPendingChange(id: string): Promise<PendingChange | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.pendingChange(id) }));
  return out.Item ? strip<PendingChange>(out.Item) : null;
}

/** Removes a scheduled change not being applied, with its due mark: false when it is gone or the daily job has it. */
export async function deletePendingChange(change: PendingChange): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.pendingChange(change.id),
              ConditionExpression: '#s IN (:pending, :failed)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed' },
            },
          },
          { Delete: { TableName: tableName(), Key: keys.orgChangeDue(change.effective, change.id) } },
        ],
      }),
    ),
  );
}

/** The ids of changes due up to and including `day`: what the daily job has left to do, oldest first. */
export async function* changesDueUpTo(day: string): AsyncGenerator<{ key: { pk: string; sk: string }; id: string }> {
  for await (const item of queryAll({ pk: keys.orgChangeDuePartition, skUpTo: `${day}#\uffff` }))
    yield { key: { pk: String(item.pk), sk: String(item.sk) }, id: String(item.id) };
}

/** Moves a scheduled change from one status to another (the job's claim, its failure, its release): false when it was not in `from`. */
export async function setPendingStatus(id: string, from: PendingChange['status'], to: PendingChange['status'], failure?: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.pendingChange(id),
        UpdateExpression: failure === undefined ? 'SET #s = :to' : 'SET #s = :to, failure = :f',
        ConditionExpression: '#s = :from',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':from': from, ':to': to, ...(failure === undefined ? {} : { ':f': failure }) },
      }),
    ),
  );
}

/** An applied change leaves no trace here (its merge has its own record and history). */
export async function deleteAppliedChange(change: PendingChange, dueKey: { pk: string; sk: string }): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [{ Delete: { TableName: tableName(), Key: keys.pendingChange(change.id) } }, { Delete: { TableName: tableName(), Key: dueKey } }],
    }),
  );
}

export async function deleteDueMark(dueKey: { pk: string; sk: string }): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: dueKey }));
}
