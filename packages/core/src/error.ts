import { errorKinds, type ErrorCode, type ErrorKind } from './error-codes.ts';

/**
 * The only error core throws on purpose: something the caller did wrong or asked for that
 * cannot be. Its kind follows from its code (error-codes.ts); the API maps the kind to a 4xx
 * `{ error: { code, message } }`, the CLI prints the message; anything else is a bug.
 */
export class VisibleError extends Error {
  readonly kind: ErrorKind;
  /** For `throttled` and `busy`: when the caller may try again, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(
    /** Dotted, stable, translated by the web app: `attempt.time_up`, `org.unit_not_found`. */
    readonly code: ErrorCode,
    /** Vietnamese, for people reading a raw response or a CLI. */
    message: string,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'VisibleError';
    this.kind = errorKinds[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
