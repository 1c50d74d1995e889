import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };

/** Writes many items 25 at a time, re-sending whatever DynamoDB hands back unprocessed. */
export async function putMany(items: Record<string, unknown>[], onProgress?: (done: number) => void): Promise<void> {
  const table = tableName();
  let done = 0;
  for (let i = 0; i < items.length; i += 25) {
    let requests: PutRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt) * Math.random()));
      const input: BatchWriteCommandInput = { RequestItems: { [table]: requests } };
      const out = await db().send(new BatchWriteCommand(input));
      requests = (out.UnprocessedItems?.[table] ?? []) as PutRequest[];
    }
    done += Math.min(25, items.length - i);
    onProgress?.(done);
  }
}
