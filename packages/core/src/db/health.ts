import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';

/** True when the table answers a read within `timeoutMs`. */
export async function databaseAnswers(timeoutMs = 2000): Promise<boolean> {
  try {
    await db().send(new GetCommand({ TableName: tableName(), Key: keys.catalogueEntry('health') }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
