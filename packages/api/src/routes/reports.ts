import * as v from 'valibot';
import type { Hono } from 'hono';
import { Readable } from 'node:stream';
import { Audit, Org, Report, VisibleError } from '@sansang/core';
import type { Env } from '../env.ts';
import { mount } from '../route.ts';

export function reportRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'get',
    path: '/api/reports/completions.csv',
    summary: 'Báo cáo hoàn thành khoá học của đơn vị và các đơn vị trực thuộc (CSV, UTF-8 có BOM)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => {
      const unit = scoped ?? (await Org.children(null))[0];
      if (!unit) throw new VisibleError('org.unit_not_found', 'Chưa có đơn vị nào.', 404);
      await Audit.record({ actor: c.var.account!.email, action: 'report.download', unitId: unit.id, detail: { report: 'completions.csv' } });
      const date = new Date().toISOString().slice(0, 10);
      return new Response(Readable.toWeb(Report.completionsCsv(unit.id)) as ReadableStream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="hoan-thanh-${unit.code}-${date}.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  });
}
