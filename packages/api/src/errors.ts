import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { VisibleError } from '@sansang/core';
import { errorKinds, type ErrorCode, type ErrorKind } from '@sansang/core/schema';
import type { Env } from './env.ts';

/** The one place a kind of error becomes an HTTP status. */
export const statusOf = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  throttled: 429,
  internal: 500,
  busy: 503,
  // Never sent by the server (the browser gives it when it cannot reach us); 503 if it were.
  offline: 503,
} as const satisfies Record<ErrorKind, ContentfulStatusCode>;

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** An error response with the status its code's kind maps to. */
export const errorResponse = (c: Context, code: ErrorCode, message: string) => c.json(errorBody(code, message), statusOf[errorKinds[code]]);

/** VisibleError → its 4xx; Hono's own (e.g. body too large) → its status; anything else → a logged 500 without details. */
export const onError: ErrorHandler<Env> = (err, c) => {
  if (err instanceof VisibleError) {
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    return errorResponse(c, err.code, err.message);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'request.too_large' : 'request.invalid';
    const message = err.status === 413 ? 'Nội dung gửi lên quá lớn.' : 'Yêu cầu không hợp lệ.';
    return c.json(errorBody(code, message), err.status);
  }
  const requestId = crypto.randomUUID();
  console.error(JSON.stringify({ level: 'error', requestId, path: c.req.path, error: String(err), stack: (err as Error)?.stack }));
  return errorResponse(c, 'server.error', `Lỗi máy chủ, vui lòng thử lại. Mã tra cứu: ${requestId}`);
};
