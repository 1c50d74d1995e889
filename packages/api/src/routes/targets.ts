import * as v from 'valibot';
import { Org, Target, VisibleError } from '@sansang/core';
import { actorOf, covers, route, routes } from '../route.ts';

/** Who sets targets: an admin or HR officer, for a unit their grant covers. */
const setters: ('admin' | 'hr')[] = ['admin', 'hr'];

export const targetRoutes = routes(
  route({
    method: 'get',
    path: '/api/targets',
    summary:
      'Các chỉ tiêu áp dụng tại đơn vị (của đơn vị, của cấp trên hoặc chung toàn hệ thống) và các chỉ tiêu do đơn vị trực thuộc đặt; mỗi chỉ tiêu có đơn vị đặt ra (owner, null: chung toàn hệ thống) và editable: người gọi có được sửa không',
    access: { roles: setters, scope: true },
    query: v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => {
      const all = await Target.list();
      const owners = await Target.owners(all);
      const ownerOf = (t: Target.Info) => (t.unitId ? (owners.get(t.unitId) ?? null) : null);
      // Without a unit (an installation-wide grant): every target; else those that apply there and those set below it.
      const shown = unit
        ? all.filter((t) => {
            const owner = ownerOf(t);
            return Target.applyingAt(unit, [t]).length > 0 || (owner !== null && Org.isWithin(owner, unit.id));
          })
        : all;
      return c.json({
        unit: unit ? { id: unit.id, name: unit.name } : null,
        targets: shown.map((t) => {
          const owner = ownerOf(t);
          return { ...t, owner: owner ? { id: owner.id, name: owner.name } : null, editable: covers(c, setters, t.unitId ? owner : null) };
        }),
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/targets',
    summary:
      'Tạo hoặc sửa một chỉ tiêu của một đơn vị (unitId; áp dụng cho đơn vị đó và các đơn vị trực thuộc) hoặc chung toàn hệ thống (không có unitId: chỉ người có quyền toàn hệ thống); không sửa được chỉ tiêu do cấp trên hay nhánh khác đặt',
    access: { roles: setters, scope: true },
    body: Target.Info,
    unit: ({ body }) => body.unitId,
    handler: async (c, { body }) => {
      const forbidden = (message: string) => new VisibleError('auth.forbidden', message);
      // The unit asked for has passed the scope check; an installation-wide target needs an installation-wide grant.
      if (body.unitId === undefined && !covers(c, setters, null))
        throw forbidden('Chỉ người có quyền toàn hệ thống mới đặt được chỉ tiêu chung toàn hệ thống; hãy chọn đơn vị của chỉ tiêu.');
      const before = (await Target.list()).find((t) => t.id === body.id);
      if (before && !covers(c, setters, before.unitId ? await Org.get(before.unitId) : null))
        throw forbidden(`Mã chỉ tiêu "${body.id}" đã được cấp trên hoặc đơn vị khác dùng: hãy đặt mã khác.`);
      const { existed } = await Target.set({ actor: actorOf(c), target: body });
      return c.json({ target: body }, existed ? 200 : 201);
    },
  }),
);
