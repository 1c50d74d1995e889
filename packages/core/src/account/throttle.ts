import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { VisibleError } from '../error.ts';

/**
 * Password guesses counted per account and per address in fixed 15-minute windows, kept in
 * DynamoDB so the limit holds across every Lambda instance; records expire by TTL.
 */
export const WINDOW_SECONDS = 15 * 60;
export const LIMITS = { account: 5, address: 30 } as const;

type Who = { kind: keyof typeof LIMITS; id: string };
const windowStart = (at: number) => at - (at % WINDOW_SECONDS);

function subjects(email: string, address: string | null): Who[] {
  return [{ kind: 'account', id: email.trim().toLowerCase() }, ...(address ? [{ kind: 'address' as const, id: address }] : [])];
}

const count = (who: Who, start: number, by: 1 | -1, guarded: boolean) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.throttle(who.kind, who.id, start),
      UpdateExpression: 'ADD failures :by SET expiresAt = :ttl, #t = :type',
      ...(guarded ? { ConditionExpression: 'attribute_not_exists(failures) OR failures < :limit' } : {}),
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':by': by, ':ttl': start + 2 * WINDOW_SECONDS, ':type': 'throttle', ...(guarded ? { ':limit': LIMITS[who.kind] } : {}) },
    }),
  );

/**
 * Checks a password under the limit. The guess is counted before the password is checked,
 * by a conditional increment that fails once the limit is reached, so guesses sent in
 * parallel cannot all pass a count read before any of them was written. A right password
 * takes its guess back: it clears the account's count and gives the address its one back.
 */
export async function passwordAttempt<T>(email: string, address: string | null, check: () => Promise<T | null | false>): Promise<T | null | false> {
  const at = Math.floor(Date.now() / 1000);
  const start = windowStart(at);
  const who = subjects(email, address);
  const counted: Who[] = [];
  try {
    for (const w of who) {
      await count(w, start, 1, true);
      counted.push(w);
    }
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    // Refused by one limit: the others take back the guess that will not be made.
    await Promise.all(counted.map((w) => count(w, start, -1, false)));
    throw new VisibleError('auth.throttled', 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', {
      retryAfterSeconds: start + WINDOW_SECONDS - at,
    });
  }
  const result = await check();
  if (result) {
    await Promise.all(
      who.map((w) =>
        w.kind === 'account'
          ? db().send(new DeleteCommand({ TableName: tableName(), Key: keys.throttle('account', w.id, start) }))
          : count(w, start, -1, false),
      ),
    );
  }
  return result;
}
