import * as v from 'valibot';
import { Readiness } from '@sansang/core';
import { route, routes } from '../route.ts';
import { unitOrRoot } from './reports.ts';

const Query = v.object({
  unit: v.optional(v.pipe(v.string(), v.maxLength(64))),
  target: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

export const readinessRoutes = routes(
  route({
    method: 'get',
    path: '/api/readiness',
    summary: 'Mức độ sẵn sàng của một đơn vị và các đơn vị trực thuộc so với chỉ tiêu: hiện tại, hoặc theo số liệu lưu của một ngày đã qua',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ ...Query.entries, date: v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json(await Readiness.forUnit({ unitId: u.id, targetId: query.target, date: query.date }));
    },
  }),
  route({
    method: 'get',
    path: '/api/readiness/untrained',
    summary:
      'Những người trong diện chỉ tiêu chưa hoàn thành (quá hạn nếu đã qua hạn), tối đa 100 người đầu tiên; q: chỉ những người có tên hoặc mã chứa q (không phân biệt dấu)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ ...Query.entries, q: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json(await Readiness.untrained({ unitId: u.id, targetId: query.target, limit: 100, match: query.q?.trim() || undefined }));
    },
  }),
);
