import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { recordLeased, settleLease, takeLease, type Lease } from '../db/once.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';

/**
 * Who gets the officers' messages besides the HR officers (listed by their accounts), and the
 * exactly-once guard of each message.
 *
 * Every opt-out and head of unit is one item of a single small partition (one per named head:
 * a few thousand for a whole country), read whole by the daily job, so finding recipients
 * never passes over the roster or the accounts. A head is also listed under their person in
 * gsi1, so "whose head am I" is one query.
 */

/** A person named head of a unit, by whom and when. */
export type HeadEntry = { kind: 'head'; personId: string; unitId: string; by: string; at: string };
export type OptOut = { personId: string; by: string; at: string };
/** An officer an older release enrolled here, before accounts listed their officers themselves: moved to that listing as read. */
export type LegacyOfficer = { email: string; key: { pk: string; sk: string } };

export type Recipients = { heads: HeadEntry[]; optOuts: OptOut[]; legacyOfficers: LegacyOfficer[] };

export async function readRecipients(): Promise<Recipients> {
  const out: Recipients = { heads: [], optOuts: [], legacyOfficers: [] };
  for (const item of await queryList({ pk: keys.digestRecipients })) {
    if (item.kind === 'head')
      out.heads.push({ kind: 'head', personId: String(item.personId), unitId: String(item.unitId), by: String(item.by), at: String(item.at) });
    else if (item.kind === 'optout') out.optOuts.push({ personId: String(item.personId), by: String(item.by), at: String(item.at) });
    else if (item.kind === 'hr') out.legacyOfficers.push({ email: String(item.email), key: { pk: String(item.pk), sk: String(item.sk) } });
  }
  return out;
}

export async function deleteLegacyOfficer(entry: LegacyOfficer): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: entry.key }));
}

export async function getHead(unitId: string): Promise<HeadEntry | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.digestHead(unitId) }));
  return out.Item ? { kind: 'head', personId: String(out.Item.personId), unitId, by: String(out.Item.by), at: String(out.Item.at) } : null;
}

export async function putHead(entry: HeadEntry): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.digestHead(entry.unitId), ...keys.headIndex(entry.personId, entry.unitId), type: 'digest-recipient', ...entry },
    }),
  );
}

export async function deleteHead(unitId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.digestHead(unitId) }));
}

/** The units a person is named head of. */
export async function headedBy(personId: string): Promise<string[]> {
  return (await queryList({ index: 'gsi1', pk: keys.headsOf(personId) })).map((i) => String(i.unitId));
}

export async function getOptOut(personId: string): Promise<OptOut | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.digestOptOut(personId) }));
  return out.Item ? { personId, by: String(out.Item.by), at: String(out.Item.at) } : null;
}

export async function putOptOut(entry: OptOut): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.digestOptOut(entry.personId), type: 'digest-recipient', kind: 'optout', ...entry } }),
  );
}

export async function deleteOptOut(personId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.digestOptOut(personId) }));
}

/**
 * One officer message, keyed by its person and what it is about (`WEEK#2026-W50`, or
 * `LATE#<unit>#<target>#<day it turned>`): written once, on condition it is not there, before
 * anything is sent; then leased, sent and settled, as a learner's reminder is.
 */
export type MessageState = 'pending' | 'sending' | 'sent' | 'no-address';
export type MessageIntent = { personId: string; about: string; state: MessageState; unitId: string | null };

/** Records the message, leased to the recording run; false when it is there already. */
export function recordMessage(personId: string, about: string, detail: Record<string, unknown>, at: string, lease: Lease): Promise<boolean> {
  return recordLeased({ ...keys.officerMessage(personId, about), type: 'officer-message', personId, about, ...detail, createdAt: at }, lease);
}

/** Settled for good: sent, or noticed in the app without an address. */
export const isSettledMessage = (intent: MessageIntent | null): boolean => !!intent && (intent.state === 'sent' || intent.state === 'no-address');

export async function getMessage(personId: string, about: string): Promise<MessageIntent | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.officerMessage(personId, about), ConsistentRead: true }));
  return out.Item ? { personId, about, state: out.Item.state as MessageState, unitId: (out.Item.unitId as string | null) ?? null } : null;
}

/** Takes the lease on a pending message, or one whose sender's lease ran out; false when sent or held by another run. */
export const leaseMessage = (personId: string, about: string, leaseId: string, now: number, seconds: number): Promise<boolean> =>
  takeLease(keys.officerMessage(personId, about), leaseId, now, seconds);

export const settleMessage = (
  personId: string,
  about: string,
  leaseId: string,
  outcome: { state: MessageState; messageId?: string; sentAt?: string },
): Promise<boolean> => settleLease(keys.officerMessage(personId, about), leaseId, outcome);

/** What the daily job last saw of a unit's projection for each target: `late` since `since` (the day it turned), or not. */
export type ProjectionState = { targetId: string; late: boolean; since: string };

export async function projectionStates(unitId: string): Promise<Map<string, ProjectionState>> {
  const items = await queryList({ pk: keys.projectionStatesOf(unitId) });
  return new Map(items.map((i) => [String(i.targetId), { targetId: String(i.targetId), late: Boolean(i.late), since: String(i.since) }]));
}

/**
 * Moves a unit's state for a target to `late` (or back), on condition it is not already so:
 * false when another run moved it first (the caller then reads who did, and when).
 */
export function turnProjection(unitId: string, state: ProjectionState): Promise<boolean> {
  return conditionHeld(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.projectionState(unitId, state.targetId), type: 'projection-state', unitId, ...state },
        ConditionExpression: 'attribute_not_exists(pk) OR late <> :late',
        ExpressionAttributeValues: { ':late': state.late },
      }),
    ),
  );
}
