import * as v from 'valibot';
import { Readable } from 'node:stream';
import { EffectiveDate, Person, importRoster, readImportFile, rosterTemplateCsv, searchPeople } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';
import { unitOrRoot } from './reports.ts';

const Flag = v.optional(v.picklist(['0', '1']));
const SHOWN = 1000;

export const rosterRoutes = routes(
  route({
    method: 'post',
    path: '/api/roster/import',
    summary: 'Nhập danh sách cán bộ từ tệp CSV hoặc Excel vào phạm vi quản lý: dryRun=1 để xem trước, acceptValid=1 để chỉ nhập các dòng hợp lệ',
    access: { roles: ['hr', 'admin'], scope: true },
    upload: true,
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))), dryRun: Flag, acceptValid: Flag, effective: v.optional(EffectiveDate) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit, file }) => {
      const within = await unitOrRoot(unit);
      const plan = await importRoster(await readImportFile(file), {
        actor: actorOf(c).email,
        dryRun: query.dryRun === '1',
        acceptValid: query.acceptValid === '1',
        effective: query.effective,
        within,
      });
      // A province's roster can change thousands of rows: the counts are whole, the list is a preview.
      return c.json({
        plan: {
          ...plan,
          changes: plan.changes.slice(0, SHOWN),
          problems: plan.problems.slice(0, SHOWN),
          truncated: plan.changes.length > SHOWN || plan.problems.length > SHOWN,
        },
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/roster/people',
    summary: 'Những người thuộc trực tiếp một đơn vị (kể cả đã nghỉ), theo tên',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => {
      const u = await unitOrRoot(unit);
      const people: Person.Info[] = [];
      for await (const p of Person.ofUnit(u.id)) {
        people.push(p);
        if (people.length >= 2000) break;
      }
      return c.json({
        unit: { id: u.id, name: u.name },
        people: people.map(({ id, employeeCode, fullName, category, position, status }) => ({ id, employeeCode, fullName, category, position, status })),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/roster/search',
    summary: 'Tìm cán bộ theo tên hoặc mã (không phân biệt dấu) trong đơn vị và mọi đơn vị trực thuộc, tối đa 100 người, kể cả đã nghỉ',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))), q: v.pipe(v.string(), v.maxLength(100)) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      // Unit by unit down the subtree, stopping at the limit, as the list of who is still to train does.
      const { people, more } = await searchPeople({ unitId: u.id, query: query.q, limit: 100 });
      return c.json({
        unit: { id: u.id, name: u.name },
        people: people.map(({ id, employeeCode, fullName, category, position, status, unitId, unitName }) => ({
          id,
          employeeCode,
          fullName,
          category,
          position,
          status,
          unitId,
          unitName,
        })),
        more,
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/roster/template.csv',
    summary: 'Tệp mẫu danh sách cán bộ (CSV, UTF-8 có BOM): chỉ dòng tiêu đề tiếng Việt mà chức năng nhập đọc được',
    access: { roles: ['hr', 'admin'] },
    handler: () =>
      new Response(Readable.toWeb(rosterTemplateCsv()) as ReadableStream, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment('mau-danh-sach-can-bo.csv'), 'cache-control': 'no-store' },
      }),
  }),
);
