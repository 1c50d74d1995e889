import * as v from 'valibot';
import { Attempt, Course, Progress, Quiz, VisibleError } from '@sansang/core';
import { route, routes } from '../route.ts';

const Slug = v.object({ slug: Course.Slug });
const LessonRef = v.object({ slug: Course.Slug, lessonId: v.pipe(v.string(), v.maxLength(100)) });

export const courseRoutes = routes(
  route({
    method: 'get',
    path: '/api/courses',
    summary: 'Danh sách khoá học và tiến độ của người học',
    access: { signedIn: true },
    handler: async (c) => c.json({ courses: await Progress.catalogueFor(c.var.person!) }),
  }),
  route({
    method: 'get',
    path: '/api/courses/:slug',
    summary: 'Một khoá học: giới thiệu, bài học, bài kiểm tra, tiến độ',
    access: { signedIn: true },
    params: Slug,
    handler: async (c, { params }) => {
      const personId = c.var.person!.id;
      const { bundle, progress } = await Progress.courseFor(personId, params.slug);
      // The course page's quiz box says when a new attempt may start, as the quiz page does.
      const standing = bundle.quiz && (await Attempt.standing(personId, bundle, progress));
      return c.json({
        course: {
          ...Course.summarize(bundle),
          introHtml: bundle.introHtml,
          references: bundle.references,
          lessons: bundle.lessons.map((l) => ({ id: l.id, title: l.title })),
          quiz: bundle.quiz && {
            title: bundle.quiz.title,
            passMark: bundle.quiz.passMark,
            questionCount: Quiz.draw(bundle.quiz, '').length,
            timeLimitMinutes: bundle.quiz.timeLimitMinutes,
            attempts: bundle.quiz.attempts,
            attemptsPerDay: bundle.quiz.attemptsPerDay,
            waitAfterFailures: bundle.quiz.waitAfterFailures,
          },
          placement: bundle.placement,
          progress,
          remaining: Progress.remaining(bundle, progress),
        },
        standing: standing || null,
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/courses/:slug/lessons/:lessonId',
    summary: 'Nội dung một bài học',
    access: { signedIn: true },
    params: LessonRef,
    handler: async (c, { params }) => {
      const { bundle, progress } = await Progress.courseFor(c.var.person!.id, params.slug);
      const lesson = bundle.lessons.find((l) => l.id === params.lessonId);
      if (!lesson) throw new VisibleError('course.lesson_not_found', 'Không tìm thấy bài học.');
      return c.json({ lesson, progress });
    },
  }),
  route({
    method: 'post',
    path: '/api/courses/:slug/lessons/:lessonId/complete',
    summary: 'Đánh dấu đã học xong một bài',
    access: { signedIn: true },
    params: LessonRef,
    handler: async (c, { params }) => c.json({ progress: await Progress.markLessonDone({ personId: c.var.person!.id, ...params }) }),
  }),
);
