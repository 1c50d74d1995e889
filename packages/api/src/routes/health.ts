import { databaseAnswers } from '@sansang/core';
import { errorResponse } from '../errors.ts';
import { route, routes } from '../route.ts';

export const healthRoutes = routes(
  route({
    method: 'get',
    path: '/api/health',
    summary: 'Trạng thái dịch vụ: "ok" chỉ khi cơ sở dữ liệu trả lời',
    access: { public: true },
    handler: async (c) =>
      (await databaseAnswers()) ? c.json({ status: 'ok' }) : errorResponse(c, 'service.database_unavailable', 'Cơ sở dữ liệu không phản hồi.'),
  }),
);
