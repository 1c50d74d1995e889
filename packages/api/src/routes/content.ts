import * as v from 'valibot';
import { Attempt, Course, VisibleError } from '@sansang/core';
import { contentWorkspace } from '../content-workspace.ts';
import { route, routes } from '../route.ts';

export const contentRoutes = routes(
  route({
    method: 'get',
    path: '/api/content',
    summary: 'Kết quả kiểm tra nội dung và danh sách khoá học để xem trước (giảng viên)',
    access: { roles: ['trainer', 'admin'] },
    handler: async (c) => {
      const ws = contentWorkspace();
      if (!ws) {
        return c.json({ source: 'published' as const, revision: 0, checkedAt: null, findings: [], published: [], courses: await Course.list() });
      }
      return c.json({
        source: 'local' as const,
        revision: ws.revision,
        checkedAt: ws.checkedAt,
        findings: ws.findings,
        published: ws.published,
        courses: ws.courses.map(Course.summarize),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/content/courses/:slug',
    summary: 'Xem trước một khoá học kèm đáp án và giải thích (giảng viên)',
    access: { roles: ['trainer', 'admin'] },
    params: v.object({ slug: Course.Slug }),
    handler: async (c, { params }) => {
      const ws = contentWorkspace();
      if (!ws) return c.json({ course: await Course.get({ slug: params.slug }) });
      const course = ws.courses.find((b) => b.slug === params.slug);
      if (!course) throw new VisibleError('course.not_found', `Không tìm thấy khoá học "${params.slug}" trong thư mục content/ (hoặc khoá học đang có lỗi).`);
      return c.json({ course });
    },
  }),
  route({
    method: 'get',
    path: '/api/content/courses/:slug/statistics',
    summary: 'Thống kê câu hỏi của bài kiểm tra (số lượt trả lời, tỉ lệ đúng, độ phân biệt) và phân bố điểm (giảng viên)',
    access: { roles: ['trainer', 'admin'] },
    params: v.object({ slug: Course.Slug }),
    query: v.object({ version: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number))) }),
    handler: async (c, { params, query }) => c.json(await Attempt.statistics({ slug: params.slug, version: query.version })),
  }),
);
