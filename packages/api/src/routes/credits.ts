import * as v from 'valibot';
import { Credit, Person, personIdFor } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { RecordId as Id, outside, outsideScope, privateFile, shown, unitOfRecord } from './person-record.ts';
import { unitOrRoot } from './reports.ts';

const unitOfCredit = unitOfRecord(Credit.get, 'chứng chỉ này');

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
      const { credits, more } = await Credit.list({ unitId: u.id, state: query.state });
      return c.json({ unit: { id: u.id, name: u.name }, credits: credits.map(shown), more });
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
      if (!person) throw outside(`người mã "${body.employeeCode}"`);
      return person.unitId;
    },
    outsideScope: ({ body }) => outsideScope(`người mã "${body.employeeCode}"`),
    handler: async (c, { body, unit }) =>
      c.json({ credit: shown(await Credit.submit({ actor: actorOf(c), within: unit!.id, input: body, approve: true })) }, 201),
  }),
  route({
    method: 'post',
    path: '/api/credits/:id/approve',
    summary: 'Duyệt chứng chỉ tương đương người học gửi: từ đó được tính như hoàn thành các khoá tương ứng',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfCredit,
    outsideScope: () => outsideScope('chứng chỉ này'),
    handler: async (c, { params, unit }) => c.json({ credit: shown(await Credit.approve({ actor: actorOf(c), within: unit!.id, id: params.id })) }),
  }),
  route({
    method: 'get',
    path: '/api/credits/:id/scan',
    summary: 'Bản chụp của một chứng chỉ tương đương (mỗi lần xem được ghi nhật ký)',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfCredit,
    outsideScope: () => outsideScope('chứng chỉ này'),
    handler: async (c, { params, unit }) => privateFile(await Credit.scan({ actor: actorOf(c), within: unit!.id, id: params.id })),
  }),
  route({
    method: 'get',
    path: '/api/me/credits',
    summary: 'Chứng chỉ tương đương của người đang đăng nhập, chờ duyệt và đã duyệt',
    access: { signedIn: true },
    handler: async (c) => c.json({ credits: (await Credit.ofPerson(c.var.person!.id)).map(shown) }),
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
        { credit: shown(await Credit.submit({ actor: actorOf(c), within: me.unitId, input: { ...body, employeeCode: me.employeeCode }, approve: false })) },
        201,
      );
    },
  }),
);
