import { DeleteCommand, GetCommand, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld, isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryAll, queryList } from '../db/query.ts';
import type { Account } from './index.ts';
import { holdsHr, type Language } from './schema.ts';

/** The account's current link. Its token is rebuilt from `nonce` with the signing secret, so the table alone never yields a usable link. */
export type CurrentLink = { nonce: string; hash: string; issuedAt: number; expiresAt: number };

/** An account with an hr grant carries the officers' listing keys: written with its grants, gone with its last hr grant. */
const officerListing = (account: Pick<Account.Info, 'email' | 'grants'>) => (holdsHr(account.grants) ? keys.officerIndex(account.email) : {});

/** What an update of the account sets and removes so that the officers' listing says what `grants` say. */
function listingUpdate(email: string, grants: Account.Grant[], set: string[]) {
  const listing = keys.officerIndex(email);
  return holdsHr(grants)
    ? {
        UpdateExpression: `SET ${[...set, 'gsi2pk = :officers', 'gsi2sk = :officer'].join(', ')}`,
        values: { ':officers': listing.gsi2pk, ':officer': listing.gsi2sk },
      }
    : { UpdateExpression: `${set.length ? `SET ${set.join(', ')} ` : ''}REMOVE gsi2pk, gsi2sk`, values: {} };
}

const toItem = (account: Account.Info) => ({
  ...keys.account(account.email),
  ...keys.loginIndex(account.personId, account.email),
  ...officerListing(account),
  type: 'account',
  ...account,
});

/** Writes an account, replacing any under its address. */
export async function putAccount(account: Account.Info, passwordHash?: string): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...toItem(account), ...(passwordHash ? { passwordHash } : {}) } }));
}

/** Writes a new account; false when its address is already an account. */
export async function putNewAccount(account: Account.Info): Promise<boolean> {
  return conditionHeld(db().send(new PutCommand({ TableName: tableName(), Item: toItem(account), ConditionExpression: 'attribute_not_exists(pk)' })));
}

/** The fields of an account item that make its Info (the key's email aside); a language only when one was chosen. */
const infoOf = (item: Record<string, unknown>): Omit<Account.Info, 'email'> => {
  const { personId, grants, language } = item as Account.Info;
  return { personId, grants, ...(language ? { language } : {}) };
};

export async function getAccount(email: string): Promise<Omit<Account.Info, 'email'> | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
  return out.Item ? infoOf(out.Item) : null;
}

/** What a password is checked against; null for an unknown address. */
export async function getCredentials(email: string): Promise<{ personId: string; passwordHash: string | null } | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email) }));
  if (!out.Item) return null;
  return { personId: String(out.Item.personId), passwordHash: out.Item.passwordHash ? String(out.Item.passwordHash) : null };
}

/** Every account holding an hr grant, from the officers' listing (one query of the sparse index, page by page). */
export async function* listOfficers(): AsyncGenerator<Account.Info> {
  for await (const item of queryAll({ index: 'gsi2', pk: keys.officers })) yield { email: String(item.email), ...infoOf(item) };
}

/**
 * Every account item, with whether the officers' listing holds it and whether the login index
 * lists it under its person: a Scan, for the operator's `rebuild` only (accounts written before
 * those listings existed), never on a request or job path.
 */
export async function* scanAccounts(): AsyncGenerator<Account.Info & { listed: boolean; indexed: boolean }> {
  const input: ScanCommandInput = {
    TableName: tableName(),
    FilterExpression: '#type = :account',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':account': 'account' },
  };
  do {
    const page = await db().send(new ScanCommand(input));
    for (const item of page.Items ?? []) {
      const index = keys.loginIndex(String(item.personId), String(item.email));
      yield {
        email: String(item.email),
        ...infoOf(item),
        listed: item.gsi2pk === keys.officers,
        indexed: item.gsi1pk === index.gsi1pk && item.gsi1sk === index.gsi1sk,
      };
    }
    input.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (input.ExclusiveStartKey);
}

/**
 * Lists or unlists an account among the officers as its grants say, and lists it under its
 * person in the login index, for an account written before those listings existed; false when
 * there is no such account.
 */
