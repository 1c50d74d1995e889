import { VisibleError } from '../error.ts';
import { addFailures, clearFailures } from './store.ts';

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

/** Counts a guess (or takes one back); a guarded count refuses, answering false, once the limit is reached. */
const count = (who: Who, start: number, by: 1 | -1, guarded: boolean) =>
  addFailures(who.kind, who.id, start, by, start + 2 * WINDOW_SECONDS, guarded ? LIMITS[who.kind] : undefined);

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
  for (const w of who) {
    if (!(await count(w, start, 1, true))) {
      // Refused by one limit: the others take back the guess that will not be made.
      await Promise.all(counted.map((w) => count(w, start, -1, false)));
      throw new VisibleError('auth.throttled', 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', {
        retryAfterSeconds: start + WINDOW_SECONDS - at,
      });
    }
    counted.push(w);
  }
  const result = await check();
  if (result) {
    await Promise.all(who.map((w) => (w.kind === 'account' ? clearFailures('account', w.id, start) : count(w, start, -1, false))));
  }
  return result;
}
