import * as v from 'valibot';
import { Readable } from 'node:stream';
import { Credit, Person, VisibleError, personIdFor } from '@sansang/core';
import { attachment } from '../attachment.ts';
import { actorOf, route, routes } from '../route.ts';
import { unitOrRoot } from './reports.ts';

// Unknown people and credits are reported as outside the caller's scope, in the same words: codes are not to be probed.
const outsideScope = (what: string) => `Không có ${what} trong phạm vi quản lý của bạn.`;
const Id = v.object({ id: v.pipe(v.string(), v.minLength(3), v.maxLength(120)) });

/** The unit of the credit's person: what the scope check of a route on one credit looks at. */
async function unitOfCredit({ params }: { params: { id: string } }) {
  const credit = await Credit.get(params.id);
  if (!credit) throw new VisibleError('auth.forbidden', outsideScope('chứng chỉ này'));
  return credit.unitId;
}

export const creditRoutes = routes(
  route({
    method: 'get',
    path: '/api/credits',
    summary: 'Chứng chỉ tương đương (công nhận kết quả học tập trước) của một đơn vị và các đơn vị trực thuộc; lọc theo trạng thái chờ duyệt / đã duyệt',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))), state: v.optional(v.picklist(Credit.states)) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json({ unit: { id: u.id, name: u.name }, ...(await Credit.list({ unitId: u.id, state: query.state })) });
    },
  }),
  route({
    method: 'post',
    path: '/api/credits',
    summary:
      'Ghi chứng chỉ tương đương cho một người (nơi cấp, số, ngày cấp, các khoá học tương ứng, bản chụp PDF/ảnh ≤ 5 MB, base64): người ghi duyệt luôn, chứng chỉ được tính như hoàn thành các khoá đó',
    access: { roles: ['hr', 'admin'], scope: true },
    body: Credit.Input,
    unit: async ({ body }) => {
      const person = await Person.get(personIdFor(body.employeeCode)).catch(() => null);
      if (!person) throw new VisibleError('auth.forbidden', outsideScope(`người mã "${body.employeeCode}"`));
      return person.unitId;
    },
    outsideScope: ({ body }) => outsideScope(`người mã "${body.employeeCode}"`),
    handler: async (c, { body, unit }) => c.json({ credit: await Credit.submit({ actor: actorOf(c), within: unit!.id, input: body, approve: true }) }, 201),
  }),
  route({
    method: 'post',
    path: '/api/credits/:id/approve',
    summary: 'Duyệt chứng chỉ tương đương người học gửi: từ đó được tính như hoàn thành các khoá tương ứng',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfCredit,
    outsideScope: () => outsideScope('chứng chỉ này'),
    handler: async (c, { params, unit }) => c.json({ credit: await Credit.approve({ actor: actorOf(c), within: unit!.id, id: params.id }) }),
  }),
  route({
    method: 'get',
    path: '/api/credits/:id/scan',
    summary: 'Bản chụp của một chứng chỉ tương đương (mỗi lần xem được ghi nhật ký)',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfCredit,
    outsideScope: () => outsideScope('chứng chỉ này'),
    handler: async (c, { params, unit }) => {
      const file = await Credit.scan({ actor: actorOf(c), within: unit!.id, id: params.id });
      return new Response(Readable.toWeb(file.body) as ReadableStream, {
        headers: { 'content-type': file.contentType, 'content-disposition': attachment(file.fileName), 'cache-control': 'private, no-store' },
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/me/credits',
    summary: 'Chứng chỉ tương đương của người đang đăng nhập, chờ duyệt và đã duyệt',
    access: { signedIn: true },
    handler: async (c) => c.json({ credits: await Credit.ofPerson(c.var.person!.id) }),
  }),
  route({
    method: 'post',
    path: '/api/me/credits',
    summary: 'Người học gửi chứng chỉ tương đương của mình (kèm bản chụp) để cán bộ tổ chức duyệt',
    access: { signedIn: true },
    body: v.omit(Credit.Input, ['employeeCode']),
    handler: async (c, { body }) => {
      const me = c.var.person!;
      return c.json(
        { credit: await Credit.submit({ actor: actorOf(c), within: me.unitId, input: { ...body, employeeCode: me.employeeCode }, approve: false }) },
        201,
      );
    },
  }),
);
