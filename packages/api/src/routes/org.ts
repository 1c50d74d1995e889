import * as v from 'valibot';
import {
  EffectiveDate as Effective,
  Org,
  vnDay,
  Readiness,
  Report,
  VisibleError,
  createUnit,
  dissolveUnit,
  cancelScheduled,
  getMergeRecord,
  getPendingChangeById,
  importUnits,
  mergeUnits,
  pendingChanges,
  planMerge,
  scheduleMerge,
  undoableMerges,
  undoMerge,
  moveUnit,
  readImportFile,
  unitHistory,
  unitIdFor,
  updateUnit,
} from '@sansang/core';
import type { Context } from 'hono';
import type { Env } from '../env.ts';
import { actorOf, covers, route, routes } from '../route.ts';
import { fileName, sendFile, unitOrRoot } from './reports.ts';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** Looks up any stored code, even one from before codes were checked; new codes are `Org.Code`. */
const LookupCode = v.pipe(v.string(), v.trim(), v.minLength(1, 'mã không được để trống'), v.maxLength(64));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1, 'tên không được để trống'), v.maxLength(300));
const UnitParam = v.object({ id: Id });
const admin = { roles: ['admin' as const], scope: true };
/** Any day: a merge dated after today is scheduled, not refused. */
const Day = v.pipe(v.string(), v.isoDate('ngày hiệu lực phải có dạng 2025-07-01'));
/** A merge's or a scheduled change's id starts with the unit it is kept under (`<unitId>.<random>`). */
const unitOfId = (id: string) => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : id);

/** Every unit merged away lies strictly below the caller's own; the one merged into (or its parent), inside their scope. */
async function mayReorganise(c: Context<Env>, sourceIds: string[], target: string): Promise<void> {
  const units = await Org.getMap([...sourceIds, target]);
  for (const id of [...sourceIds, target]) {
    const u = units.get(id);
    if (!u || !covers(c, ['admin'], u, id !== target)) throw new VisibleError('auth.forbidden', 'Bạn không có quyền với một trong các đơn vị này.');
  }
}
/** A reorganisation: the unit must lie strictly below the caller's own, and where it goes inside their scope. */
const reorganiser = { roles: ['admin' as const], scope: 'below' as const };

