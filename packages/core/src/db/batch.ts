import { BatchGetCommand, BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };

/** Batches in flight at once: enough to keep DynamoDB busy, few enough not to throttle ourselves. */
const PARALLEL = 4;

/** Writes many items 25 at a time, a few batches at once, re-sending whatever DynamoDB hands back unprocessed. */
export async function putMany(items: Record<string, unknown>[], onProgress?: (done: number) => void): Promise<void> {
  const table = tableName();
  let done = 0;
  let next = 0;
  const writeBatch = async (start: number) => {
    let requests: PutRequest[] = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt) * Math.random()));
      const input: BatchWriteCommandInput = { RequestItems: { [table]: requests } };
      const out = await db().send(new BatchWriteCommand(input));
      requests = (out.UnprocessedItems?.[table] ?? []) as PutRequest[];
    }
    done += Math.min(25, items.length - start);
    onProgress?.(done);
  };
  const worker = async () => {
    while (next < items.length) {
      const start = next;
      next += 25;
      await writeBatch(start);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/** Reads many items by key, 100 at a time, re-asking for whatever DynamoDB hands back unprocessed. */
export async function getMany(keyList: { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
  const table = tableName();
  const found: Record<string, unknown>[] = [];
  const unique = [...new Map(keyList.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt) * Math.random()));
      const out = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      found.push(...(out.Responses?.[table] ?? []));
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
