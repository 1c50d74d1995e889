import * as v from 'valibot';
import type { Hono } from 'hono';
import { Account, Org, Person, VisibleError, personIdFor } from '@sansang/core';
import type { Env } from '../env.ts';
import { covers, mount } from '../route.ts';

const linkFor = (token: string) => `/dat-mat-khau#${token}`;
const personUnit = async (personId: string) => {
  const person = await Person.get(personId).catch(() => null);
  // Unknown people are reported as outside the caller's scope: ids are not to be probed.
  if (!person) throw new VisibleError('auth.forbidden', 'Bạn không có quyền với người này.', 403);
  return person.unitId;
};
const accountUnit = async (email: string) => {
  const account = await Account.get(email);
  if (!account) throw new VisibleError('account.not_found', `Không có tài khoản "${email}".`, 404);
  return personUnit(account.personId);
};

export function accountRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'post',
    path: '/api/accounts',
    summary: 'Tạo tài khoản cho một người trong phạm vi quản lý; trả về đường dẫn đặt mật khẩu dùng một lần',
    access: { roles: ['hr', 'admin'], scope: true },
    body: v.object({ email: Account.Email, employeeCode: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)), grants: v.optional(v.pipe(v.array(Account.Grant), v.maxLength(20)), []) }),
    unit: ({ body }) => personUnit(personIdFor(body.employeeCode)),
    handler: async (c, { body }) => {
      if (await Account.get(body.email)) throw new VisibleError('account.exists', `Đã có tài khoản "${body.email}".`, 409);
      await assertMayGrant(c, body.grants);
      await Account.create({ email: body.email, personId: personIdFor(body.employeeCode), grants: [] });
      if (body.grants.length > 0) await Account.setGrants(body.email, body.grants, c.var.account!.email);
      const link = await Account.issuePasswordLink(body.email, c.var.account!.email);
      return c.json({ email: body.email, link: linkFor(link.token), expiresAt: link.expiresAt }, 201);
    },
  });
  mount(app, {
    method: 'post',
    path: '/api/accounts/password-link',
    summary: 'Cấp lại đường dẫn đặt mật khẩu (quên mật khẩu) cho một tài khoản trong phạm vi quản lý',
    access: { roles: ['hr', 'admin'], scope: true },
    body: v.object({ email: Account.Email }),
    unit: ({ body }) => accountUnit(body.email),
    handler: async (c, { body }) => {
      const link = await Account.issuePasswordLink(body.email, c.var.account!.email);
      return c.json({ email: body.email, link: linkFor(link.token), expiresAt: link.expiresAt });
    },
  });
  mount(app, {
    method: 'post',
    path: '/api/accounts/grants',
    summary: 'Đặt vai trò và phạm vi cho một tài khoản (chỉ quản trị, trong phạm vi của mình)',
    access: { roles: ['admin'], scope: true },
    body: v.object({ email: Account.Email, grants: v.pipe(v.array(Account.Grant), v.maxLength(20)) }),
    unit: ({ body }) => accountUnit(body.email),
    handler: async (c, { body }) => {
      await assertMayGrant(c, body.grants);
      await Account.setGrants(body.email, body.grants, c.var.account!.email);
      return c.body(null, 204);
    },
  });

  /** Nobody hands out more than they hold: HR grants nothing, an admin only inside their own scope. */
  async function assertMayGrant(c: Parameters<Parameters<typeof mount>[1]['handler']>[0], grants: Account.Grant[]) {
    for (const g of grants) {
      const unit = g.unitId ? await Org.get(g.unitId).catch(() => null) : null;
      if ((g.unitId && !unit) || !covers(c, ['admin'], unit)) {
        throw new VisibleError('auth.forbidden', 'Bạn không thể cấp vai trò vượt quá phạm vi của mình.', 403);
      }
    }
  }
}
