import * as v from 'valibot';
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { hashPassword, verifyPassword } from './password.ts';

export namespace Account {
  export const Role = v.picklist(['learner', 'hr', 'trainer', 'admin']);
  export type Role = v.InferOutput<typeof Role>;

  /** A role, and for hr/admin the unit whose subtree it covers (null: the whole installation). */
  export const Grant = v.object({ role: Role, unitId: v.optional(v.nullable(v.string()), null) });
  export type Grant = v.InferOutput<typeof Grant>;

  export const Info = v.object({
    email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email()),
    personId: v.string(),
    grants: v.array(Grant),
  });
  export type Info = v.InferOutput<typeof Info>;

  export type Session = { personId: string; email: string; expiresAt: number };

  const SESSION_SECONDS = 8 * 3600;
  const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

  export const create = fn(
    v.object({ ...Info.entries, password: v.pipe(v.string(), v.minLength(8)) }),
    async ({ password, ...account }) => {
      await db().send(new PutCommand({
        TableName: tableName(),
        Item: { ...keys.account(account.email), type: 'account', ...account, passwordHash: await hashPassword(password) },
      }));
    },
  );

  export const get = fn(v.string(), async (email): Promise<Info | null> => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
    if (!out.Item) return null;
    const { personId, grants } = out.Item as Info;
    return { email: email.trim().toLowerCase(), personId, grants };
  });

  const LoginInput = v.object({
    email: v.pipe(v.string(), v.maxLength(320)),
    password: v.pipe(v.string(), v.maxLength(1024)),
  });

  /** Checks the password and opens a session; the token is returned once and only its hash is stored. */
  export const login = fn(LoginInput, async ({ email, password }) => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
    const ok = out.Item && (await verifyPassword(password, String(out.Item.passwordHash)));
    if (!ok) throw new VisibleError('auth.invalid_credentials', 'Email hoặc mật khẩu không đúng.', 401);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: { ...keys.session(hashToken(token)), type: 'session', personId: out.Item!.personId, email: out.Item!.email, expiresAt },
    }));
    return { token, maxAgeSeconds: SESSION_SECONDS };
  });

  export async function session(token: string): Promise<Session | null> {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(hashToken(token)) }));
    const item = out.Item as Session | undefined;
    if (!item || item.expiresAt <= Date.now() / 1000) return null;
    return { personId: item.personId, email: item.email, expiresAt: item.expiresAt };
  }

  export async function logout(token: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.session(hashToken(token)) }));
  }
}
