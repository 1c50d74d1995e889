import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { conditionHeld } from './errors.ts';
import type { Key } from './keys.ts';

/**
 * The exactly-once guard of an outgoing message, for the store of any domain that sends one
 * (a learner's reminder, an officer's digest): one item per message, written once on
 * condition it is not there, already leased to the run that writes it; its `state` then moves
 * sending → sent (or back to pending after a failed send), each step on condition of the lease.
 * A run that dies holding a lease leaves it `sending` until `leaseUntil`; then another takes it.
 */
export type Lease = { id: string; until: number };
export type Settlement = { state: string; messageId?: string; sentAt?: string };

/** Records the message, leased to its writer; false when it is there already (a retried or overlapping run). */
export function recordLeased(item: Key & Record<string, unknown>, lease: Lease): Promise<boolean> {
  return conditionHeld(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...item, state: 'sending', leaseId: lease.id, leaseUntil: lease.until },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Takes the lease on a pending message, or on one whose sender's lease ran out; false when it is settled or held by another run. */
export function takeLease(key: Key, leaseId: string, now: number, seconds: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #state = :sending, leaseId = :lease, leaseUntil = :until',
        ConditionExpression: '#state = :pending OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':lease': leaseId, ':until': now + seconds * 1000, ':now': now },
      }),
    ),
  );
}

/** Ends a lease with the message's outcome, removing `remove` (an index listing it while unsettled); false when the lease was lost. */
export function settleLease(key: Key, leaseId: string, outcome: Settlement, remove: string[] = []): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET #state = :state, messageId = :id, sentAt = :at REMOVE ${['leaseId', 'leaseUntil', ...remove].join(', ')}`,
        ConditionExpression: 'leaseId = :lease',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': outcome.state, ':id': outcome.messageId ?? null, ':at': outcome.sentAt ?? null, ':lease': leaseId },
      }),
    ),
  );
}
