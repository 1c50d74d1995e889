import * as v from 'valibot';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { Account, Org, Person } from '@sansang/core';
import type { Env } from '../env.ts';
import { mount } from '../route.ts';
import { SESSION_COOKIE } from '../session.ts';

/** Secure cookies need HTTPS; the local stack on http://localhost opts out explicitly. */
const secure = () => process.env.SANSANG_INSECURE_COOKIES !== '1';

async function me(account: Account.Info, person: Person.Info) {
  const unit = await Org.get(person.unitId);
  const grants = await Promise.all(account.grants.map(async (g) => ({
    role: g.role,
    unitId: g.unitId ?? null,
    unitName: g.unitId ? (await Org.get(g.unitId).catch(() => null))?.name ?? null : null,
  })));
  return { id: person.id, email: account.email, name: person.fullName, unit: { id: unit.id, name: unit.name }, roles: [{ role: 'learner' as const, unitId: null, unitName: null }, ...grants] };
}

export function authRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Đăng nhập bằng email và mật khẩu; đặt cookie phiên httpOnly',
    access: { public: true },
    body: v.object({ email: v.pipe(v.string(), v.maxLength(320)), password: v.pipe(v.string(), v.maxLength(1024)) }),
    handler: async (c, { body }) => {
      const { token, maxAgeSeconds } = await Account.login(body);
      const account = (await Account.get(body.email))!;
      const person = await Person.get(account.personId);
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: secure(), sameSite: 'Lax', path: '/', maxAge: maxAgeSeconds });
      return c.json({ user: await me(account, person) });
    },
  });
  mount(app, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Đăng xuất: huỷ phiên trên máy chủ',
    access: { public: true },
    handler: async (c: Context<Env>) => {
      const token = c.var.sessionToken;
      if (token) await Account.logout(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure() });
      return c.body(null, 204);
    },
  });
  mount(app, {
    method: 'get',
    path: '/api/me',
    summary: 'Người đang đăng nhập, đơn vị và vai trò',
    access: { signedIn: true },
    handler: async (c) => c.json(await me(c.var.account!, c.var.person!)),
  });
}
