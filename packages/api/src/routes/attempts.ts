import * as v from 'valibot';
import { Attempt, Course, Quiz } from '@sansang/core';
import { route, routes } from '../route.ts';

const Slug = v.object({ slug: Course.Slug });
const AttemptRef = v.object({ slug: Course.Slug, n: v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'số lần làm bài không hợp lệ'), v.transform(Number)) });

export const attemptRoutes = routes(
  route({
    method: 'get',
    path: '/api/courses/:slug/quiz',
    summary: 'Bài kiểm tra: lần làm bài đang dở (để làm tiếp) hoặc thông tin lần tiếp theo; không kèm đáp án',
    access: { signedIn: true },
    params: Slug,
    handler: async (c, { params }) => c.json(await Attempt.current({ personId: c.var.person!.id, slug: params.slug })),
  }),
  route({
    method: 'post',
    path: '/api/courses/:slug/attempts',
    summary: 'Bắt đầu lần làm bài mới, hoặc trả về lần đang dở; máy chủ rút câu hỏi và tính giờ',
    access: { signedIn: true },
    params: Slug,
    handler: async (c, { params }) => c.json({ attempt: await Attempt.start({ personId: c.var.person!.id, slug: params.slug }) }),
  }),
  route({
    method: 'get',
    path: '/api/courses/:slug/attempts/:n',
    summary: 'Một lần làm bài: câu hỏi, câu trả lời đã lưu, hạn giờ; kết quả khi đã chấm',
    access: { signedIn: true },
    params: AttemptRef,
    handler: async (c, { params }) => c.json({ attempt: await Attempt.get({ personId: c.var.person!.id, ...params }) }),
  }),
  route({
    method: 'post',
    path: '/api/courses/:slug/attempts/:n/answers',
    summary: 'Lưu câu trả lời một câu hỏi (tự động lưu); bị từ chối khi đã hết giờ',
    access: { signedIn: true },
    params: AttemptRef,
    body: v.object({ questionId: v.pipe(v.string(), v.maxLength(100)), answer: Quiz.Answer }),
    handler: async (c, { params, body }) => c.json(await Attempt.saveAnswer({ personId: c.var.person!.id, ...params, ...body })),
  }),
  route({
    method: 'post',
    path: '/api/courses/:slug/attempts/:n/submit',
    summary: 'Nộp bài; máy chủ chấm một lần duy nhất (gửi lại cho cùng kết quả)',
    access: { signedIn: true },
    params: AttemptRef,
    body: v.optional(v.object({ answers: v.optional(Quiz.Answers) })),
    handler: async (c, { params, body }) => c.json(await Attempt.submit({ personId: c.var.person!.id, ...params, answers: body?.answers })),
  }),
);
