import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';

/** One partition, optionally narrowed to sort keys beginning with `skPrefix`, up to and including `skUpTo`, or between `skFrom` and `skUpTo` (both included). */
type Condition = ({ index?: undefined } | { index: 'gsi1' | 'gsi2' }) & { pk: string } & (
    { skPrefix?: string; skUpTo?: undefined; skFrom?: undefined } | { skPrefix?: undefined; skUpTo: string; skFrom?: string }
  );

/** Yields every item of one key-condition query, page by page: the only read shape besides GetItem. */
export async function* queryAll<T = Record<string, unknown>>(condition: Condition): AsyncGenerator<T> {
  const pkName = condition.index ? `${condition.index}pk` : 'pk';
  const skName = condition.index ? `${condition.index}sk` : 'sk';
  const sk = condition.skPrefix ?? condition.skUpTo;
  const from = condition.skFrom;
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: condition.index,
    KeyConditionExpression: condition.skPrefix
      ? '#pk = :pk AND begins_with(#sk, :sk)'
      : from !== undefined
        ? '#pk = :pk AND #sk BETWEEN :from AND :sk'
        : condition.skUpTo
          ? '#pk = :pk AND #sk <= :sk'
          : '#pk = :pk',
    ExpressionAttributeNames: sk ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
    ExpressionAttributeValues: sk ? { ':pk': condition.pk, ':sk': sk, ...(from !== undefined ? { ':from': from } : {}) } : { ':pk': condition.pk },
  };
  do {
    const page = await db().send(new QueryCommand(input));
    for (const item of page.Items ?? []) yield item as T;
    input.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (input.ExclusiveStartKey);
}

export async function queryList<T = Record<string, unknown>>(condition: Condition): Promise<T[]> {
  const items: T[] = [];
  for await (const item of queryAll<T>(condition)) items.push(item);
  return items;
}
