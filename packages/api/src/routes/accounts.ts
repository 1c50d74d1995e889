import * as v from 'valibot';
import { Account, Org } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { unitOrRoot } from './reports.ts';

const linkFor = (token: string) => `/dat-mat-khau#${token}`;
const Grants = v.pipe(v.array(Account.Grant), v.maxLength(20));

/**
 * Every route here acts on an account, so core applies the rank rule to each (the caller
 * must outrank the account and may give only what lies in their own scope); the route only
 * says which roles may ask at all.
 */
export const accountRoutes = routes(
  route({
    method: 'get',
    path: '/api/accounts',
    summary: 'Những người thuộc trực tiếp một đơn vị đã có tài khoản: email, vai trò và phạm vi của từng tài khoản',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => {
      const u = await unitOrRoot(unit);
      const found = await Account.ofUnit(u.id);
      const scopes = await Org.getMap(found.flatMap((f) => f.accounts.flatMap((a) => a.grants.map((g) => g.unitId).filter((id): id is string => id !== null))));
      return c.json({
        unit: { id: u.id, name: u.name },
        accounts: found.flatMap(({ person, accounts }) =>
          accounts.map((a) => ({
            email: a.email,
            employeeCode: person.employeeCode,
            fullName: person.fullName,
            grants: a.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitId === null ? null : (scopes.get(g.unitId)?.name ?? g.unitId) })),
          })),
        ),
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/accounts',
    summary: 'Tạo tài khoản cho một người trong phạm vi quản lý; trả về đường dẫn đặt mật khẩu dùng một lần',
    access: { roles: ['hr', 'admin'] },
    body: v.object({ email: Account.Email, employeeCode: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)), grants: v.optional(Grants, []) }),
    handler: async (c, { body }) => {
      const actor = actorOf(c);
      await Account.open({ actor, ...body });
      const link = await Account.issuePasswordLink({ actor, email: body.email });
      return c.json({ email: body.email, link: linkFor(link.token), expiresAt: link.expiresAt }, 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/accounts/password-link',
    summary: 'Cấp lại đường dẫn đặt mật khẩu (quên mật khẩu) cho một tài khoản có cấp thấp hơn hoặc ngang mình, trong phạm vi quản lý',
    access: { roles: ['hr', 'admin'] },
    body: v.object({ email: Account.Email }),
    handler: async (c, { body }) => {
      const link = await Account.issuePasswordLink({ actor: actorOf(c), email: body.email });
      return c.json({ email: body.email, link: linkFor(link.token), expiresAt: link.expiresAt });
    },
  }),
  route({
    method: 'post',
    path: '/api/accounts/grants',
    summary: 'Đặt vai trò và phạm vi cho một tài khoản (chỉ quản trị, trong phạm vi của mình); các vai trò ngoài phạm vi của mình được giữ nguyên',
    access: { roles: ['admin'] },
    body: v.object({ email: Account.Email, grants: Grants }),
    handler: async (c, { body }) => {
      await Account.changeGrants({ actor: actorOf(c), ...body });
      return c.body(null, 204);
    },
  }),
);
