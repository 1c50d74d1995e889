import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { deleteSession, deleteSessionsExcept, getSession, putSession, setSessionExpiry } from './store.ts';

/** Absolute lifetime of a sign-in; after it the person signs in again. */
export const SESSION_SECONDS = 8 * 3600;
/** A token older than this is replaced by a fresh one on the next request. */
export const ROTATE_AFTER_SECONDS = 15 * 60;
/** How long a rotated-out token still works, for requests already in flight. */
const ROTATION_GRACE_SECONDS = 60;

export type Session = { personId: string; email: string; sid: string; issuedAt: number; expiresAt: number; shouldRotate: boolean };

/**
 * Signing keys: SESSION_SECRETS="new,old" signs with the first and accepts any, so a secret
 * can be rotated without signing everyone out; SESSION_SECRET alone is the one-key form.
 */
export function secrets(): Uint8Array[] {
  const raw = process.env.SESSION_SECRETS ?? process.env.SESSION_SECRET;
  if (!raw) throw new Error('SESSION_SECRET is not set');
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length >= 32)
    .map((s) => new TextEncoder().encode(s));
}

const now = () => Math.floor(Date.now() / 1000);

/** Opens a session: a server-side record (so logout really ends it) named by a signed token. */
export async function openSession(email: string, personId: string, expiresAt = now() + SESSION_SECONDS): Promise<{ token: string; maxAgeSeconds: number }> {
  const sid = randomBytes(18).toString('base64url');
  const issuedAt = now();
  await putSession(email, sid, { personId, issuedAt, expiresAt });
  const token = await new SignJWT({ email, sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secrets()[0]!);
  return { token, maxAgeSeconds: expiresAt - issuedAt };
}

/** The session a token names, if its signature holds and the record is still there. */
export async function readSession(token: string): Promise<Session | null> {
  type Payload = { email?: unknown; sid?: unknown };
  let payload: Payload | null = null;
  for (const key of secrets()) {
    try {
      payload = (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload as Payload;
      break;
    } catch {
      // Try the next (older) secret.
    }
  }
  if (!payload || typeof payload.email !== 'string' || typeof payload.sid !== 'string') return null;
  const item = await getSession(payload.email, payload.sid);
  if (!item || item.expiresAt <= now()) return null;
  return {
    personId: item.personId,
    email: payload.email,
    sid: payload.sid,
    issuedAt: item.issuedAt,
    expiresAt: item.expiresAt,
    shouldRotate: now() - item.issuedAt >= ROTATE_AFTER_SECONDS,
  };
}

/** A fresh token for a long-lived session; the old one keeps working a minute for in-flight requests. */
export async function rotateSession(session: Session) {
  const fresh = await openSession(session.email, session.personId, session.expiresAt);
  // The old one may be gone already (signed out meanwhile): the fresh token stands either way.
  await setSessionExpiry(session.email, session.sid, Math.min(session.expiresAt, now() + ROTATION_GRACE_SECONDS)).catch(() => undefined);
  return fresh;
}

export async function closeSession(email: string, sid: string): Promise<void> {
  await deleteSession(email, sid);
}

/** Ends every session of an account but `keepSid` (after a password change or reset). */
export async function closeOtherSessions(email: string, keepSid?: string): Promise<number> {
  return deleteSessionsExcept(email, keepSid);
}

/** A short-lived signed value (e.g. the OIDC state kept in a cookie during a redirect). */
export async function sealValue(value: Record<string, string>, seconds: number): Promise<string> {
  return new SignJWT(value)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(now() + seconds)
    .sign(secrets()[0]!);
}

export async function openValue(token: string): Promise<Record<string, unknown> | null> {
  for (const key of secrets()) {
    try {
      return (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload as Record<string, unknown>;
    } catch {
      // Try the next (older) secret.
    }
  }
  return null;
}
