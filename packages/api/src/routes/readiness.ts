import * as v from 'valibot';
import type { Hono } from 'hono';
import { Org, Readiness, VisibleError } from '@sansang/core';
import type { Env } from '../env.ts';
import { mount } from '../route.ts';

export function readinessRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'get',
    path: '/api/readiness',
    summary: 'Mức độ sẵn sàng của một đơn vị và các đơn vị trực thuộc so với chỉ tiêu',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))), target: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const unitId = unit?.id ?? (await Org.children(null))[0]?.id;
      if (!unitId) throw new VisibleError('org.unit_not_found', 'Chưa có đơn vị nào.', 404);
      const r = await Readiness.forUnit({ unitId, targetId: query.target });
      return c.json({ ...r, unit: { id: r.unit.id, name: r.unit.name, kind: r.unit.kind, code: r.unit.code, parentId: r.unit.parentId } });
    },
  });
}
