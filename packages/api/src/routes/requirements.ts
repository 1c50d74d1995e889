import { Requirement } from '@sansang/core';
import { route, routes } from '../route.ts';

export const requirementRoutes = routes(
  route({
    method: 'get',
    path: '/api/me/requirements',
    summary: 'Việc cần hoàn thành của người đang đăng nhập: mỗi chỉ tiêu áp dụng cho họ, hạn riêng, số ngày còn lại, trạng thái và các khoá học',
    access: { signedIn: true },
    handler: async (c) => c.json({ requirements: await Requirement.forPerson({ personId: c.var.person!.id }) }),
  }),
);
