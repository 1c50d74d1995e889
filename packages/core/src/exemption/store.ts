import { DeleteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Readable } from 'node:stream';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys, type Key } from '../db/keys.ts';
import { queryAll, queryList } from '../db/query.ts';
import { privateFiles } from '../objects/store.ts';
import { personAt, touchPerson } from '../person/store.ts';
import { dueDays, type Info } from './schema.ts';

export { personAt };

/** The person an exemption id belongs to: ids are `<personId>.<random>`. */
export const personIdOf = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf('.')));

/**
 * An exemption is kept in its person's partition like their other records (with an empty
 * `delta`: it counts nothing itself), so a move repoints it and its unit index with them.
 */
function toItem(e: Info, ancestors: string[]) {
  return { ...keys.exemption(e.personId, e.id), ...keys.exemptionIndex(e.unitId, e.from, e.id), type: 'exemption', ...e, ancestors, delta: {} };
}

function fromItem(item: Record<string, unknown>): Info {
  const { id, personId, employeeCode, fullName, unitId, targetId, reason, note, from, until, endedOn, endedBy, evidence, approvedBy, createdAt } = item as Info;
  return {
    id,
    personId,
    employeeCode,
    fullName,
    unitId,
    targetId: targetId ?? null,
    reason,
    note: note ?? null,
    from,
    until,
    endedOn: endedOn ?? null,
    endedBy: endedBy ?? null,
    evidence: evidence ?? null,
    approvedBy,
    createdAt,
  };
}

export async function personExemptions(personId: string): Promise<Info[]> {
  return (await queryList({ pk: keys.personPartition(personId), skPrefix: keys.exemptionPrefix })).map(fromItem);
}

export async function getExemption(id: string): Promise<Info | null> {
  const personId = personIdOf(id);
  if (!personId) return null;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.exemption(personId, id) }));
  return out.Item ? fromItem(out.Item) : null;
}

/** The exemptions of the people of one unit (its own, not its subtree's), by start date. */
export async function unitExemptions(unitId: string): Promise<Info[]> {
  return (await queryList({ index: 'gsi1', pk: keys.exemptionsOf(unitId) })).map(fromItem);
}

const dueItems = (e: Info) =>
  dueDays(e).map((day) => ({ Put: { TableName: tableName(), Item: { ...keys.exemptionDue(day, e.id), type: 'exemption-due', id: e.id } } }));

/** Writes a new exemption with the days the daily job must look at it. False: the person changed meanwhile. */
export function putExemption(e: Info, ancestors: string[], rev: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(e, ancestors), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...dueItems(e),
          touchPerson(e.personId, e.unitId, rev),
        ],
      }),
    ),
  );
}

/** Marks an exemption ended early, once. False: it was ended already, or the person changed meanwhile. */
export function endExemption(ended: Info, rev: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.exemption(ended.personId, ended.id),
              UpdateExpression: 'SET endedOn = :on, endedBy = :by',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(endedOn) OR attribute_type(endedOn, :null))',
              ExpressionAttributeValues: { ':on': ended.endedOn, ':by': ended.endedBy, ':null': 'NULL' },
            },
          },
          ...dueItems(ended),
          touchPerson(ended.personId, ended.unitId, rev),
        ],
      }),
    ),
  );
}

/** The due marks up to and including `day`: what the daily job has left to do, oldest first. */
export async function* dueUpTo(day: string): AsyncGenerator<{ key: Key; exemptionId: string }> {
  for await (const item of queryAll({ pk: keys.exemptionDuePartition, skUpTo: `${day}#\uffff` }))
    yield { key: { pk: String(item.pk), sk: String(item.sk) }, exemptionId: String(item.id) };
}

export async function deleteDue(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}

export const putEvidence = (key: string, bytes: Uint8Array, contentType: string) => privateFiles.put(key, bytes, contentType);
export const readEvidence = (key: string): Promise<Readable> => privateFiles.get(key);
