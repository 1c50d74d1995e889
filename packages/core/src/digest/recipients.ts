import * as v from 'valibot';
import { Account } from '../account/index.ts';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { personIdFor } from '../person/import.ts';
import type { Language } from '../reminder/schema.ts';
import {
  deleteHead,
  deleteLegacyOfficer,
  deleteOptOut,
  getHead,
  getOptOut,
  headedBy,
  putHead,
  putOptOut,
  readRecipients,
  type HeadEntry,
  type LegacyOfficer,
} from './store.ts';

/**
 * Who receives the officers' messages (the weekly digest, the "không kịp hạn" notice): every
 * account with the HR role, for the subtree of its grant's unit (the whole installation when
 * the grant names none), however the grant was given, as the account domain lists them; and
 * the head of a unit, a person HR or an admin names on it. One message a week per person,
 * whatever the number of their grants.
 */

export type Head = HeadEntry & { fullName: string; employeeCode: string };

/** The head of a unit, when one is named. */
export async function headOf(unitId: string): Promise<Head | null> {
  const head = await getHead(unitId);
  const person = head ? await Person.get(head.personId).catch(() => null) : null;
  return head && person ? { ...head, fullName: person.fullName, employeeCode: person.employeeCode } : null;
}

/**
 * Names the head of a unit by employee code, or clears it (null); audited. The head is a
 * person of the unit or one below it: someone elsewhere gets the answer of someone unknown,
 * so an officer cannot probe the roster outside their scope.
 */
export const setHead = fn(
  v.object({ unitId: Org.Id, employeeCode: v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))), actor: Actor }),
  async ({ unitId, employeeCode, actor }): Promise<Head | null> => {
    const unit = await Org.get(unitId);
    if (employeeCode === null) {
      await deleteHead(unit.id);
      await Audit.record({ actor: actor.email, action: 'reminder.head.cleared', unitId: unit.id, detail: {} });
      return null;
    }
    const person = await Person.get(personIdFor(employeeCode)).catch(() => null);
    const placed = person?.status === 'active' ? await Org.get(person.unitId).catch(() => null) : null;
    if (!person || !placed || !Org.isWithin(placed, unit.id))
      throw new VisibleError('account.person_not_found', `Không có cán bộ mã "${employeeCode}" đang làm việc tại ${unit.name} hoặc đơn vị trực thuộc.`);
    const head: HeadEntry = { kind: 'head', personId: person.id, unitId: unit.id, by: actor.email, at: new Date().toISOString() };
    await putHead(head);
    await Audit.record({
      actor: actor.email,
      action: 'reminder.head.set',
      unitId: unit.id,
      detail: { personId: person.id, employeeCode: person.employeeCode },
    });
    return { ...head, fullName: person.fullName, employeeCode: person.employeeCode };
  },
);

/** Whether a person receives the digests, and whether they turned them off. */
export type DigestStatus = { officer: boolean; heads: { id: string; name: string }[]; optedOut: boolean };

export async function statusOf(personId: string, grants: Account.Grant[]): Promise<DigestStatus> {
  const [optOut, headed] = await Promise.all([getOptOut(personId), headedBy(personId)]);
  const units = await Org.getMap(headed);
  return {
    officer: grants.some((g) => g.role === 'hr'),
    heads: headed.flatMap((id) => (units.has(id) ? [{ id, name: units.get(id)!.name }] : [])),
    optedOut: optOut !== null,
  };
}

/**
 * Turns a person's digests and "không kịp hạn" notices off, or on again; audited under their
 * unit. Learners' reminders are not optional and are not touched.
 */
export const setOptOut = fn(
  v.object({ personId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), optOut: v.boolean(), actor: Actor }),
  async ({ personId, optOut, actor }): Promise<void> => {
    const person = await Person.get(personId);
    if (optOut) await putOptOut({ personId, by: actor.email, at: new Date().toISOString() });
    else await deleteOptOut(personId);
    await Audit.record({
      actor: actor.email,
      action: optOut ? 'reminder.digest.optout' : 'reminder.digest.optin',
      unitId: person.unitId,
      detail: { personId },
    });
  },
);

/** One person who receives the officers' messages: the units of their scope (none inside another), where to write. */
export type Recipient = {
  personId: string;
  fullName: string;
  email: string | null;
  /** Whether they hold the HR role (the readiness pages are theirs); a head alone reads the notices page. */
  officer: boolean;
  language: Language;
  scopes: Org.Info[];
  optedOut: boolean;
};

/**
 * The officers an older release enrolled in the recipients' partition, moved to the accounts'
 * own listing (once: each entry is deleted) and answered as their accounts stand now, since the
 * listing's index may not show a relisted account to the query of this very run.
 */
async function moveLegacyOfficers(entries: LegacyOfficer[]): Promise<Account.Officer[]> {
  const moved = new Map<string, Account.Info | null>();
  for (const entry of entries) {
    if (!moved.has(entry.email)) {
      const account = await Account.get(entry.email);
      if (account) await Account.relistOfficer(account.email);
      moved.set(entry.email, account);
    }
    await deleteLegacyOfficer(entry);
  }
  return [...moved.values()].flatMap((account) => (account ? Account.officerGrantsOf(account) : []));
}

/**
 * Every recipient: the HR grants from the accounts' officer listing (one query), the heads
 * and opt-outs from the recipients' partition (one query), then the roster.
 */
export async function recipients(): Promise<Recipient[]> {
  const { heads, optOuts, legacyOfficers } = await readRecipients();
  const byPerson = new Map<string, { emails: string[]; units: (string | null)[] }>();
  const add = (personId: string, unitId: string | null, email?: string) => {
    const entry = byPerson.get(personId) ?? byPerson.set(personId, { emails: [], units: [] }).get(personId)!;
    entry.units.push(unitId);
    if (email && !entry.emails.includes(email)) entry.emails.push(email);
  };
  const officers: Account.Officer[] = await moveLegacyOfficers(legacyOfficers);
  for await (const officer of Account.officers()) officers.push(officer);
  for (const officer of officers) add(officer.personId, officer.unitId, officer.email);
  for (const head of heads) add(head.personId, head.unitId);
  const optedOut = new Set(optOuts.map((o) => o.personId));
  const roots = byPerson.size > 0 && [...byPerson.values()].some((e) => e.units.includes(null)) ? await Org.children(null) : [];
  const found: Recipient[] = [];
  for (const [personId, entry] of byPerson) {
    const person = await Person.get(personId).catch(() => null);
    if (!person || person.status !== 'active') continue;
    const named = [...new Set(entry.units.filter((u): u is string => u !== null))];
    const units = [...(entry.units.includes(null) ? roots : []), ...(await Org.getMap(named)).values()].filter((u) => u.status === 'active');
    // A unit inside another of the same person's scopes is already in that one's figures.
    const scopes = units.filter((u, i) => units.findIndex((o) => o.id === u.id) === i && !units.some((o) => o.id !== u.id && Org.isWithin(u, o.id)));
    if (scopes.length === 0) continue;
    found.push({
      personId,
      fullName: person.fullName,
      // The officer's own login address first: it is where they already read the site's mail.
      email: entry.emails[0] ?? person.email ?? null,
      officer: entry.emails.length > 0,
      language: await Account.languageOf(personId),
      scopes: scopes.sort((a, b) => a.code.localeCompare(b.code)),
      optedOut: optedOut.has(personId),
    });
  }
  return found.sort((a, b) => a.personId.localeCompare(b.personId));
}
