import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';

/**
 * Writes one entry as a new item under its day, with a condition that it does not exist:
 * nothing updates or deletes one.
 */
export async function putEntry(at: Date, id: string, entry: Record<string, unknown>): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.audit(at, id), type: 'audit', at: at.toISOString(), id, ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Up to `limit` wanted entries of one partition, newest first. */
async function newestOf<T>(pk: string, wanted: (item: T) => boolean, limit: number): Promise<T[]> {
  const out: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...((page.Items ?? []) as T[]).filter(wanted));
    startKey = page.LastEvaluatedKey;
  } while (startKey && out.length < limit);
  return out.slice(0, limit);
}

/** Up to `limit` wanted entries of each of a day's partitions, each newest first (read side by side). */
export function newestOfDay<T>(day: Date, wanted: (item: T) => boolean, limit: number): Promise<T[][]> {
  return Promise.all(keys.auditDay(day).map((pk) => newestOf(pk, wanted, limit)));
}
