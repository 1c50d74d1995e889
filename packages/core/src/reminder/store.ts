import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { recordLeased, settleLease, takeLease, type Lease } from '../db/once.ts';
import { keys } from '../db/keys.ts';
import { queryAll, queryList } from '../db/query.ts';
import type { Delivery, Notice, Planned, Reason, Sent, State } from './schema.ts';

/**
 * A day's message to a person is one item keyed by (person, day): written once, on condition
 * it is not there, before anything is sent. That key is the exactly-once guard; its state
 * moves pending → sending (a lease) → sent, each step on condition of the one before.
 */
export type Intent = Sent & { leaseId?: string; leaseUntil?: number };

/** Records the intent, leased to the recording run; false when that person already has one for the day (a retried or overlapping run). */
export function recordIntent(p: Planned, day: string, at: string, lease: Lease): Promise<boolean> {
  const reasons: Reason[] = [...new Set(p.items.map((i) => i.reason))];
  return recordLeased(
    {
      ...keys.reminder(p.personId, day),
      ...keys.reminderIndex(p.unitId, day, p.personId),
      ...keys.reminderUnsent(day, p.personId),
      type: 'reminder',
      day,
      personId: p.personId,
      fullName: p.fullName,
      unitId: p.unitId,
      reasons,
      targets: p.items.map((i) => i.targetId),
      createdAt: at,
    },
    lease,
  );
}

/** `consistent: false` for a look that may be a moment stale (half the read's cost): a stale answer is checked again before sending. */
export async function getIntent(personId: string, day: string, { consistent = true } = {}): Promise<Intent | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reminder(personId, day), ConsistentRead: consistent }));
  return out.Item ? sentOf(out.Item) : null;
}

/** Settled for good: sent, noticed without an address, or withdrawn. */
export const isSettled = (intent: Intent | null): boolean =>
  !!intent && (intent.state === 'sent' || intent.state === 'no-address' || intent.state === 'withdrawn');

/** A day's reminders for the whole installation: `open` until a run finishes whole; `leaseUntil` while one is under way. */
export type DayState = { state: 'open' | 'done'; leaseUntil?: number };

/** Opens the day (a finished day stays done) and marks a run under way until `until`; true when no run had opened it before. */
export async function openDay(day: string, until: number): Promise<boolean> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.reminderDay(day),
      UpdateExpression: 'SET #state = if_not_exists(#state, :open), leaseUntil = :until, #type = :type',
      ExpressionAttributeNames: { '#state': 'state', '#type': 'type' },
      ExpressionAttributeValues: { ':open': 'open', ':until': until, ':type': 'reminder-day' },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  return out.Attributes?.state === undefined;
}

/** Ends the run's hold on the day; `done` once a run left nothing behind. */
export async function closeDay(day: string, done: boolean): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.reminderDay(day),
      UpdateExpression: done ? 'SET #state = :done REMOVE leaseUntil' : 'REMOVE leaseUntil',
      ExpressionAttributeNames: done ? { '#state': 'state' } : undefined,
      ExpressionAttributeValues: done ? { ':done': 'done' } : undefined,
    }),
  );
}

export async function dayState(day: string): Promise<DayState | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reminderDay(day) }));
  if (!out.Item) return null;
  return { state: out.Item.state === 'done' ? 'done' : 'open', ...(typeof out.Item.leaseUntil === 'number' ? { leaseUntil: out.Item.leaseUntil } : {}) };
}

/**
 * Takes the lease on a pending intent, or on one whose sender's lease ran out (a run killed
 * mid-send): only one run at a time may send it. False when it is sent, or leased to another.
 */
export const leaseIntent = (personId: string, day: string, leaseId: string, now: number, seconds: number): Promise<boolean> =>
  takeLease(keys.reminder(personId, day), leaseId, now, seconds);

/**
 * Ends a lease: sent (with the provider's id), no address, withdrawn, or back to pending after a
 * failed send. Settled for good, it leaves the day's unsent list. False when the lease was lost.
 */
export const settleIntent = (
  personId: string,
  day: string,
  leaseId: string,
  outcome: { state: State; messageId?: string; sentAt?: string },
): Promise<boolean> => settleLease(keys.reminder(personId, day), leaseId, outcome, outcome.state === 'pending' ? [] : ['gsi2pk', 'gsi2sk']);

const sentOf = (item: Record<string, unknown>): Intent => ({
  day: String(item.day),
  personId: String(item.personId),
  fullName: String(item.fullName),
  unitId: String(item.unitId),
  reasons: item.reasons as Reason[],
  state: item.state as State,
  messageId: (item.messageId as string | null | undefined) ?? null,
  sentAt: (item.sentAt as string | null | undefined) ?? null,
  delivery: (item.delivery as Delivery | undefined) ?? null,
  ...(item.leaseId ? { leaseId: String(item.leaseId), leaseUntil: Number(item.leaseUntil) } : {}),
});

/** A day's intents not yet settled (a failed send, a sender that died): person ids. */
export async function* unsentOn(day: string): AsyncGenerator<string> {
  for await (const item of queryAll({ index: 'gsi2', pk: keys.remindersUnsentOn(day) })) yield String(item.gsi2sk);
}

/**
 * Records what SES reported of a sent message, on condition it is that day's message (its id
 * matches). A late `delivered` never hides a bounce or a complaint already recorded. False when
 * the message is not one of ours, or the report is older news.
 */
export function markDelivery(personId: string, day: string, messageId: string, delivery: Delivery, at: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.reminder(personId, day),
        UpdateExpression: 'SET delivery = :d, deliveryAt = :at',
        ConditionExpression: 'messageId = :id AND (attribute_not_exists(delivery) OR :d <> :delivered)',
        ExpressionAttributeValues: { ':d': delivery, ':at': at, ':id': messageId, ':delivered': 'delivered' },
      }),
    ),
  );
}

/** A unit's own reminders (not its subtree's), oldest day first; `days`: only days beginning so (2026-12, 2026-12-01). */
export async function* unitReminders(unitId: string, days?: string): AsyncGenerator<Sent> {
  for await (const item of queryAll({ index: 'gsi1', pk: keys.remindersOf(unitId), ...(days ? { skPrefix: days } : {}) })) {
    const { leaseId: _l, leaseUntil: _u, ...sent } = sentOf(item);
    yield sent;
  }
}

/** Writes a notice once: a repeated write (a re-sent reminder) keeps the first, read flag included. */
export function putNotice(personId: string, notice: Notice): Promise<boolean> {
  return conditionHeld(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.notice(personId, notice.id), type: 'notice', personId, ...notice },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function noticesOf(personId: string): Promise<Notice[]> {
  const items = await queryList({ pk: keys.noticesOf(personId) });
  return items.map((i) => ({ id: String(i.id), at: String(i.at), title: String(i.title), body: String(i.body), read: Boolean(i.read) }));
}

/** Marks one of the person's own notices read; false when they have no such notice. */
export function markNoticeRead(personId: string, id: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.notice(personId, id),
        UpdateExpression: 'SET #read = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':true': true },
      }),
    ),
  );
}

/** A unit whose reminders HR paused (its subtree's too), by whom and since when. */
export type Pause = { unitId: string; by: string; at: string };

export async function putPause(pause: Pause): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.reminderPause(pause.unitId), type: 'reminder-pause', ...pause } }));
}

export async function deletePause(unitId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.reminderPause(unitId) }));
}

export async function listPauses(): Promise<Pause[]> {
  const items = await queryList({ pk: keys.reminderPauses });
  return items.map((i) => ({ unitId: String(i.unitId), by: String(i.by), at: String(i.at) }));
}
