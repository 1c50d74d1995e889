import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { Account, Person } from '@sansang/core';
import type { Env } from './env.ts';

export const SESSION_COOKIE = 'sansang_session';

/** Secure cookies need HTTPS; the local stack on http://localhost opts out explicitly. */
const secure = () => process.env.SANSANG_INSECURE_COOKIES !== '1';

export function setSessionCookie(c: Context<Env>, token: string, maxAgeSeconds: number) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: secure(), sameSite: 'Lax', path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context<Env>) {
  setCookie(c, SESSION_COOKIE, '', { httpOnly: true, secure: secure(), sameSite: 'Lax', path: '/', maxAge: 0 });
}

/**
 * Loads the caller's session, account and person from the signed cookie, and swaps an
 * aging token for a fresh one so a stolen cookie is short-lived.
 */
export const session: MiddlewareHandler<Env> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? '';
  c.set('session', null);
  c.set('account', null);
  c.set('person', null);
  const s = token && token.length < 2000 ? await Account.session(token) : null;
  if (s) {
    const [account, person] = await Promise.all([Account.get(s.email), Person.get(s.personId).catch(() => null)]);
    // An account whose person record is gone is not signed in to anything.
    if (account && person) {
      c.set('session', s);
      c.set('account', account);
      c.set('person', person);
      if (s.shouldRotate) {
        const fresh = await Account.rotate(s);
        setSessionCookie(c, fresh.token, fresh.maxAgeSeconds);
      }
    }
  }
  await next();
};

/** The caller's address as API Gateway saw it, or the socket's locally. */
export function clientAddress(c: Context<Env>): string | null {
  const lambda = (c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined)?.requestContext?.http?.sourceIp;
  if (lambda) return lambda;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
