import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { VisibleError } from '@sansang/core';
import type { Env } from './env.ts';
import { errorResponse, onError } from './errors.ts';
import { session } from './session.ts';
import { siteOrigin } from './site.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { attemptRoutes } from './routes/attempts.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { creditRoutes } from './routes/credits.ts';
import { exemptionRoutes } from './routes/exemptions.ts';
import { contentRoutes } from './routes/content.ts';
import { courseRoutes } from './routes/courses.ts';
import { healthRoutes } from './routes/health.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { readinessRoutes } from './routes/readiness.ts';
import { reportRoutes } from './routes/reports.ts';
import { requirementRoutes } from './routes/requirements.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { orgRoutes } from './routes/org.ts';
import { rosterRoutes } from './routes/roster.ts';
import { targetRoutes } from './routes/targets.ts';
import { tenantRoutes } from './routes/tenants.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const app = new Hono<Env>();

// A sign-in link's token is in its address: the page it leads to is asked for with no Referer.
// Set around secureHeaders (which would put its own policy over a handler's).
app.use('/api/auth/link', async (c, next) => {
  await next();
  c.res.headers.set('referrer-policy', 'no-referrer');
});
app.use(
  '*',
  secureHeaders({
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
  }),
);
/** Imported files (roster, org tree) may be a few MB: a province's whole roster; 6 MB is also what Lambda takes. */
const UPLOADS = /^\/api\/(org|roster)\/import$/;
const smallBodies = bodyLimit({
  maxSize: 256 * 1024,
  onError: (c) => errorResponse(c, 'request.too_large', 'Nội dung gửi lên quá lớn (tối đa 256 KB).'),
});
const fileBodies = bodyLimit({
  maxSize: 6 * 1024 * 1024,
  onError: (c) => errorResponse(c, 'request.too_large', 'Tệp quá lớn (tối đa 6 MB); hãy chia thành nhiều tệp nhỏ hơn.'),
});
/**
 * An exemption or a credit carries its evidence (≤ 5 MB) as base64 inside its JSON: up to
 * ~7 MB. Deployed, Lambda's 6 MB request payload caps that at about 4.4 MB of file (docs/api.md says so).
 */
const EVIDENCE = /^\/api\/(exemptions|credits|me\/credits)$/;
const evidenceBodies = bodyLimit({
  maxSize: 7_300_000,
  onError: (c) => errorResponse(c, 'request.too_large', 'Tệp minh chứng quá lớn (tối đa 5 MB).'),
});
app.use('/api/*', (c, next) =>
  UPLOADS.test(c.req.path) ? fileBodies(c, next) : c.req.path === '/api/exemptions' && c.req.method === 'POST' ? evidenceBodies(c, next) : smallBodies(c, next),
);
// A cross-site form cannot set a custom header, so requiring one stops CSRF on every write;
// a browser also names the page that sent a write (Origin), which must be this site itself.
app.use('/api/*', async (c, next) => {
  if (MUTATING.has(c.req.method)) {
    if (c.req.header('x-requested-with') !== 'sansang') {
      throw new VisibleError('auth.csrf', 'Yêu cầu thiếu tiêu đề chống giả mạo (X-Requested-With).');
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== siteOrigin(c.req.raw)) {
      throw new VisibleError('auth.csrf', 'Yêu cầu gửi từ trang khác bị từ chối; hãy mở Sẵn Sàng từ địa chỉ của nó rồi thử lại.');
    }
  }
  await next();
});
app.use('/api/*', session);

// One sub-app per resource; the chain's type is the contract the browser's client is typed by.
const routed = app
  .route('/', healthRoutes)
  .route('/', authRoutes)
  .route('/', oidcRoutes)
  .route('/', accountRoutes)
  .route('/', auditRoutes)
  .route('/', requirementRoutes)
  .route('/', reminderRoutes)
  .route('/', courseRoutes)
  .route('/', attemptRoutes)
  .route('/', certificateRoutes)
  .route('/', contentRoutes)
  .route('/', readinessRoutes)
  .route('/', reportRoutes)
  .route('/', orgRoutes)
  .route('/', rosterRoutes)
  .route('/', exemptionRoutes)
  .route('/', creditRoutes)
  .route('/', targetRoutes)
  .route('/', tenantRoutes)
  .route('/', openapiRoutes);

/**
 * Every route's method, path, input (path parameters, query, JSON body) and the JSON its
 * handler answers: the web app imports this type only, and builds its client with
 * `hc<AppType>` from hono/client, so a response changed here fails the web's type check.
 */
export type AppType = typeof routed;

app.all('/api/*', () => {
  throw new VisibleError('route.not_found', 'Không có địa chỉ API này.');
});
app.onError(onError);
