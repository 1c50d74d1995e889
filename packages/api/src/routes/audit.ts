import * as v from 'valibot';
import { stringify } from 'csv-stringify/sync';
import { Audit, Report } from '@sansang/core';
import { route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';

const Filter = v.object({
  from: v.pipe(v.string(), v.maxLength(10)),
  to: v.pipe(v.string(), v.maxLength(10)),
  actor: v.optional(v.pipe(v.string(), v.maxLength(320))),
  unit: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

const entries = (query: v.InferOutput<typeof Filter>, unitId: string | null) => Audit.list({ from: query.from, to: query.to, actor: query.actor, unitId });

export const auditRoutes = routes(
  route({
    method: 'get',
    path: '/api/audit',
    summary: 'Nhật ký kiểm toán: lọc theo thời gian, người thực hiện và đơn vị (quản trị)',
    access: { roles: ['admin'], scope: true },
    query: Filter,
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => c.json({ entries: await entries(query, unit?.id ?? null) }),
  }),
  route({
    method: 'get',
    path: '/api/audit.csv',
    summary: 'Xuất nhật ký kiểm toán ra CSV (UTF-8 có BOM)',
    access: { roles: ['admin'], scope: true },
    query: Filter,
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const rows = (await entries(query, unit?.id ?? null)).map((e) =>
        [e.at, e.actor, e.action, e.unitId ?? '', JSON.stringify(e.detail ?? {})].map(Report.safeCell),
      );
      const csv = stringify(rows, {
        bom: true,
        record_delimiter: 'windows',
        header: true,
        columns: ['Thời điểm', 'Người thực hiện', 'Hành động', 'Đơn vị', 'Chi tiết'],
      });
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`nhat-ky-${unit ? `${unit.code}-` : ''}${query.from}-${query.to}.csv`),
        'cache-control': 'no-store',
      });
    },
  }),
);
