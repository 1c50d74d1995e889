import * as v from 'valibot';
import { Exemption, Person, personIdFor } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { RecordId as Id, outside, outsideScope, privateFile, shown, unitOfRecord } from './person-record.ts';
import { unitOrRoot } from './reports.ts';

const unitOfExemption = unitOfRecord(Exemption.get, 'miễn trừ này');

export const exemptionRoutes = routes(
  route({
    method: 'get',
    path: '/api/exemptions',
    summary: 'Những người được miễn (thai sản, ốm dài ngày, biệt phái, đi học, sắp nghỉ hưu…) trong một đơn vị và các đơn vị trực thuộc; lọc theo trạng thái',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))), state: v.optional(v.picklist(Exemption.states)) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      const { exemptions, more } = await Exemption.list({ unitId: u.id, state: query.state });
      return c.json({ unit: { id: u.id, name: u.name }, exemptions: exemptions.map(shown), more });
    },
  }),
  route({
    method: 'post',
    path: '/api/exemptions',
    summary:
      'Ghi miễn cho một người, một chỉ tiêu (targetId) hoặc mọi chỉ tiêu (null): lý do, từ ngày, đến ngày, tệp minh chứng PDF/ảnh ≤ 5 MB (base64); người ghi là người duyệt',
    access: { roles: ['hr', 'admin'], scope: true },
    body: Exemption.Input,
    unit: async ({ body }) => {
      const person = await Person.get(personIdFor(body.employeeCode)).catch(() => null);
      if (!person) throw outside(`người mã "${body.employeeCode}"`);
      return person.unitId;
    },
    outsideScope: ({ body }) => outsideScope(`người mã "${body.employeeCode}"`),
    handler: async (c, { body, unit }) => c.json({ exemption: shown(await Exemption.create({ actor: actorOf(c), within: unit!.id, input: body })) }, 201),
  }),
  route({
    method: 'post',
    path: '/api/exemptions/:id/end',
    summary: 'Kết thúc sớm một miễn trừ: từ hôm nay người đó lại phải hoàn thành chương trình, với hạn mới',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfExemption,
    outsideScope: () => outsideScope('miễn trừ này'),
    handler: async (c, { params, unit }) => c.json({ exemption: shown(await Exemption.end({ actor: actorOf(c), within: unit!.id, id: params.id })) }),
  }),
  route({
    method: 'get',
    path: '/api/exemptions/:id/evidence',
    summary: 'Tệp minh chứng của một miễn trừ (mỗi lần xem được ghi nhật ký)',
    access: { roles: ['hr', 'admin'], scope: true },
    params: Id,
    unit: unitOfExemption,
    outsideScope: () => outsideScope('miễn trừ này'),
    handler: async (c, { params, unit }) => privateFile(await Exemption.evidence({ actor: actorOf(c), within: unit!.id, id: params.id })),
  }),
);
