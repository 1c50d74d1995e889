import type { Hono } from 'hono';
import { Audit, Readiness, Target, VisibleError } from '@sansang/core';
import type { Env } from '../env.ts';
import { covers, mount } from '../route.ts';

export function targetRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'get',
    path: '/api/targets',
    summary: 'Các chỉ tiêu đang theo dõi: chương trình, phạm vi (cấp, loại đơn vị, nhóm cán bộ), tỷ lệ và hạn',
    access: { roles: ['hr', 'admin'] },
    handler: async (c) => c.json({ targets: await Target.list() }),
  });
  mount(app, {
    method: 'post',
    path: '/api/targets',
    summary: 'Tạo hoặc sửa một chỉ tiêu (quản trị toàn hệ thống)',
    access: { roles: ['admin'] },
    body: Target.Info,
    handler: async (c, { body }) => {
      // A target counts every unit of the installation: only an installation-wide admin sets one.
      if (!covers(c, ['admin'], null)) throw new VisibleError('auth.forbidden', 'Chỉ quản trị toàn hệ thống mới đặt được chỉ tiêu.', 403);
      const existed = (await Target.list()).find((t) => t.id === body.id);
      await Target.put(body);
      // Who is trained depends on the programme only; scope, percentage and deadline are read live.
      if (!existed || existed.programme.join() !== body.programme.join()) await Readiness.dispatchRetrain(body.id);
      await Audit.record({ actor: c.var.account!.email, action: existed ? 'target.update' : 'target.create', detail: { before: existed ?? null, after: body } });
      return c.json({ target: body }, existed ? 200 : 201);
    },
  });
}
