import * as v from 'valibot';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { personIdFor } from '../person/import.ts';
import { hashPassword, verifyPassword, verifyNothing } from './password.ts';
import { mayActOn, mayGive, mergeGrants, unitsNamed, type Actor as RankActor } from './rank.ts';
import {
  closeOtherSessions,
  closeSession,
  openSession,
  openValue,
  readSession,
  rotateSession,
  sealValue,
  secrets,
  type Session as SessionInfo,
} from './session.ts';
import {
  getAccount,
  getCredentials,
  getCurrentLink,
  linkExpiry,
  listLogins,
  putAccount,
  putNewAccount,
  replaceGrants,
  replaceLink,
  setPasswordHash,
  takeLink,
  putSignInLink,
  takeSignInLink,
  type CurrentLink,
} from './store.ts';
import { chooseLanguage, languageAmong as languageAmongLogins, languageOf as languageOfPerson } from './language.ts';
import * as officerListing from './officers.ts';
import { Language as LanguageSchema, returnPath as returnPathRule } from './schema.ts';
import { passwordAttempt } from './throttle.ts';

export namespace Account {
  export const Role = v.picklist(['learner', 'hr', 'trainer', 'admin']);
  export type Role = v.InferOutput<typeof Role>;

  /** A role, and for hr/admin the unit whose subtree it covers (null: the whole installation). */
  export const Grant = v.object({ role: Role, unitId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))), null) });
  export type Grant = v.InferOutput<typeof Grant>;

  export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(320), v.email('email không hợp lệ'));
  export const NewPassword = v.pipe(v.string(), v.minLength(10, 'mật khẩu cần ít nhất 10 ký tự'), v.maxLength(200));

  export const Language = LanguageSchema;
  export type Language = v.InferOutput<typeof Language>;

  /** `language`: the one the person chose for the site and their reminders; absent until they choose. */
  export const Info = v.object({
    email: Email,
    personId: v.pipe(v.string(), v.maxLength(64)),
    grants: v.array(Grant),
    language: v.optional(Language),
  });
  export type Info = v.InferOutput<typeof Info>;
  export type Session = SessionInfo;
  /** Who acts on an account: their email (for the audit) and grants (for the rank rule). */
  export type Actor = RankActor;
  /** The operator at the command line, who set the installation up and holds every power. */
  export const operator: Actor = { email: 'cli', grants: [{ role: 'admin', unitId: null }] };

  const forbidden = () => new VisibleError('auth.forbidden', 'Bạn không có quyền với tài khoản này.');

  const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
  const LINK_SECONDS = 72 * 3600;

  /**
   * Creates (or replaces) an account, unchecked: for the operator's own tools (seed, the
   * first admin, tests). Anything acting for a signed-in person uses `open`, which applies
   * the rank rule. Without a password the account is entered through a set-password link.
   */
  export const create = fn(v.object({ ...Info.entries, password: v.optional(NewPassword) }), async ({ password, ...account }) => {
    await putAccount(account, password ? await hashPassword(password) : undefined);
  });

  /**
   * The logins bound to a person, by the login index: one query. Every account write lists the
   * account there; those written before the index existed are listed by `sansang rebuild --write`.
   */
  export async function ofPerson(person: Pick<Person.Info, 'id'>): Promise<Info[]> {
    return listLogins(person.id);
  }

  /** Units by id for the rank rule: the people's units and every grant's unit, with ancestors. */
  const unitsFor = (grants: Grant[], unitIds: string[]) => Org.getMap(unitsNamed(grants, unitIds));

  /**
   * Loads an account the actor may act on, or refuses. An unknown address gets the same
   * answer as one outside the actor's rank, so addresses cannot be probed.
   */
  async function actedOn(
    actor: Actor,
    email: string,
    read: (email: string) => Promise<Pick<Info, 'personId' | 'grants'> | null> = getAccount,
  ): Promise<{ account: Info; person: Person.Info }> {
    const found = await read(email);
    const account = found && { email: email.trim().toLowerCase(), personId: found.personId, grants: found.grants };
    const person = account ? await Person.get(account.personId).catch(() => null) : null;
    if (!account || !person) throw forbidden();
    const units = await unitsFor([...actor.grants, ...account.grants], [person.unitId]);
    if (!mayActOn(actor, { personUnitId: person.unitId, grants: account.grants }, units)) throw forbidden();
    return { account, person };
  }

  /**
   * Opens a login for a person of the roster, on behalf of an officer: the officer must
   * outrank every login the person already has, and may give only grants inside their own
   * scope. The address must be new.
   */
  export async function open(input: { actor: Actor; email: string; employeeCode: string; grants: Grant[] }): Promise<Info> {
    const { actor } = input;
    const email = v.parse(Email, input.email);
    const code = input.employeeCode.trim();
    // Someone not on the roster is answered like someone outside the officer's scope, in words that say what to check.
    const notFound = () => new VisibleError('account.person_not_found', `Không có cán bộ mã "${code}" trong phạm vi quản lý của bạn.`);
    const person = await Person.get(personIdFor(code)).catch(() => null);
    if (!person) throw notFound();
    const existing = await ofPerson(person);
    const units = await unitsFor([...actor.grants, ...input.grants, ...existing.flatMap((a) => a.grants)], [person.unitId]);
    if (!mayActOn(actor, { personUnitId: person.unitId, grants: [] }, units)) throw notFound();
    const outranked = existing.every((a) => mayActOn(actor, { personUnitId: person.unitId, grants: a.grants }, units));
    if (!outranked) throw new VisibleError('auth.forbidden', 'Người này đã có tài khoản với vai trò cao hơn hoặc rộng hơn của bạn.');
    if (!input.grants.every((g) => mayGive(actor, g, units))) throw new VisibleError('auth.forbidden', 'Bạn không thể cấp vai trò vượt quá phạm vi của mình.');
    const account: Info = { email, personId: person.id, grants: input.grants };
    if (!(await putNewAccount(account))) throw new VisibleError('account.exists', `Không dùng được email "${email}" vì đã có tài khoản.`);
    await Audit.record({ actor: actor.email, action: 'account.created', unitId: person.unitId, detail: { email, grants: input.grants } });
    return account;
  }

  /**
   * Who can already sign in among the people directly in a unit (the roster page's scope),
   * person by person in the roster's order: one query per person, a few at a time.
   */
  export async function ofUnit(unitId: string, limit = 2000): Promise<{ person: Person.Info; accounts: Info[] }[]> {
    const people: Person.Info[] = [];
    for await (const p of Person.ofUnit(unitId)) {
      people.push(p);
      if (people.length >= limit) break;
    }
    const found: { person: Person.Info; accounts: Info[] }[] = [];
    for (let i = 0; i < people.length; i += 16) {
      const batch = people.slice(i, i + 16);
      const logins = await Promise.all(batch.map(ofPerson));
      batch.forEach((person, j) => logins[j]!.length > 0 && found.push({ person, accounts: logins[j]! }));
    }
    return found;
  }

  export const get = fn(v.string(), async (email): Promise<Info | null> => {
    const found = await getAccount(email);
    return found ? { email: email.trim().toLowerCase(), ...found } : null;
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
    const item = await passwordAttempt(normalized, address, async () => {
      const found = await getCredentials(normalized);
      // An unknown address costs the same hash as a known one: the time taken tells nothing.
      const ok = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : await verifyNothing(password);
      return ok ? found! : null;
    });
    if (!item) {
      await Audit.record({ actor: normalized, action: 'auth.sign_in_failed', detail: { address } });
      throw new VisibleError('auth.invalid_credentials', 'Email hoặc mật khẩu không đúng.');
    }
    const person = await Person.get(String(item.personId));
    await Audit.record({ actor: normalized, action: 'auth.sign_in', unitId: person.unitId, detail: { address } });
    return openSession(normalized, person.id);
  });

  /**
   * Sign-in through the province's identity provider: the verified identity is mapped to a
   * person by email (an existing account) or by employee code (the roster), and a person on
   * the roster without an account gets a learner account on first sign-in.
   */
  export async function loginWithIdentity(identity: {
    issuer: string;
    subject: string;
    email: string | null;
    employeeCode: string | null;
    address: string | null;
  }) {
    const email = identity.email?.trim().toLowerCase() || null;
    let account = email ? await get(email) : null;
    if (!account && identity.employeeCode) {
      const person = await Person.get(personIdFor(identity.employeeCode)).catch(() => null);
      // Only a login bound to this very person: a roster email that names someone else's
      // account (an officer may type any address) must not route the sign-in there.
      const logins = person ? await ofPerson(person) : [];
      account = logins.find((a) => a.email === person?.email?.toLowerCase()) ?? logins[0] ?? null;
      const newEmail = email ?? person?.email?.toLowerCase() ?? null;
      if (person && !account && newEmail) account = await bindIdentity(person, newEmail);
    }
    if (!account) {
      await Audit.record({
        actor: email ?? identity.subject,
        action: 'auth.sign_in_failed',
        detail: { method: 'oidc', issuer: identity.issuer, reason: 'unknown_person' },
      });
      throw new VisibleError('auth.oidc_unknown_person', 'Tài khoản định danh này chưa gắn với cán bộ nào trong danh sách. Hãy liên hệ cán bộ tổ chức.');
    }
    const person = await Person.get(account.personId);
    await Audit.record({
      actor: account.email,
      action: 'auth.sign_in',
      unitId: person.unitId,
      detail: { method: 'oidc', issuer: identity.issuer, address: identity.address },
    });
    return openSession(account.email, person.id);
  }

  /** A first sign-in by identity gets a learner login, unless the address is another's login. */
  async function bindIdentity(person: Person.Info, email: string): Promise<Info | null> {
    const account: Info = { email, personId: person.id, grants: [] };
    if (!(await putNewAccount(account))) {
      const taken = await get(email);
      return taken?.personId === person.id ? taken : null;
    }
    await Audit.record({ actor: email, action: 'account.created', unitId: person.unitId, detail: { email, grants: [], method: 'oidc' } });
    return account;
  }

  export const session = readSession;
  export const seal = sealValue;
  export const returnPath = returnPathRule;
  export const unseal = openValue;
  export const rotate = rotateSession;
  export const setLanguage = chooseLanguage;
  export const languageOf = languageOfPerson;
  export const languageAmong = languageAmongLogins;
  export type Officer = officerListing.Officer;
  export const officers = officerListing.officers;
  export const officerGrantsOf = officerListing.officerGrantsOf;
  export const relistOfficer = officerListing.relist;
  export const relistOfficers = officerListing.relistAll;

  export async function logout(s: Pick<SessionInfo, 'email' | 'sid'>): Promise<void> {
    await closeSession(s.email, s.sid);
  }

  async function setHash(email: string, password: string) {
    await setPasswordHash(email, await hashPassword(password));
  }

  /** Changes the password and signs the account out everywhere except this session. */
  export const changePassword = fn(
    v.object({
      email: v.string(),
      sid: v.string(),
      current: v.pipe(v.string(), v.maxLength(1024)),
      next: NewPassword,
      address: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
    }),
    async ({ email, sid, current, next, address }) => {
      // Guesses at the current password count against the same limit as sign-in's.
      const ok = await passwordAttempt(email, address ?? null, async () => {
        const found = await getCredentials(email);
        return Boolean(found?.passwordHash && (await verifyPassword(current, found.passwordHash)));
      });
      if (!ok) {
        await Audit.record({ actor: email, action: 'account.password_change_failed', detail: { address: address ?? null } });
        throw new VisibleError('auth.wrong_password', 'Mật khẩu hiện tại không đúng.');
      }
      await setHash(email, next);
      await closeOtherSessions(email, sid);
      await Audit.record({ actor: email, action: 'account.password_changed' });
    },
  );

  /** A request this soon after the last (a double click, a retried request) gets the same link back. */
  const LINK_REPEAT_SECONDS = 120;
  const linkToken = (email: string, nonce: string) =>
    createHmac('sha256', secrets()[0]!).update(`password-link\u0000${email}\u0000${nonce}`).digest('base64url');

  async function linkUsable(hash: string, now: number): Promise<boolean> {
    return (await linkExpiry(hash)) > now;
  }

  /**
   * A one-time link to set a password, for a new account or a forgotten password. No e-mail
   * server is assumed: the officer who asked for it is shown the link and hands it over.
   * An account has one valid link at a time: a repeated request within a short window gets
   * the same link, a later one replaces it (the older stops working) in one transaction.
   * Whoever holds the link holds the account, so the actor must outrank it.
   */
  export async function issuePasswordLink(input: { actor: Actor; email: string }): Promise<{ token: string; expiresAt: string }> {
    const normalized = input.email.trim().toLowerCase();
    // One consistent read serves both the rank check and the first look at the current link.
    let current = null as Awaited<ReturnType<typeof getCurrentLink>>;
    const { person } = await actedOn(input.actor, normalized, async (email) => (current = await getCurrentLink(email)));
    const actor = input.actor.email;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) current = await getCurrentLink(normalized);
      if (!current) throw forbidden();
      const now = Math.floor(Date.now() / 1000);
      const last = current.link;
      if (last && now - last.issuedAt < LINK_REPEAT_SECONDS) {
        const token = linkToken(normalized, last.nonce);
        // Not yet used, and made with the signing secret of now: hand the same link out again.
        if (hashToken(token) === last.hash && (await linkUsable(last.hash, now))) return { token, expiresAt: new Date(last.expiresAt * 1000).toISOString() };
      }
      const nonce = randomBytes(24).toString('base64url');
      const token = linkToken(normalized, nonce);
      const next: CurrentLink = { nonce, hash: hashToken(token), issuedAt: now, expiresAt: now + LINK_SECONDS };
      if (!(await replaceLink(normalized, next, last))) {
        // A parallel request issued one a moment ago: the next turn hands out that one.
        if (attempt < 3) continue;
        throw new VisibleError('account.changed', 'Liên kết đặt mật khẩu của tài khoản này vừa được người khác tạo lại; hãy thử lại sau giây lát.');
      }
      await Audit.record({ actor, action: 'account.password_link_issued', unitId: person.unitId, detail: { email: normalized } });
      return { token, expiresAt: new Date(next.expiresAt * 1000).toISOString() };
    }
  }

  /** Uses a set-password link once: sets the password and ends every existing session. */
  export const redeemPasswordLink = fn(v.object({ token: v.pipe(v.string(), v.maxLength(200)), password: NewPassword }), async ({ token, password }) => {
    const email = await takeLink(hashToken(token), Math.floor(Date.now() / 1000));
    if (email === null) throw new VisibleError('auth.link_invalid', 'Đường dẫn đặt mật khẩu không hợp lệ hoặc đã hết hạn.');
    await setHash(email, password);
    await closeOtherSessions(email);
    await Audit.record({ actor: email, action: 'account.password_set_by_link' });
    return { email };
  });

  /** A reminder's sign-in link works for three days: long enough for a message read the next working day. */
  const SIGNIN_LINK_SECONDS = 3 * 24 * 3600;

  /**
   * A one-time sign-in link for a learner, carried by a reminder e-mail: single use,
   * short-lived, bound to the person and their account. Only an account with no role beyond
   * learner gets one: a link in an inbox must not open an officer's or an admin's powers.
   * Null when the person has no such account (the message then links to the sign-in page).
   */
  export async function issueSignInLink(
    personId: string,
    /** The person and their accounts when the caller has read them already (a reminder run). */
    known?: { person: Person.Info; accounts: Info[] },
  ): Promise<{ token: string; expiresAt: string } | null> {
    const person = known?.person ?? (await Person.get(personId));
    const account = (known?.accounts ?? (await ofPerson(person))).find((a) => a.grants.length === 0);
    if (!account || person.status !== 'active') return null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = Math.floor(Date.now() / 1000) + SIGNIN_LINK_SECONDS;
    await putSignInLink(hashToken(token), { email: account.email, personId, expiresAt });
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** Uses a sign-in link once and opens a session for its person, if they are still on the roster with that account. */
  export const redeemSignInLink = fn(v.object({ token: v.pipe(v.string(), v.maxLength(200)) }), async ({ token }) => {
    const invalid = () =>
      new VisibleError(
        'auth.link_invalid',
        'Đường dẫn đăng nhập này đã được dùng, đã hết hạn hoặc không đúng. Hãy đăng nhập bằng email và mật khẩu, hoặc dùng đường dẫn trong thư nhắc việc mới nhất.',
      );
    const taken = await takeSignInLink(hashToken(token), Math.floor(Date.now() / 1000));
    if (!taken) throw invalid();
    const [account, person] = await Promise.all([get(taken.email), Person.get(taken.personId).catch(() => null)]);
    if (!account || account.personId !== taken.personId || account.grants.length > 0 || person?.status !== 'active') throw invalid();
    const session = await openSession(account.email, account.personId);
    await Audit.record({ actor: account.email, action: 'account.signed_in_by_link', unitId: person.unitId });
    return { ...session, email: account.email };
  });

  /**
   * Changes an account's roles and scopes. The actor must outrank the account as it is, and
   * may give or take away only grants inside their own scope: the others are kept whatever
   * the request says. A change made meanwhile by someone else is not overwritten.
   */
  export async function changeGrants(input: { actor: Actor; email: string; grants: Grant[] }): Promise<Grant[]> {
    const { actor } = input;
    const { account: before, person } = await actedOn(actor, input.email);
    const units = await unitsFor([...actor.grants, ...before.grants, ...input.grants], [person.unitId]);
    if (!input.grants.every((g) => mayGive(actor, g, units))) throw new VisibleError('auth.forbidden', 'Bạn không thể cấp vai trò vượt quá phạm vi của mình.');
    const after = mergeGrants(actor, before.grants, input.grants, units);
    if (!(await replaceGrants(before, after))) {
      throw new VisibleError('account.changed', 'Vai trò của tài khoản vừa được người khác thay đổi; hãy tải lại và thử lại.');
    }
    await Audit.record({
      actor: actor.email,
      action: 'account.grants_changed',
      unitId: person.unitId,
      detail: { email: before.email, before: before.grants, after },
    });
    return after;
  }
}
