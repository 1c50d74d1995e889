import type * as schema from './schema.ts';
import * as events from './events.ts';
import * as once from './once.ts';
import { resetSesClient, sesTransport } from './store.ts';

/**
 * E-mail out: SES when deployed, the SES emulator under `npm start` and in tests, through the
 * same transport. A mailer keeps the account's maximum send rate and backs off and retries
 * when SES says it is sending too fast; any other failure is the caller's to handle.
 */
export namespace Mail {
  export type Message = schema.Message;
  export type Transport = schema.Transport;
  export type Mailer = { send: (message: Message) => Promise<{ messageId: string }> };
  export type Retry = { attempts: number; baseMs: number; capMs: number };
  export type Undelivered = events.Undelivered;
  export type Intent = once.Intent;
  /** One message exactly once (record, lease, send, settle), and the insistent writes after a send. */
  export const sendOnce = once.sendOnce;
  export const insist = once.insist;
  export type Report = events.Report;
  /** SES's delivery events read (delivery, bounce, complaint, rejection); those that did not reach their reader kept in the audit log. */
  export const reportOf = events.reportOf;
  export const undeliveredOf = events.undeliveredOf;
  export const recordUndelivered = events.recordUndelivered;

  /** SES's answers that mean "slow down", for the v2 API and the v1 names a proxy may pass on. */
  const THROTTLING = new Set(['TooManyRequestsException', 'Throttling', 'ThrottlingException']);
  export const isThrottling = (err: unknown): boolean => {
    const e = err as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } } | null;
    return !!e && (THROTTLING.has(String(e.name)) || THROTTLING.has(String(e.Code)) || e.$metadata?.httpStatusCode === 429);
  };

  /**
   * A connection dropped before SES answered (a kept-alive socket the far end had closed, a
   * reset): tried again like a throttle. A message this may send twice is one the run would
   * otherwise leave pending and send on its next pass anyway.
   */
  const DROPPED = /ECONNRESET|socket hang up|EPIPE/i;
  export const isDropped = (err: unknown): boolean => {
    const e = err as { name?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } } | null;
    return !!e && !e.$metadata?.httpStatusCode && DROPPED.test(`${String(e.name)} ${String(e.code)} ${String(e.message)}`);
  };

  /** SES's default for a new production account is 14 messages a second; the account's own quota goes in `SES_MAX_SEND_RATE`. */
  const defaultRate = () => Number(process.env.SES_MAX_SEND_RATE ?? 14) || 14;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  export const ses: Transport = sesTransport;
  /** Reads `SES_ENDPOINT` and the region again on the next send. */
  export const resetClient = resetSesClient;

  export function mailer(options: { transport?: Transport; perSecond?: number; retry?: Partial<Retry> } = {}): Mailer {
    const transport = options.transport ?? sesTransport;
    const gap = 1000 / (options.perSecond ?? defaultRate());
    const retry: Retry = { attempts: 8, baseMs: 100, capMs: 5000, ...options.retry };
    // Each send (retries included) takes the next free slot, so concurrent callers share one rate.
    let nextSlot = 0;
    const slot = async () => {
      const now = Date.now();
      const at = Math.max(now, nextSlot);
      nextSlot = at + gap;
      if (at > now) await sleep(at - now);
    };
    return {
      async send(message) {
        for (let attempt = 1; ; attempt++) {
          await slot();
          try {
            return await transport(message);
          } catch (err) {
            if (!(isThrottling(err) || isDropped(err)) || attempt >= retry.attempts) throw err;
            // Full jitter: runs throttled together do not come back together.
            await sleep(Math.random() * Math.min(retry.capMs, retry.baseMs * 2 ** (attempt - 1)));
          }
        }
      },
    };
  }

  let processMailer: Mailer | null = null;
  /** The process's one mailer at the account's rate: reminders and officers' messages sent from one process share the rate SES allows. */
  export const shared = (): Mailer => (processMailer ??= mailer());
}
