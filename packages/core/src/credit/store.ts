import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { personAt, touchPerson } from '../person/store.ts';
import type { Info } from './schema.ts';

export { personAt };

/** The person a credit id belongs to: ids are `<personId>.<random>`. */
const personIdOf = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf('.')));

/** A credit is kept in its person's partition with an empty `delta`, so a move repoints it and its unit index with them. */
const toItem = (c: Info, ancestors: string[]) => ({
  ...keys.credit(c.personId, c.id),
  ...keys.creditIndex(c.unitId, c.submittedAt, c.id),
  type: 'credit',
  ...c,
  ancestors,
  delta: {},
});

function fromItem(item: Record<string, unknown>): Info {
  const {
    id,
    personId,
    employeeCode,
    fullName,
    unitId,
    issuer,
    number,
    issuedOn,
    courses,
    note,
    evidence,
    state,
    submittedBy,
    submittedAt,
    approvedBy,
    approvedAt,
  } = item as Info;
  return {
    id,
    personId,
    employeeCode,
    fullName,
    unitId,
    issuer,
    number,
    issuedOn,
    courses,
    note: note ?? null,
    evidence,
    state,
    submittedBy,
    submittedAt,
    approvedBy: approvedBy ?? null,
    approvedAt: approvedAt ?? null,
  };
}

export async function personCredits(personId: string): Promise<Info[]> {
  return (await queryList({ pk: keys.personPartition(personId), skPrefix: keys.creditPrefix })).map(fromItem);
}

export async function getCredit(id: string): Promise<Info | null> {
  const personId = personIdOf(id);
  if (!personId) return null;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.credit(personId, id) }));
  return out.Item ? fromItem(out.Item) : null;
}

/** The credits of the people of one unit (its own, not its subtree's), oldest first. */
export async function unitCredits(unitId: string): Promise<Info[]> {
  return (await queryList({ index: 'gsi1', pk: keys.creditsOf(unitId) })).map(fromItem);
}

/** Writes a new credit, on condition its person is as read. False: they changed meanwhile. */
export function putCredit(c: Info, ancestors: string[], rev: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(c, ancestors), ConditionExpression: 'attribute_not_exists(pk)' } },
          touchPerson(c.personId, c.unitId, rev),
        ],
      }),
    ),
  );
}

/** Marks a pending credit approved, once. False: it was approved already (by this call's twin or another officer). */
export function approveCredit(c: Pick<Info, 'id' | 'personId'>, by: string, at: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.credit(c.personId, c.id),
        UpdateExpression: 'SET #state = :approved, approvedBy = :by, approvedAt = :at',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':approved': 'approved', ':pending': 'pending', ':by': by, ':at': at },
      }),
    ),
  );
}
