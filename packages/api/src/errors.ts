import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { VisibleError } from '@sansang/core';
import type { ErrorCode } from '@sansang/core/schema';
import type { Env } from './env.ts';

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** VisibleError → its 4xx; Hono's own (e.g. body too large) → its status; anything else → a logged 500 without details. */
export const onError: ErrorHandler<Env> = (err, c) => {
  if (err instanceof VisibleError) {
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    return c.json(errorBody(err.code, err.message), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'request.too_large' : 'request.invalid';
    const message = err.status === 413 ? 'Nội dung gửi lên quá lớn.' : 'Yêu cầu không hợp lệ.';
    return c.json(errorBody(code, message), err.status);
  }
  const requestId = crypto.randomUUID();
  console.error(JSON.stringify({ level: 'error', requestId, path: c.req.path, error: String(err), stack: (err as Error)?.stack }));
  return c.json(errorBody('server.error', `Lỗi máy chủ, vui lòng thử lại. Mã tra cứu: ${requestId}`), 500);
};
