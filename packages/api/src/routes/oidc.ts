import * as v from 'valibot';
import { getCookie } from 'hono/cookie';
import { Account, VisibleError } from '@sansang/core';
import { finishSignIn, oidcSettings, startSignIn } from '../oidc.ts';
import { route, routes } from '../route.ts';
import { clientAddress, setAppCookie, setSessionCookie } from '../session.ts';

const PENDING_COOKIE = 'sansang_oidc';
const PENDING_PATH = '/api/auth/oidc';

function settingsOrFail() {
  const s = oidcSettings();
  if (!s) throw new VisibleError('auth.oidc_disabled', 'Đăng nhập qua hệ thống định danh chưa được cấu hình.');
  return s;
}

export const oidcRoutes = routes(
  route({
    method: 'get',
    path: '/api/auth/providers',
    summary: 'Các cách đăng nhập được bật: mật khẩu, và hệ thống định danh (OIDC) nếu tỉnh cấu hình',
    access: { public: true },
    handler: (c) => {
      const s = oidcSettings();
      return c.json({ password: true, oidc: s ? { label: s.label, start: '/api/auth/oidc/start' } : null });
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/oidc/start',
    summary: 'Chuyển sang hệ thống định danh để đăng nhập (mã uỷ quyền + PKCE)',
    access: { public: true },
    query: v.object({ tiep: v.optional(v.pipe(v.string(), v.maxLength(2000))) }),
    handler: async (c, { query }) => {
      const { url, pending } = await startSignIn(settingsOrFail());
      // The page opened while signed out, to come back to once the provider has answered.
      const next = Account.returnPath(query.tiep, new URL(c.req.url).origin);
      // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
      setAppCookie(c, PENDING_COOKIE, await Account.seal({ ...pending, next }, 600), { path: PENDING_PATH, maxAge: 600 });
      return c.redirect(url, 302);
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary: 'Nhận kết quả từ hệ thống định danh, gắn với cán bộ theo email hoặc mã cán bộ, mở phiên',
    access: { public: true },
    handler: async (c) => {
      const s = settingsOrFail();
      setAppCookie(c, PENDING_COOKIE, '', { path: PENDING_PATH, maxAge: 0 });
      const pending = await Account.unseal(getCookie(c, PENDING_COOKIE) ?? '');
      try {
        if (!pending) throw new VisibleError('auth.oidc_failed', 'Phiên đăng nhập đã hết hạn, hãy thử lại.');
        const callback = new URL(s.redirectUri);
        callback.search = new URL(c.req.url).search;
        const { next, ...started } = pending as { state: string; nonce: string; verifier: string; next?: string };
        const identity = await finishSignIn(s, callback, started);
        const { token, maxAgeSeconds } = await Account.loginWithIdentity({ ...identity, address: clientAddress(c) });
        setSessionCookie(c, token, maxAgeSeconds);
        // Back to the page they opened; else the web's start page sends them on (what they owe, or their courses).
        return c.redirect(Account.returnPath(next, new URL(c.req.url).origin), 302);
      } catch (err) {
        const code = err instanceof VisibleError ? err.code : 'auth.oidc_failed';
        if (!(err instanceof VisibleError)) console.warn(JSON.stringify({ level: 'warn', event: 'oidc.callback_failed', error: String(err) }));
        return c.redirect(`/dang-nhap?loi=${encodeURIComponent(code)}`, 302);
      }
    },
  }),
);
