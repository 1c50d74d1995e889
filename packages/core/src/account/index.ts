import * as v from 'valibot';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Audit } from '../audit/index.ts';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Person } from '../person/index.ts';
import { personIdFor } from '../person/import.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { closeOtherSessions, closeSession, openSession, openValue, readSession, rotateSession, sealValue, secrets, type Session as SessionInfo } from './session.ts';
import { assertNotThrottled, clearAccountFailures, recordFailure } from './throttle.ts';

export namespace Account {
  export const Role = v.picklist(['learner', 'hr', 'trainer', 'admin']);
  export type Role = v.InferOutput<typeof Role>;

  /** A role, and for hr/admin the unit whose subtree it covers (null: the whole installation). */
  export const Grant = v.object({ role: Role, unitId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))), null) });
  export type Grant = v.InferOutput<typeof Grant>;

  export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(320), v.email('email không hợp lệ'));
  export const NewPassword = v.pipe(v.string(), v.minLength(10, 'mật khẩu cần ít nhất 10 ký tự'), v.maxLength(200));

  export const Info = v.object({ email: Email, personId: v.pipe(v.string(), v.maxLength(64)), grants: v.array(Grant) });
  export type Info = v.InferOutput<typeof Info>;
  export type Session = SessionInfo;

  const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
  const LINK_SECONDS = 72 * 3600;

  /** Creates (or replaces) an account; without a password it can only be entered through a set-password link. */
  export const create = fn(v.object({ ...Info.entries, password: v.optional(NewPassword) }), async ({ password, ...account }) => {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: { ...keys.account(account.email), type: 'account', ...account, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
    }));
  });

  export const get = fn(v.string(), async (email): Promise<Info | null> => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
    if (!out.Item) return null;
    const { personId, grants } = out.Item as Info;
    return { email: email.trim().toLowerCase(), personId, grants };
  });

  const LoginInput = v.object({
    email: v.pipe(v.string(), v.maxLength(320)),
    password: v.pipe(v.string(), v.maxLength(1024)),
    address: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))), null),
  });

  /**
   * Checks the password and opens a session. Failures are throttled per account and per
   * address, and every attempt, good or bad, is written to the audit log.
   */
  export const login = fn(LoginInput, async ({ email, password, address }) => {
    const normalized = email.trim().toLowerCase();
    await assertNotThrottled(normalized, address);
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(normalized) }));
    const ok = out.Item?.passwordHash && (await verifyPassword(password, String(out.Item.passwordHash)));
    if (!ok) {
      await recordFailure(normalized, address);
      await Audit.record({ actor: normalized, action: 'auth.sign_in_failed', detail: { address } });
      throw new VisibleError('auth.invalid_credentials', 'Email hoặc mật khẩu không đúng.', 401);
    }
    await clearAccountFailures(normalized);
    const person = await Person.get(String(out.Item!.personId));
    await Audit.record({ actor: normalized, action: 'auth.sign_in', unitId: person.unitId, detail: { address } });
    return openSession(normalized, person.id);
  });

  /**
   * Sign-in through the province's identity provider: the verified identity is mapped to a
   * person by email (an existing account) or by employee code (the roster), and a person on
   * the roster without an account gets a learner account on first sign-in.
   */
  export async function loginWithIdentity(identity: { issuer: string; subject: string; email: string | null; employeeCode: string | null; address: string | null }) {
    const email = identity.email?.trim().toLowerCase() || null;
    let account = email ? await get(email) : null;
    if (!account && identity.employeeCode) {
      const person = await Person.get(personIdFor(identity.employeeCode)).catch(() => null);
      const personEmail = person?.email?.toLowerCase() ?? null;
      account = personEmail ? await get(personEmail) : null;
      if (person && !account && (email ?? personEmail)) {
        await create({ email: (email ?? personEmail)!, personId: person.id, grants: [] });
        account = await get((email ?? personEmail)!);
      }
    }
    if (!account) {
      await Audit.record({ actor: email ?? identity.subject, action: 'auth.sign_in_failed', detail: { method: 'oidc', issuer: identity.issuer, reason: 'unknown_person' } });
      throw new VisibleError('auth.oidc_unknown_person', 'Tài khoản định danh này chưa gắn với cán bộ nào trong danh sách. Hãy liên hệ cán bộ tổ chức.', 403);
    }
    const person = await Person.get(account.personId);
    await Audit.record({ actor: account.email, action: 'auth.sign_in', unitId: person.unitId, detail: { method: 'oidc', issuer: identity.issuer, address: identity.address } });
    return openSession(account.email, person.id);
  }

  export const session = readSession;
  export const seal = sealValue;
  export const unseal = openValue;
  export const rotate = rotateSession;

  export async function logout(s: Pick<SessionInfo, 'email' | 'sid'>): Promise<void> {
    await closeSession(s.email, s.sid);
  }

  async function setHash(email: string, password: string) {
    await db().send(new UpdateCommand({
      TableName: tableName(), Key: keys.account(email),
      UpdateExpression: 'SET passwordHash = :h', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':h': await hashPassword(password) },
    }));
  }

  /** Changes the password and signs the account out everywhere except this session. */
  export const changePassword = fn(
    v.object({ email: v.string(), sid: v.string(), current: v.pipe(v.string(), v.maxLength(1024)), next: NewPassword }),
    async ({ email, sid, current, next }) => {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
      if (!out.Item?.passwordHash || !(await verifyPassword(current, String(out.Item.passwordHash)))) {
        throw new VisibleError('auth.wrong_password', 'Mật khẩu hiện tại không đúng.', 400);
      }
      await setHash(email, next);
      await closeOtherSessions(email, sid);
      await Audit.record({ actor: email, action: 'account.password_changed' });
    },
  );

  /** The account's current link. Its token is rebuilt from `nonce` with the signing secret, so the table alone never yields a usable link. */
  type CurrentLink = { nonce: string; hash: string; issuedAt: number; expiresAt: number };
  /** A request this soon after the last (a double click, a retried request) gets the same link back. */
  const LINK_REPEAT_SECONDS = 120;
  const linkToken = (email: string, nonce: string) =>
    createHmac('sha256', secrets()[0]!).update(`password-link\u0000${email}\u0000${nonce}`).digest('base64url');

  async function linkUsable(hash: string, now: number): Promise<boolean> {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.passwordLink(hash), ConsistentRead: true }));
    return Number(out.Item?.expiresAt ?? 0) > now;
  }

  /**
   * A one-time link to set a password, for a new account or a forgotten password. No e-mail
   * server is assumed: the officer who asked for it is shown the link and hands it over.
   * An account has one valid link at a time: a repeated request within a short window gets
   * the same link, a later one replaces it (the older stops working) in one transaction.
   */
  export async function issuePasswordLink(email: string, actor: string): Promise<{ token: string; expiresAt: string }> {
    const normalized = email.trim().toLowerCase();
    for (let attempt = 1; ; attempt++) {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(normalized), ConsistentRead: true }));
      if (!out.Item) throw new VisibleError('account.not_found', `Không có tài khoản "${email}".`, 404);
      const now = Math.floor(Date.now() / 1000);
      const last = out.Item.passwordLink as CurrentLink | undefined;
      if (last && now - last.issuedAt < LINK_REPEAT_SECONDS) {
        const token = linkToken(normalized, last.nonce);
        // Not yet used, and made with the signing secret of now: hand the same link out again.
        if (hashToken(token) === last.hash && (await linkUsable(last.hash, now))) return { token, expiresAt: new Date(last.expiresAt * 1000).toISOString() };
      }
      const nonce = randomBytes(24).toString('base64url');
      const token = linkToken(normalized, nonce);
      const next: CurrentLink = { nonce, hash: hashToken(token), issuedAt: now, expiresAt: now + LINK_SECONDS };
      try {
        await db().send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName(), Item: { ...keys.passwordLink(next.hash), type: 'password-link', email: normalized, expiresAt: next.expiresAt } } },
            { Update: {
              TableName: tableName(), Key: keys.account(normalized),
              UpdateExpression: 'SET passwordLink = :next',
              ConditionExpression: last ? 'passwordLink.nonce = :last' : 'attribute_exists(pk) AND attribute_not_exists(passwordLink)',
              ExpressionAttributeValues: { ':next': next, ...(last ? { ':last': last.nonce } : {}) },
            } },
            ...(last ? [{ Delete: { TableName: tableName(), Key: keys.passwordLink(last.hash) } }] : []),
          ],
        }));
      } catch (err) {
        // A parallel request issued one a moment ago: the next turn hands out that one.
        if (isConditionFailure(err) && attempt < 3) continue;
        throw err;
      }
      const person = await Person.get(String(out.Item.personId)).catch(() => null);
      await Audit.record({ actor, action: 'account.password_link_issued', unitId: person?.unitId ?? null, detail: { email: normalized } });
      return { token, expiresAt: new Date(next.expiresAt * 1000).toISOString() };
    }
  }

  /** Uses a set-password link once: sets the password and ends every existing session. */
  export const redeemPasswordLink = fn(v.object({ token: v.pipe(v.string(), v.maxLength(200)), password: NewPassword }), async ({ token, password }) => {
    const key = keys.passwordLink(hashToken(token));
    let email: string;
    try {
      const out = await db().send(new DeleteCommand({
        TableName: tableName(), Key: key, ReturnValues: 'ALL_OLD',
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now', ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      }));
      email = String(out.Attributes!.email);
    } catch (err) {
      if (isConditionFailure(err)) throw new VisibleError('auth.link_invalid', 'Đường dẫn đặt mật khẩu không hợp lệ hoặc đã hết hạn.', 400);
      throw err;
    }
    await setHash(email, password);
    await closeOtherSessions(email);
    await Audit.record({ actor: email, action: 'account.password_set_by_link' });
    return { email };
  });

  /** Replaces an account's roles and scopes; the audit keeps the before and after. */
  export async function setGrants(email: string, grants: Grant[], actor: string): Promise<void> {
    const before = await get(email);
    if (!before) throw new VisibleError('account.not_found', `Không có tài khoản "${email}".`, 404);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.account(email), UpdateExpression: 'SET grants = :g', ExpressionAttributeValues: { ':g': grants } }));
    const person = await Person.get(before.personId).catch(() => null);
    await Audit.record({ actor, action: 'account.grants_changed', unitId: person?.unitId ?? null, detail: { email: before.email, before: before.grants, after: grants } });
  }
}
