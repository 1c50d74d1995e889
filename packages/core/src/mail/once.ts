import { randomUUID } from 'node:crypto';
import { VisibleError } from '../error.ts';
import type { Message } from './schema.ts';

/**
 * Sending one message exactly once, whatever the domain: its intent is recorded (or found),
 * leased, the message sent, then settled with SES's message id. The domain's store keeps the
 * intent (db/once.ts); this is the order of the steps, the same for a learner's reminder and
 * an officer's digest. SES may see a message twice only if the run died between SES accepting
 * it and the settle — the narrowest window the provider allows.
 */
export type Intent = {
  /** Records it, leased to this run; false when it exists. */
  record: (lease: { id: string; until: number }) => Promise<boolean>;
  /** Whether the existing intent is settled for good (null: none). */
  settled: () => Promise<boolean | null>;
  /** Takes the lease of an existing, unsettled intent; false when another run holds it. */
  lease: (leaseId: string, now: number) => Promise<boolean>;
  settle: (leaseId: string, outcome: { state: 'sent' | 'no-address' | 'pending'; messageId?: string; sentAt?: string }) => Promise<boolean>;
};

export type Composed = { subject: string; text: string; html: string };
export type Delivered<C> = { outcome: 'sent' | 'noAddress'; messageId: string | null; sentAt: string; message: C };

/**
 * Once SES has accepted a message, recording it must not be lost to a busy table: a lost
 * settle would leave the message to be sent again once its lease ends. The writes after a
 * send are tried again, a second apart, for as long as DynamoDB answers busy (up to a minute
 * beyond the resilience layer's own budget).
 */
export async function insist<T>(write: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await write();
    } catch (err) {
      const busy = err instanceof VisibleError && (err.code === 'service.busy' || err.code === 'service.unavailable');
      if (!busy || round >= 60) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Sends `compose()`'s message to `to` once; no address: nothing is sent and the intent is
 * settled as such (the caller's in-app notice is the message). A failed send is left pending
 * for the next run and reported, not swallowed. What follows a send (notice, audit) is the
 * caller's, through `insist`.
 */
export async function sendOnce<C extends Composed>(input: {
  intent: Intent;
  leaseSeconds: number;
  to: string | null;
  tags: Record<string, string>;
  send: (message: Message) => Promise<{ messageId: string }>;
  compose: () => Promise<C>;
  /** Names the message in the log when its send fails. */
  label: string;
}): Promise<'already' | 'busy' | 'failed' | Delivered<C>> {
  const { intent } = input;
  const leaseId = randomUUID();
  if (!(await intent.record({ id: leaseId, until: Date.now() + input.leaseSeconds * 1000 }))) {
    if ((await intent.settled()) !== false) return 'already';
    if (!(await intent.lease(leaseId, Date.now()))) return 'busy';
  }
  const message = await input.compose();
  let messageId: string | null = null;
  if (input.to) {
    try {
      ({ messageId } = await input.send({ to: input.to, subject: message.subject, text: message.text, html: message.html, tags: input.tags }));
    } catch (err) {
      await insist(() => intent.settle(leaseId, { state: 'pending' }));
      console.error(`${input.label} not sent:`, err);
      return 'failed';
    }
  }
  const sentAt = new Date().toISOString();
  await insist(() => intent.settle(leaseId, input.to ? { state: 'sent', messageId: messageId ?? '', sentAt } : { state: 'no-address', sentAt }));
  return { outcome: input.to ? 'sent' : 'noAddress', messageId, sentAt, message };
}
