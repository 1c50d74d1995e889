import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VisibleError } from '../error.ts';

/**
 * What happens when DynamoDB says "not now": throttling, a transaction conflict on a hot
 * item, a 5xx are retried with full-jitter backoff inside a bounded budget; when the budget
 * is spent the caller gets 503 `service.busy` with Retry-After, never a 500. When DynamoDB
 * cannot be reached at all, requests fail fast with 503 `service.unavailable` for a moment
 * (a breaker), then try again by themselves. Conditional-check failures are answers, not
 * faults: they pass through untouched.
 */
export const RETRY = { attempts: 8, baseMs: 20, capMs: 400 };
const BREAKER_MS = 1000;

type SdkError = { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; CancellationReasons?: { Code?: string }[]; cause?: unknown };

const THROTTLES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);
/** Cannot reach the endpoint at all. A slow answer (request timeout) is not this: it is retried like a throttle. */
const NETWORK = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ConnectTimeout|connect ETIMEDOUT/i;
const SLOW = /TimeoutError|RequestTimeout|ECONNRESET|socket hang up|EPIPE/i;

export function isTransient(err: unknown): boolean {
  const e = err as SdkError;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code);
    return (
      !codes.includes('ConditionalCheckFailed') &&
      codes.some((c) => c === 'TransactionConflict' || c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded')
    );
  }
  if (!e.$metadata?.httpStatusCode && SLOW.test(`${e.name ?? ''} ${e.code ?? ''} ${(e as { message?: string }).message ?? ''}`)) return true;
  return THROTTLES.has(e.name ?? '') || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

export function isUnreachable(err: unknown): boolean {
  const e = err as SdkError & { message?: string };
  if (!e || typeof e !== 'object' || e.$metadata?.httpStatusCode) return false;
  return NETWORK.test(`${e.name ?? ''} ${e.code ?? ''} ${e.message ?? ''} ${String((e.cause as { code?: string })?.code ?? '')}`);
}

/** Counts of what the resilience layer did, for the load test's report. */
export const resilienceCounters = { retries: 0, injected: 0, busy: 0, unavailable: 0 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds the retries and the breaker to one client: a new client (another endpoint) starts closed. */
export function addResilience(client: DynamoDBClient): void {
  let downUntil = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      for (let attempt = 1; ; attempt++) {
        if (Date.now() < downUntil) {
          resilienceCounters.unavailable++;
          throw unavailable();
        }
        try {
          return await next(args);
        } catch (err) {
          if (isUnreachable(err)) {
            downUntil = Date.now() + BREAKER_MS;
            resilienceCounters.unavailable++;
            throw unavailable();
          }
          if (!isTransient(err)) throw err;
          if (attempt >= RETRY.attempts) {
            resilienceCounters.busy++;
            throw new VisibleError('service.busy', 'Hệ thống đang bận, vui lòng thử lại sau vài giây.', { retryAfterSeconds: 2 });
          }
          resilienceCounters.retries++;
          await sleep(Math.random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** attempt));
        }
      }
    },
    { step: 'initialize', name: 'sansangResilience', priority: 'high' },
  );
}

function unavailable() {
  return new VisibleError('service.unavailable', 'Không kết nối được cơ sở dữ liệu; hệ thống sẽ tự phục hồi, vui lòng thử lại sau ít giây.', {
    retryAfterSeconds: 3,
  });
}
