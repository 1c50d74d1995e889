import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getMany } from '../db/batch.ts';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryAll } from '../db/query.ts';
export { readPersonFile, type PersonFile } from '../db/person-file.ts';
import type { Person } from './index.ts';

/**
 * `rev` counts every write to the person and their records: a move and a completion of
 * the same person made at once cannot both act on what they read before the other.
 */
export function toItem(person: Person.Info) {
  const clock = clockStart(person);
  return {
    ...keys.person(person.id),
    ...keys.memberIndex(person),
    ...(clock ? keys.clockIndex(clock, person.id) : {}),
    type: 'person',
    ...person,
    rev: 0,
  };
}

/** The latest day the person's own clock started (start date or a return): what decides a due date later than a deadline. */
const clockStart = (person: Pick<Person.Info, 'startDate' | 'resumed'>): string | null =>
  [person.startDate, ...Object.values(person.resumed ?? {})]
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1) ?? null;

/** Ids of the people whose latest own clock start is `day` (one query of the sparse index). */
export async function* clocksStartingOn(day: string): AsyncGenerator<string> {
  for await (const item of queryAll({ index: 'gsi2', pk: keys.clockStartsOn(day) })) yield String(item.gsi2sk);
}

export function revOf(item: Record<string, unknown>): number {
  return typeof item.rev === 'number' ? item.rev : 0;
}

export function fromItem(item: Record<string, unknown>): Person.Info {
  const { id, employeeCode, fullName, email, unitId, category, position, status, startDate, exempt, resumed, lapse } = item as Person.Info;
  return {
    id,
    employeeCode,
    fullName,
    email: email ?? null,
    unitId,
    category,
    position,
    status,
    ...(startDate ? { startDate } : {}),
    ...(exempt && exempt.length > 0 ? { exempt } : {}),
    ...(resumed && Object.keys(resumed).length > 0 ? { resumed } : {}),
    ...(lapse && Object.keys(lapse).length > 0 ? { lapse } : {}),
  };
}

export async function getPerson(id: string): Promise<Person.Info | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(id) }));
  return out.Item ? fromItem(out.Item) : null;
}

/** People by id, a hundred a round trip; ids not found are absent. */
export async function getPeople(ids: string[]): Promise<Person.Info[]> {
  return (await getMany(ids.map((id) => keys.person(id)))).map(fromItem);
}

/** Everyone listed under a unit in the members index. */
export async function* membersOf(unitId: string): AsyncGenerator<Person.Info> {
  for await (const item of queryAll({ index: 'gsi1', pk: keys.membersOf(unitId) })) yield fromItem(item);
}

/**
 * Which person each address already signs in as (accounts by address, in one batch read):
 * the answer looks an address up as an account key would, so case and spaces do not matter.
 */
export async function loginOwners(emails: string[]): Promise<(email: string) => string | undefined> {
  const owners = new Map((await getMany(emails.map((email) => keys.account(email)))).map((item) => [String(item.pk), String(item.personId)]));
  return (email) => owners.get(keys.account(email).pk);
}

/** The person as stored, with the revision a write about them must hold. */
export async function personAt(personId: string): Promise<{ person: Person.Info; rev: number } | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(personId) }));
  return out.Item ? { person: fromItem(out.Item), rev: revOf(out.Item) } : null;
}
