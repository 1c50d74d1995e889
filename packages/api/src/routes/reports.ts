import * as v from 'valibot';
import type { Hono } from 'hono';
import { Readable } from 'node:stream';
import { Audit, Org, Report, VisibleError } from '@sansang/core';
import type { Env } from '../env.ts';
import { mount } from '../route.ts';

const UnitQuery = v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) });

async function unitOrRoot(scoped: Org.Info | null): Promise<Org.Info> {
  const unit = scoped ?? (await Org.children(null))[0];
  if (!unit) throw new VisibleError('org.unit_not_found', 'Chưa có đơn vị nào.', 404);
  return unit;
}

export function reportRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'post',
    path: '/api/reports/archives',
    summary: 'Tạo (nền) một bản báo cáo hoàn thành được lưu cố định, kèm thời điểm và mã băm SHA-256',
    access: { roles: ['hr', 'admin'], scope: true },
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const archive = await Report.requestArchive(unit.id, c.var.account!.email);
      await Report.dispatchCompletionsArchive({ unitId: unit.id, id: archive.id });
      return c.json({ archive }, 202);
    },
  });
  mount(app, {
    method: 'get',
    path: '/api/reports/archives',
    summary: 'Các bản báo cáo đã lưu của một đơn vị, mới nhất trước',
    access: { roles: ['hr', 'admin'], scope: true },
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => c.json({ archives: await Report.listArchives((await unitOrRoot(scoped)).id) }),
  });
  mount(app, {
    method: 'get',
    path: '/api/reports/archives/:id',
    summary: 'Tải một bản báo cáo đã lưu (đúng như lúc tạo)',
    access: { roles: ['hr', 'admin'], scope: true },
    params: v.object({ id: v.pipe(v.string(), v.regex(/^[0-9TZ]+-[0-9a-f]{12}$/, 'mã báo cáo không hợp lệ')) }),
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { params, unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const { archive, body } = await Report.openArchive(unit.id, params.id);
      await Audit.record({ actor: c.var.account!.email, action: 'report.download', unitId: unit.id, detail: { report: archive.kind, archive: archive.id, sha256: archive.sha256 } });
      return new Response(Readable.toWeb(body) as ReadableStream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="hoan-thanh-${unit.code}-${archive.id}.csv"`,
          'x-content-sha256': archive.sha256 ?? '',
          'cache-control': 'no-store',
        },
      });
    },
  });
  mount(app, {
    method: 'get',
    path: '/api/reports/completions.csv',
    summary: 'Báo cáo hoàn thành khoá học của đơn vị và các đơn vị trực thuộc (CSV, UTF-8 có BOM)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
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
