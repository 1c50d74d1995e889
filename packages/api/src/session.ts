import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { Account, Person } from '@sansang/core';
import type { Env } from './env.ts';

export const SESSION_COOKIE = 'sansang_session';

/** Loads the caller's account and person from the session cookie, if any. */
export const session: MiddlewareHandler<Env> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? null;
  c.set('sessionToken', token);
  c.set('account', null);
  c.set('person', null);
  const s = token && token.length < 200 ? await Account.session(token) : null;
  if (s) {
    const [account, person] = await Promise.all([Account.get(s.email), Person.get(s.personId).catch(() => null)]);
    // An account whose person record is gone is not signed in to anything.
    if (account && person) {
      c.set('account', account);
      c.set('person', person);
    }
  }
  await next();
};
