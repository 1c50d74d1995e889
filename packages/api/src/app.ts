import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { VisibleError } from '@sansang/core';
import type { Env } from './env.ts';
import { errorBody, onError } from './errors.ts';
import { session } from './session.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { attemptRoutes } from './routes/attempts.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { contentRoutes } from './routes/content.ts';
import { courseRoutes } from './routes/courses.ts';
import { healthRoutes } from './routes/health.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { readinessRoutes } from './routes/readiness.ts';
import { reportRoutes } from './routes/reports.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const app = new Hono<Env>();

app.use('*', secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
  referrerPolicy: 'strict-origin-when-cross-origin',
  xFrameOptions: 'DENY',
}));
app.use('/api/*', bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json(errorBody('request.too_large', 'Nội dung gửi lên quá lớn (tối đa 256 KB).'), 413) }));
// A cross-site form cannot set a custom header, so requiring one stops CSRF on every write.
app.use('/api/*', async (c, next) => {
  if (MUTATING.has(c.req.method) && c.req.header('x-requested-with') !== 'sansang') {
    throw new VisibleError('auth.csrf', 'Yêu cầu thiếu tiêu đề chống giả mạo (X-Requested-With).', 403);
  }
  await next();
});
app.use('/api/*', session);

healthRoutes(app);
authRoutes(app);
oidcRoutes(app);
accountRoutes(app);
auditRoutes(app);
courseRoutes(app);
attemptRoutes(app);
certificateRoutes(app);
contentRoutes(app);
readinessRoutes(app);
reportRoutes(app);
openapiRoutes(app);

app.all('/api/*', () => {
  throw new VisibleError('route.not_found', 'Không có địa chỉ API này.', 404);
});
app.onError(onError);
