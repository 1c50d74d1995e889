import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { VisibleError } from '../error.ts';

/**
 * Failed sign-ins counted per account and per address in fixed 15-minute windows, kept in
 * DynamoDB so the limit holds across every Lambda instance; records expire by TTL.
 */
export const WINDOW_SECONDS = 15 * 60;
export const LIMITS = { account: 5, address: 30 } as const;

type Who = { kind: keyof typeof LIMITS; id: string };
const windowStart = (at: number) => at - (at % WINDOW_SECONDS);

function subjects(email: string, address: string | null): Who[] {
  return [{ kind: 'account', id: email.trim().toLowerCase() }, ...(address ? [{ kind: 'address' as const, id: address }] : [])];
}

export async function assertNotThrottled(email: string, address: string | null): Promise<void> {
  const at = Math.floor(Date.now() / 1000);
  const start = windowStart(at);
  for (const who of subjects(email, address)) {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.throttle(who.kind, who.id, start) }));
    if (Number(out.Item?.failures ?? 0) >= LIMITS[who.kind]) {
      throw new VisibleError('auth.throttled', 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', 429, start + WINDOW_SECONDS - at);
    }
  }
}

export async function recordFailure(email: string, address: string | null): Promise<void> {
  const start = windowStart(Math.floor(Date.now() / 1000));
  await Promise.all(subjects(email, address).map((who) => db().send(new UpdateCommand({
    TableName: tableName(),
    Key: keys.throttle(who.kind, who.id, start),
    UpdateExpression: 'ADD failures :one SET expiresAt = :ttl, #t = :type',
    ExpressionAttributeNames: { '#t': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':ttl': start + 2 * WINDOW_SECONDS, ':type': 'throttle' },
  }))));
}

/** A successful sign-in clears the account's count (not the address's). */
export async function clearAccountFailures(email: string): Promise<void> {
  const start = windowStart(Math.floor(Date.now() / 1000));
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.throttle('account', email.trim().toLowerCase(), start) }));
}
