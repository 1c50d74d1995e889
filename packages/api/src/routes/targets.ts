import { Target, VisibleError } from '@sansang/core';
import { actorOf, covers, route, routes } from '../route.ts';

export const targetRoutes = routes(
  route({
    method: 'get',
    path: '/api/targets',
    summary: 'Các chỉ tiêu đang theo dõi: chương trình, phạm vi (cấp, loại đơn vị, nhóm cán bộ), tỷ lệ và hạn',
    access: { roles: ['hr', 'admin'] },
    handler: async (c) => c.json({ targets: await Target.list() }),
  }),
  route({
    method: 'post',
    path: '/api/targets',
    summary: 'Tạo hoặc sửa một chỉ tiêu (quản trị toàn hệ thống)',
    access: { roles: ['admin'] },
    body: Target.Info,
    handler: async (c, { body }) => {
      // A target counts every unit of the installation: only an installation-wide admin sets one.
      if (!covers(c, ['admin'], null)) throw new VisibleError('auth.forbidden', 'Chỉ quản trị toàn hệ thống mới đặt được chỉ tiêu.');
      const { existed } = await Target.set({ actor: actorOf(c), target: body });
      return c.json({ target: body }, existed ? 200 : 201);
    },
  }),
);