export const orgRoutes = routes(
  route({
    method: 'get',
    path: '/api/org',
    summary: 'Một đơn vị với cấp trên, các đơn vị trực thuộc (kể cả đã hợp nhất, giải thể) và lịch sử thay đổi',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: v.optional(Id) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const [children, former, history, path, pending] = await Promise.all([
        Org.children(unit.id),
        Org.formerChildren(unit.id),
        unitHistory(unit.id),
        Org.getMap(unit.ancestors),
        pendingChanges(unit.id),
      ]);
      const staff = await Promise.all(children.map((ch) => Readiness.headcount(ch.id)));
      return c.json({
        unit,
        history,
        // The web links only the units above that the caller may open: an officer of a department sees the province named, not offered.
        ancestors: unit.ancestors.map((id, i) => ({
          id,
          name: path.get(id)?.name ?? id,
          inScope: covers(c, ['hr', 'admin'], { id, ancestors: unit.ancestors.slice(0, i) }),
        })),
        children: children.map((ch, i) => ({ ...ch, staff: staff[i] ?? 0 })),
        former,
        pending,
        // Merges recorded in this history that an admin may still take back with one click.
        undoable: await undoableMerges(history),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/org/lookup',
    summary: 'Tìm một đơn vị trong phạm vi theo mã (để chọn đơn vị cấp trên mới, đơn vị hợp nhất vào)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ code: LookupCode }),
    unit: ({ query }) => unitIdFor(query.code),
    handler: async (c, { unit }) => c.json({ unit }),
  }),
  route({
    method: 'post',
    path: '/api/org/units',
    summary: 'Thành lập một đơn vị mới dưới một đơn vị cấp trên, với ngày hiệu lực',
    access: admin,
    body: v.object({ code: Org.Code, name: Name, kind: Org.Kind, level: v.optional(Org.Level), parentId: Id, effective: Effective }),
    unit: ({ body }) => body.parentId,
    handler: async (c, { body }) => c.json({ unit: await createUnit({ ...body, actor: actorOf(c).email }) }, 201),
  }),
  route({
    method: 'post',
    path: '/api/org/units/:id/update',
    summary: 'Đổi tên, mã, loại hoặc cấp của một đơn vị, với ngày hiệu lực',
    access: admin,
    params: UnitParam,
    body: v.object({ name: v.optional(Name), code: v.optional(Org.Code), kind: v.optional(Org.Kind), level: v.optional(Org.Level), effective: Effective }),
    unit: ({ params }) => params.id,
    handler: async (c, { params, body }) => c.json({ unit: await updateUnit({ unitId: params.id, ...body, actor: actorOf(c).email }) }),
  }),
  route({
    method: 'post',
    path: '/api/org/units/:id/move',
    summary: 'Chuyển một đơn vị (cùng các đơn vị trực thuộc và người của nó) sang đơn vị cấp trên khác',
    access: reorganiser,
    params: UnitParam,
    body: v.object({ parentId: Id, effective: Effective }),
    unit: ({ params }) => params.id,
    handler: async (c, { params, body }) => {
      const parent = await Org.get(body.parentId).catch(() => null);
      if (!parent || !covers(c, ['admin'], parent)) throw new VisibleError('auth.forbidden', 'Bạn không có quyền với đơn vị cấp trên này.');
      return c.json({ unit: await moveUnit({ unitId: params.id, parentId: parent.id, effective: body.effective, actor: actorOf(c).email }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/org/merge',
    summary:
      'Hợp nhất các đơn vị vào một đơn vị (có sẵn hoặc thành lập mới): người, lịch sử học tập và đơn vị trực thuộc chuyển theo; dryRun=1 để xem trước ai chuyển đi đâu; ngày hiệu lực sau hôm nay để lên lịch',
    access: reorganiser,
    query: v.object({ dryRun: v.optional(v.picklist(['0', '1'])) }),
    body: v.object({
      sourceIds: v.pipe(v.array(Id), v.minLength(1, 'chọn ít nhất một đơn vị'), v.maxLength(100)),
      into: v.union([v.object({ unitId: Id }), v.object({ code: Org.Code, name: Name, kind: Org.Kind, level: v.optional(Org.Level), parentId: Id })]),
      effective: Day,
    }),
    unit: ({ body }) => body.sourceIds[0],
    handler: async (c, { query, body }) => {
      await mayReorganise(c, body.sourceIds, 'unitId' in body.into ? body.into.unitId : body.into.parentId);
      const { effective, ...what } = body;
      if (query.dryRun === '1') return c.json({ plan: await planMerge(what) });
      // A date after today schedules the merge for the daily job of that day.
      if (effective > vnDay()) return c.json({ scheduled: await scheduleMerge({ ...body, actor: actorOf(c).email }) });
      return c.json({ merged: await mergeUnits({ ...body, actor: actorOf(c).email }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/org/merges/:id/undo',
    summary: 'Hoàn tác một lần hợp nhất trong vòng 24 giờ, khi các đơn vị và người liên quan chưa có thay đổi nào khác',
    access: admin,
    params: UnitParam,
    unit: ({ params }) => unitOfId(params.id),
    handler: async (c, { params }) => {
      const record = await getMergeRecord(params.id);
      await mayReorganise(
        c,
        record.sources.map((s) => s.id),
        record.into.id,
      );
      return c.json({ undone: await undoMerge({ mergeId: record.id, actor: actorOf(c).email }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/org/scheduled/:id/cancel',
    summary: 'Huỷ một thay đổi tổ chức đã lên lịch, trước ngày nó có hiệu lực',
    access: admin,
    params: UnitParam,
    unit: ({ params }) => unitOfId(params.id),
    handler: async (c, { params }) => {
      const change = await getPendingChangeById(params.id);
      await mayReorganise(c, change.input.sourceIds, 'unitId' in change.input.into ? change.input.into.unitId : change.input.into.parentId);
      return c.json({ cancelled: await cancelScheduled({ id: change.id, actor: actorOf(c).email }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/org/units/:id/dissolve',
    summary: 'Giải thể một đơn vị không còn người đang công tác và không còn đơn vị trực thuộc',
    access: reorganiser,
    params: UnitParam,
    body: v.object({ effective: Effective }),
    unit: ({ params }) => params.id,
    handler: async (c, { params, body }) => c.json({ unit: await dissolveUnit({ unitId: params.id, effective: body.effective, actor: actorOf(c).email }) }),
  }),
  route({
    method: 'post',
    path: '/api/org/import',
    summary: 'Nhập cây tổ chức từ tệp CSV hoặc Excel (cột: Mã đơn vị, Tên đơn vị, Loại đơn vị, Cấp, Mã đơn vị cấp trên); dryRun=1 để chạy thử',
    access: admin,
    upload: true,
    query: v.object({ unit: v.optional(Id), dryRun: v.optional(v.picklist(['0', '1'])), effective: v.optional(Effective) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit, file }) => {
      const plan = await importUnits(await readImportFile(file), {
        actor: actorOf(c).email,
        effective: query.effective ?? vnDay(),
        dryRun: query.dryRun === '1',
        within: unit ?? undefined,
      });
      return c.json({ plan: { ...plan, changes: plan.changes.filter((ch) => ch.action !== 'unchanged').slice(0, 1000) }, applied: query.dryRun !== '1' });
    },
  }),
  ...(['csv', 'xlsx'] as const).map((ext) =>
    route({
      method: 'get',
      path: `/api/org/export.${ext}`,
      summary: `Xuất cây tổ chức (${ext.toUpperCase()}), đúng các cột để sửa rồi nhập lại`,
      access: { roles: ['hr', 'admin'], scope: true },
      query: v.object({ unit: v.optional(Id) }),
      unit: ({ query }) => query.unit,
      handler: async (c, { unit: scoped }) => {
        const unit = await unitOrRoot(scoped);
        const body = await Report.download({ actor: actorOf(c), kind: `org.${ext}`, unitId: unit.id });
        return sendFile({ body, kind: `org.${ext}`, name: fileName(`org.${ext}`, unit.code, vnDay()) });
      },
    }),
  ),
);
