import type { ErrorCode } from './error-codes.ts';

/**
 * The only error core throws on purpose: something the caller did wrong or asked for that
 * cannot be. The API maps it to a 4xx `{ error: { code, message } }`; anything else is a bug.
 */
export class VisibleError extends Error {
  constructor(
    /** Dotted, stable, translated by the web app: `attempt.time_up`, `org.unit_not_found` (error-codes.ts lists them). */
    readonly code: ErrorCode,
    /** Vietnamese, for people reading a raw response or a CLI. */
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503 = 400,
    /** For 429 and 503: when the caller may try again, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'VisibleError';
  }
}
