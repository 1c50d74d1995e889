import * as v from 'valibot';
import { Account, Org, Person, Tenant } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { clearSessionCookie, clientAddress, setSessionCookie } from '../session.ts';

async function me(account: Account.Info, person: Person.Info) {
  const unit = await Org.get(person.unitId);
  // The province or ministry the person belongs to, whose name and logo head their pages.
  const tenant = await Tenant.brandOf(unit);
  const grants = await Promise.all(
    account.grants.map(async (g) => ({
      role: g.role,
      unitId: g.unitId ?? null,
      unitName: g.unitId ? ((await Org.get(g.unitId).catch(() => null))?.name ?? null) : null,
    })),
  );
  return {
    id: person.id,
    email: account.email,
    name: person.fullName,
    unit: { id: unit.id, name: unit.name },
    tenant,
    roles: [{ role: 'learner' as const, unitId: null, unitName: null }, ...grants],
    /** The language chosen for the site and reminders; null until chosen (the browser's choice then stands). */
    language: account.language ?? null,
  };
}

export const authRoutes = routes(
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Đăng nhập bằng email và mật khẩu; đặt cookie phiên httpOnly. Sai nhiều lần: 429 kèm Retry-After',
    access: { public: true },
    body: v.object({
      email: v.pipe(v.string(), v.maxLength(320)),
      password: v.pipe(v.string(), v.maxLength(1024)),
      /** The page opened while signed out, to go back to. */
      next: v.optional(v.pipe(v.string(), v.maxLength(2000))),
    }),
    handler: async (c, { body }) => {
      const { token, maxAgeSeconds } = await Account.login({ email: body.email, password: body.password, address: clientAddress(c) });
      const account = (await Account.get(body.email))!;
      const person = await Person.get(account.personId);
      setSessionCookie(c, token, maxAgeSeconds);
      // Where the web goes now, decided here as for the identity provider's sign-in: never off this site.
      return c.json({ user: await me(account, person), next: Account.returnPath(body.next, new URL(c.req.url).origin) });
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Đăng xuất: huỷ phiên trên máy chủ',
    access: { public: true },
    handler: async (c) => {
      if (c.var.session) await Account.logout(c.var.session);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'get',
    path: '/api/me',
    summary: 'Người đang đăng nhập, đơn vị và vai trò',
    access: { signedIn: true },
    handler: async (c) => c.json(await me(actorOf(c), c.var.person!)),
  }),
  route({
    method: 'post',
    path: '/api/me/language',
    summary: 'Chọn ngôn ngữ của trang và của thư nhắc việc: "vi" (tiếng Việt) hoặc "en" (tiếng Anh)',
    access: { signedIn: true },
    body: v.object({ language: Account.Language }),
    handler: async (c, { body }) => {
      const { email, personId } = actorOf(c);
      return c.json({ language: await Account.setLanguage({ email, personId, language: body.language }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/password',
    summary: 'Đổi mật khẩu; mọi phiên khác của tài khoản bị đăng xuất',
    access: { signedIn: true },
    body: v.object({ current: v.pipe(v.string(), v.maxLength(1024)), next: v.pipe(v.string(), v.maxLength(1024)) }),
    handler: async (c, { body }) => {
      await Account.changePassword({ email: c.var.session!.email, sid: c.var.session!.sid, ...body, address: clientAddress(c) });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/password-link',
    summary: 'Đặt mật khẩu bằng đường dẫn dùng một lần do cán bộ tổ chức hoặc quản trị cấp',
    access: { public: true },
    body: v.object({ token: v.pipe(v.string(), v.maxLength(200)), password: v.pipe(v.string(), v.maxLength(1024)) }),
    handler: async (c, { body }) => c.json(await Account.redeemPasswordLink(body)),
  }),
  route({
    method: 'get',
    path: '/api/auth/link',
    summary:
      'Đường dẫn đăng nhập dùng một lần trong thư nhắc việc: chưa dùng đến nó, chỉ chuyển sang trang có nút "Đăng nhập" (mã nằm sau dấu #, không gửi lên máy chủ nào)',
    access: { public: true },
    query: v.object({ token: v.pipe(v.string(), v.maxLength(200)) }),
    // A mail scanner that opens every link must not use the link up: only the button's POST does.
    handler: (c, { query }) => {
      c.header('cache-control', 'no-store');
      return c.redirect(`/dang-nhap/lien-ket#${encodeURIComponent(query.token)}`, 302);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/link',
    summary: 'Dùng đường dẫn đăng nhập một lần (nút "Đăng nhập" của trang đường dẫn): mở phiên, rồi "Việc cần hoàn thành"; lần thứ hai bị từ chối',
    access: { public: true },
    body: v.object({ token: v.pipe(v.string(), v.maxLength(200)) }),
    handler: async (c, { body }) => {
      const { token, maxAgeSeconds, email } = await Account.redeemSignInLink({ token: body.token });
      const account = (await Account.get(email))!;
      setSessionCookie(c, token, maxAgeSeconds);
      return c.json({ user: await me(account, await Person.get(account.personId)), next: '/viec-can-hoan-thanh' });
    },
  }),
);