export async function relistOfficer(email: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email), ConsistentRead: true }));
  if (!out.Item) return false;
  const { grants, personId } = out.Item as Account.Info;
  const index = keys.loginIndex(personId, email);
  const { UpdateExpression, values } = listingUpdate(email, grants, ['gsi1pk = :logins', 'gsi1sk = :login']);
  // On condition the grants and person are still those read: a change meanwhile wrote the listings itself.
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(email),
        UpdateExpression,
        ConditionExpression: 'grants = :grants AND personId = :person',
        ExpressionAttributeValues: { ':grants': grants, ':person': personId, ':logins': index.gsi1pk, ':login': index.gsi1sk, ...values },
      }),
    ),
  );
}

/** The accounts the login index lists under a person. */
export async function listLogins(personId: string): Promise<Account.Info[]> {
  return (await queryList<Account.Info>({ index: 'gsi1', pk: keys.loginsOf(personId) })).map((item) => ({ email: item.email, ...infoOf(item) }));
}

/**
 * Records the language an existing account chose (false when there is no such account). The
 * account is listed under its person in the login index too, as every newer account is, so
 * the person's language is found with one query of that index.
 */
export async function setLanguage(account: Pick<Account.Info, 'email' | 'personId'>, language: Language): Promise<boolean> {
  const index = keys.loginIndex(account.personId, account.email);
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(account.email),
        UpdateExpression: 'SET #language = :l, gsi1pk = :logins, gsi1sk = :email',
        ConditionExpression: 'attribute_exists(pk) AND personId = :person',
        ExpressionAttributeNames: { '#language': 'language' },
        ExpressionAttributeValues: { ':l': language, ':logins': index.gsi1pk, ':email': index.gsi1sk, ':person': account.personId },
      }),
    ),
  );
}

/** Sets the password hash of an existing account (fails with a condition error when there is none). */
export async function setPasswordHash(email: string, passwordHash: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.account(email),
      UpdateExpression: 'SET passwordHash = :h',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':h': passwordHash },
    }),
  );
}

/** The account's current link, read consistently; null when there is no such account. */
export async function getCurrentLink(email: string): Promise<(Pick<Account.Info, 'personId' | 'grants'> & { link: CurrentLink | undefined }) | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(email), ConsistentRead: true }));
  if (!out.Item) return null;
  const { personId, grants } = out.Item as Account.Info;
  return { personId, grants, link: out.Item.passwordLink as CurrentLink | undefined };
}

/** When the link with this hash expires (seconds), 0 when it is gone (used or replaced). */
export async function linkExpiry(hash: string): Promise<number> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.passwordLink(hash), ConsistentRead: true }));
  return Number(out.Item?.expiresAt ?? 0);
}

/**
 * Makes `next` the account's link in one transaction: the link's own item is written, the
 * account names it, and the `last` one (if any) is deleted. False when the account's link
 * is no longer `last` (or the account is gone).
 */
export async function replaceLink(email: string, next: CurrentLink, last: CurrentLink | undefined): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: { TableName: tableName(), Item: { ...keys.passwordLink(next.hash), type: 'password-link', email, expiresAt: next.expiresAt } },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.account(email),
              UpdateExpression: 'SET passwordLink = :next',
              ConditionExpression: last ? 'passwordLink.nonce = :last' : 'attribute_exists(pk) AND attribute_not_exists(passwordLink)',
              ExpressionAttributeValues: { ':next': next, ...(last ? { ':last': last.nonce } : {}) },
            },
          },
          ...(last ? [{ Delete: { TableName: tableName(), Key: keys.passwordLink(last.hash) } }] : []),
        ],
      }),
    ),
  );
}

/** Deletes a one-time item not yet expired at `now` and answers what it held; null when there is none such. */
async function takeOnce(key: { pk: string; sk: string }, now: number): Promise<Record<string, unknown> | null> {
  try {
    const out = await db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ReturnValues: 'ALL_OLD',
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return out.Attributes!;
  } catch (err) {
    if (isConditionFailure(err)) return null;
    throw err;
  }
}

