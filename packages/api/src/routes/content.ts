import * as v from 'valibot';
import type { Context } from 'hono';
import { Attempt, Course, Org, VisibleError } from '@sansang/core';
import { contentWorkspace } from '../content-workspace.ts';
import type { Env } from '../env.ts';
import { actorOf, covers, route, routes } from '../route.ts';

const ROLES = ['trainer', 'admin'] as const;

/**
 * The published courses a trainer or admin may preview (answers included): the installation's,
 * those of units within their grants, and those of units above them (which their own people
 * take). A province's own course is not another province's to read.
 */
async function previewable<T extends Pick<Course.Summary, 'unitId'>>(c: Context<Env>, courses: T[]): Promise<T[]> {
  const owned = courses.flatMap((course) => (course.unitId ? [course.unitId] : []));
  if (owned.length === 0) return courses;
  const grants = actorOf(c).grants.filter((g) => (ROLES as readonly string[]).includes(g.role));
  const [owners, held] = await Promise.all([Org.getMap(new Set(owned)), Org.getMap(new Set(grants.flatMap((g) => (g.unitId ? [g.unitId] : []))))]);
  return courses.filter((course) => {
    if (!course.unitId) return true;
    const owner = owners.get(course.unitId);
    return (owner !== undefined && covers(c, [...ROLES], owner)) || [...held.values()].some((unit) => Course.openAt(course, unit));
  });
}

export const contentRoutes = routes(
  route({
    method: 'get',
    path: '/api/content',
    summary: 'Kết quả kiểm tra nội dung và danh sách khoá học để xem trước (giảng viên)',
    access: { roles: ['trainer', 'admin'] },
    handler: async (c) => {
      const ws = contentWorkspace();
      if (!ws) {
        return c.json({
          source: 'published' as const,
          revision: 0,
          checkedAt: null,
          findings: [],
          published: [],
          courses: await previewable(c, await Course.list()),
        });
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
      if (!ws) {
        const course = await Course.get({ slug: params.slug });
        if ((await previewable(c, [course])).length === 0) throw Course.notFound(params.slug);
        return c.json({ course });
      }
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
    handler: async (c, { params, query }) => {
      if ((await previewable(c, [await Course.get({ slug: params.slug, version: query.version })])).length === 0) throw Course.notFound(params.slug);
      return c.json(await Attempt.statistics({ slug: params.slug, version: query.version }));
    },
  }),
);
