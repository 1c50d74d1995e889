import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';

type Condition = { index?: undefined; pk: string; skPrefix?: string } | { index: 'gsi1' | 'gsi2'; pk: string; skPrefix?: string };

/** Yields every item of one key-condition query, page by page: the only read shape besides GetItem. */
export async function* queryAll<T = Record<string, unknown>>(condition: Condition): AsyncGenerator<T> {
  const pkName = condition.index ? `${condition.index}pk` : 'pk';
  const skName = condition.index ? `${condition.index}sk` : 'sk';
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: condition.index,
    KeyConditionExpression: condition.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
    ExpressionAttributeNames: condition.skPrefix ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
    ExpressionAttributeValues: condition.skPrefix ? { ':pk': condition.pk, ':sk': condition.skPrefix } : { ':pk': condition.pk },
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