/** Deletes a link not yet expired at `now` and answers whose it was; null when there is none such. */
export async function takeLink(hash: string, now: number): Promise<string | null> {
  const taken = await takeOnce(keys.passwordLink(hash), now);
  return taken ? String(taken.email) : null;
}

/** A one-time sign-in link (only its hash is stored); the table's TTL on `expiresAt` drops the unused ones. */
export async function putSignInLink(hash: string, link: { email: string; personId: string; expiresAt: number }): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.signInLink(hash), type: 'signin-link', ...link } }));
}

/** Uses a sign-in link: deleted on condition it is there and not expired, so it opens one session at most. */
export async function takeSignInLink(hash: string, now: number): Promise<{ email: string; personId: string } | null> {
  const taken = await takeOnce(keys.signInLink(hash), now);
  return taken ? { email: String(taken.email), personId: String(taken.personId) } : null;
}

/** Replaces the account's grants if they are still `before.grants`; false when someone changed them meanwhile. */
export async function replaceGrants(before: Account.Info, after: Account.Grant[]): Promise<boolean> {
  // The officers' listing follows the grants in the same write: an hr grant taken away leaves it at once.
  const { UpdateExpression, values } = listingUpdate(before.email, after, ['grants = :g', 'gsi1pk = :logins', 'gsi1sk = :email']);
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(before.email),
        UpdateExpression,
        ConditionExpression: 'grants = :before',
        ExpressionAttributeValues: {
          ':g': after,
          ':before': before.grants,
          ':logins': keys.loginIndex(before.personId, before.email).gsi1pk,
          ':email': keys.loginIndex(before.personId, before.email).gsi1sk,
          ...values,
        },
      }),
    ),
  );
}

// Sessions.

export type SessionRecord = { personId: string; issuedAt: number; expiresAt: number };

export async function putSession(email: string, sid: string, session: SessionRecord): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.session(email, sid), type: 'session', personId: session.personId, email, issuedAt: session.issuedAt, expiresAt: session.expiresAt },
    }),
  );
}

export async function getSession(email: string, sid: string): Promise<SessionRecord | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(email, sid) }));
  return (out.Item as SessionRecord | undefined) ?? null;
}

/** Moves an existing session's expiry (fails with a condition error when the session is gone). */
export async function setSessionExpiry(email: string, sid: string, expiresAt: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.session(email, sid),
      UpdateExpression: 'SET expiresAt = :e',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':e': expiresAt },
    }),
  );
}

export async function deleteSession(email: string, sid: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.session(email, sid) }));
}

/** Deletes every session of an account but `keepSid`, one by one; answers how many. */
export async function deleteSessionsExcept(email: string, keepSid?: string): Promise<number> {
  const sessions = await queryList({ pk: keys.accountPartition(email), skPrefix: keys.sessionPrefix });
  const others = sessions.filter((s) => String(s.sk) !== `${keys.sessionPrefix}${keepSid}`);
  for (const s of others) await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: String(s.pk), sk: String(s.sk) } }));
  return others.length;
}

// Sign-in throttling.

export type ThrottleKind = 'account' | 'address';

/**
 * Adds `by` to the failures counted for `who` in the window starting at `start`. With a
 * `limit`, only while the count is under it: false when the limit is reached.
 */
export async function addFailures(kind: ThrottleKind, who: string, start: number, by: 1 | -1, expiresAt: number, limit?: number): Promise<boolean> {
  const guarded = limit !== undefined;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.throttle(kind, who, start),
        UpdateExpression: 'ADD failures :by SET expiresAt = :ttl, #t = :type',
        ...(guarded ? { ConditionExpression: 'attribute_not_exists(failures) OR failures < :limit' } : {}),
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':by': by, ':ttl': expiresAt, ':type': 'throttle', ...(guarded ? { ':limit': limit } : {}) },
      }),
    );
    return true;
  } catch (err) {
    if (guarded && isConditionFailure(err)) return false;
    throw err;
  }
}

export async function clearFailures(kind: ThrottleKind, who: string, start: number): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.throttle(kind, who, start) }));
}
