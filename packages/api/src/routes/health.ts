import type { Hono } from 'hono';
import { databaseAnswers } from '@sansang/core';
import type { Env } from '../env.ts';
import { errorResponse } from '../errors.ts';
import { mount } from '../route.ts';

export function healthRoutes(app: Hono<Env>) {
  mount(app, {
    method: 'get',
    path: '/api/health',
    summary: 'Trạng thái dịch vụ: "ok" chỉ khi cơ sở dữ liệu trả lời',
    access: { public: true },
    handler: async (c) =>
      (await databaseAnswers()) ? c.json({ status: 'ok' }) : errorResponse(c, 'service.database_unavailable', 'Cơ sở dữ liệu không phản hồi.'),
  });
}
