import * as v from 'valibot';
import { stringify } from 'csv-stringify/sync';
import { Audit, Org, Report } from '@sansang/core';
import { route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';

const Filter = v.object({
  from: v.pipe(v.string(), v.maxLength(10)),
  to: v.pipe(v.string(), v.maxLength(10)),
  actor: v.optional(v.pipe(v.string(), v.maxLength(320))),
  /** An id, a code or a name: the admin picks a unit as they know it. */
  unit: v.optional(v.pipe(v.string(), v.maxLength(300))),
});

/**
 * The entries of the filtered unit's subtree (the caller's whole scope without one) and the
 * names of the units they name. The scope check is the route's (the caller's own scope);
 * the unit asked for is looked for inside it, so a name can be resolved and a unit outside
 * reads as unknown.
 */
async function read(query: v.InferOutput<typeof Filter>, scope: Org.Info | null) {
  const unit = query.unit?.trim() ? await Audit.findUnit(query.unit, scope) : scope;
  const entries = await Audit.list({ from: query.from, to: query.to, actor: query.actor, unitId: unit?.id ?? null });
  return { unit, entries, units: await Audit.unitNames(entries, unit) };
}

export const auditRoutes = routes(
  route({
    method: 'get',
    path: '/api/audit',
    summary: 'Nhật ký kiểm toán: lọc theo thời gian, người thực hiện và đơn vị (mã hoặc tên), kèm tên các đơn vị được nhắc đến (quản trị)',
    access: { roles: ['admin'], scope: true },
    query: Filter,
    handler: async (c, { query, unit: scope }) => {
      const { unit, entries, units } = await read(query, scope);
      return c.json({ unit: unit ? { id: unit.id, name: unit.name, code: unit.code } : null, entries, units });
    },
  }),
  route({
    method: 'get',
    path: '/api/audit.csv',
    summary: 'Xuất nhật ký kiểm toán ra CSV (UTF-8 có BOM), có tên hành động và tên đơn vị bên cạnh mã',
    access: { roles: ['admin'], scope: true },
    query: Filter,
    handler: async (c, { query, unit: scope }) => {
      const { unit, entries, units } = await read(query, scope);
      const rows = entries.map((e) =>
        [
          e.at,
          e.actor,
          e.action,
          Audit.actionName(e.action),
          e.unitId ?? '',
          e.unitId ? (units[e.unitId]?.name ?? '') : '',
          JSON.stringify(e.detail ?? {}),
        ].map(Report.safeCell),
      );
      const csv = stringify(rows, {
        bom: true,
        record_delimiter: 'windows',
        header: true,
        // The raw code columns stay for scripts; people read the names beside them.
        columns: ['Thời điểm', 'Người thực hiện', 'Mã hành động', 'Hành động', 'Mã đơn vị', 'Đơn vị', 'Chi tiết'],
      });
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`nhat-ky-${unit ? `${unit.code}-` : ''}${query.from}-${query.to}.csv`),
        'cache-control': 'no-store',
      });
    },
  }),
);
