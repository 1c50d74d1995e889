import * as v from 'valibot';
import { Readable } from 'node:stream';
import { EffectiveDate, Org, Person, VisibleError, importRoster, personIdFor, readImportFile, rosterTemplateCsv, searchPeople } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';
import { unitOrRoot } from './reports.ts';

const Flag = v.optional(v.picklist(['0', '1']));
const SHOWN = 1000;
/** The roster's columns as the edit form names its fields, for a refusal that says which one is wrong. */
const fieldNames: Record<string, string> = {
  full_name: 'Họ và tên',
  email: 'Email',
  unit_code: 'Đơn vị',
  category: 'Phân loại',
  position: 'Chức vụ',
  status: 'Trạng thái',
  start_date: 'Ngày bắt đầu công tác',
};
const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));

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
        people: people.map(({ id, employeeCode, fullName, email, category, position, status, startDate }) => ({
          id,
          employeeCode,
          fullName,
          email,
          category,
          position,
          status,
          startDate: startDate ?? null,
        })),
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/roster/person',
    summary:
      'Sửa thông tin một cán bộ đã có trong danh sách (họ tên, email, đơn vị, phân loại, chức vụ, trạng thái, ngày bắt đầu công tác), như một dòng của tệp nhập: đổi đơn vị là điều chuyển, giữ lịch sử',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    body: v.object({
      employeeCode: Text(64),
      fullName: Text(200),
      email: Text(320),
      unitCode: Text(64),
      category: Person.Category,
      position: Text(200),
      status: v.picklist(['active', 'left']),
      startDate: v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]),
      effective: v.optional(EffectiveDate),
    }),
    unit: ({ query }) => query.unit,
    handler: async (c, { body, unit }) => {
      const within = await unitOrRoot(unit);
      // Editing is for someone already listed in the officer's scope (a new person comes with the
      // roster file); unknown and foreign codes get one answer, so codes cannot be probed.
      const person = await Person.get(personIdFor(body.employeeCode)).catch(() => null);
      const now = person && (await Org.getMap([person.unitId])).get(person.unitId);
      if (!now || !Org.isWithin(now, within.id))
        throw new VisibleError('person.not_found', `Không có cán bộ mã "${body.employeeCode}" trong phạm vi quản lý của bạn.`);
      const cells = {
        employee_code: body.employeeCode,
        full_name: body.fullName,
        email: body.email,
        unit_code: body.unitCode,
        category: body.category,
        position: body.position,
        status: body.status,
        start_date: body.startDate,
      };
      const row = [{ row: 1, cells }];
      const options = { actor: actorOf(c).email, effective: body.effective, within };
      // Checked first, so a wrong field is named as the form names it rather than as a file's row and column.
      const checked = await importRoster(row, { ...options, dryRun: true });
      if (checked.problems.length > 0)
        throw new VisibleError('person.invalid', checked.problems.map((p) => `${fieldNames[p.column] ?? p.column}: ${p.message}`).join('\n'));
      const plan = await importRoster(row, options);
      return c.json({ person: await Person.get(personIdFor(body.employeeCode)), change: plan.changes[0] ?? null });
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
