import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';

export namespace Audit {
  export type Entry = { actor: string; action: string; unitId?: string | null; detail?: Record<string, unknown> };

  /** Append-only: every entry is a new item under its day; nothing updates or deletes one. */
  export async function record(entry: Entry): Promise<void> {
    const at = new Date();
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: { ...keys.audit(at, randomUUID()), type: 'audit', at: at.toISOString(), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }
}
