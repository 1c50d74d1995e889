import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { Account, Person, VisibleError } from '@sansang/core';
import type { Env } from './env.ts';

export const SESSION_COOKIE = 'sansang_session';

/**
 * Every cookie of the app: httpOnly, SameSite=Lax, and Secure except on the local stack
 * (http://localhost), which opts out explicitly. maxAge 0 clears it.
 */
export function setAppCookie(c: Context<Env>, name: string, value: string, options: { path: string; maxAge: number }) {
  setCookie(c, name, value, { httpOnly: true, secure: process.env.SANSANG_INSECURE_COOKIES !== '1', sameSite: 'Lax', ...options });
}

export const setSessionCookie = (c: Context<Env>, token: string, maxAgeSeconds: number) =>
  setAppCookie(c, SESSION_COOKIE, token, { path: '/', maxAge: maxAgeSeconds });
export const clearSessionCookie = (c: Context<Env>) => setAppCookie(c, SESSION_COOKIE, '', { path: '/', maxAge: 0 });

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
    // A person gone from the roster is signed out; a database that does not answer is a 503, not a 401.
    const [account, person] = await Promise.all([
      Account.get(s.email),
      Person.get(s.personId).catch((err) => {
        if (err instanceof VisibleError && err.kind === 'not_found') return null;
        throw err;
      }),
    ]);
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
