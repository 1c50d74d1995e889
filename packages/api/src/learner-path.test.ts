import { beforeAll, describe, expect, it } from 'vitest';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';
import { account, allRight, smallProvince } from '../../../test/support/fixtures.ts';

const WRITE = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
const lessons = [
  { id: 'bai-mot', title: 'Bài một' },
  { id: 'bai-hai', title: 'Bài hai' },
];

/** The learner's requests, signed in as `email`. */
async function as(email: string) {
  const cookie = await sessionCookie(email);
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const post = async (path: string, body: unknown = {}) => {
    const res = await app.request(path, { method: 'POST', headers: { ...WRITE, cookie }, body: JSON.stringify(body) });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const attempt = async (answers: Record<string, string[]>) => {
    const { attempt } = await post('/api/courses/khoa-mau/attempts');
    return post(`/api/courses/khoa-mau/attempts/${attempt.n}/submit`, { answers });
  };
  return { get, post, attempt };
}

describe("the learner's path: what remains after a quiz passed early, earlier scores, when the quiz opens again", () => {
  beforeAll(async () => {
    await useFreshTable();
    const tree = await smallProvince(1);
    await account('som@test.vn', tree.people[0]!.id);
    await account('truot@test.vn', tree.people[1]!.id);
  });

  it('tells the course page and the quiz page alike which lessons still stand between a passed quiz and the completion', async () => {
    const learner = await as('som@test.vn');
    const before = await learner.get('/api/courses/khoa-mau');
    expect(before.course.remaining).toEqual({ lessons, quiz: true });
    expect(before.standing).toMatchObject({ attemptsLeftToday: 3, retryAt: null, earlier: [] });
    expect(before.course.quiz).toMatchObject({ attemptsPerDay: 3, waitAfterFailures: { failures: 3, hours: 24 } });

    const submitted = await learner.attempt(allRight);
    expect(submitted.result.passed).toBe(true);
    expect(submitted.progress).toMatchObject({ quizPassed: true, completed: false });

    const quiz = await learner.get('/api/courses/khoa-mau/quiz');
    expect(quiz.course).toEqual({ title: 'Khoá mẫu' });
    expect(quiz.remaining).toEqual({ lessons, quiz: false });
    expect(quiz.earlier).toEqual([{ n: 0, score: 100, passed: true, submittedAt: expect.any(String) }]);
    const course = await learner.get('/api/courses/khoa-mau');
    expect(course.course.remaining).toEqual(quiz.remaining);

    await learner.post('/api/courses/khoa-mau/lessons/bai-hai/complete');
    expect((await learner.get('/api/courses/khoa-mau')).course.remaining).toEqual({ lessons: [lessons[0]], quiz: false });
    const { progress } = await learner.post('/api/courses/khoa-mau/lessons/bai-mot/complete');
    expect(progress.completed).toBe(true);
    expect((await learner.get('/api/courses/khoa-mau/quiz')).remaining).toEqual({ lessons: [], quiz: false });
  });

  it('carries the earlier scores and, after three failures, the time the quiz opens again to both pages', async () => {
    const learner = await as('truot@test.vn');
    for (const answers of [{}, { q1: ['a'] }, { q2: ['a'] }] as Record<string, string[]>[]) await learner.attempt(answers);
    const quiz = await learner.get('/api/courses/khoa-mau/quiz');
    expect(quiz.earlier.map((a: { n: number; score: number; passed: boolean }) => [a.n, a.score, a.passed])).toEqual([
      [2, 0, false],
      [1, 0, false],
      [0, 0, false],
    ]);
    // Three failures in a row: the 24-hour wait outlasts today's limit, so it is the reason given.
    expect(quiz.retryReason).toBe('wait');
    const lastSubmitted = Date.parse(quiz.earlier[0].submittedAt);
    expect(Date.parse(quiz.retryAt) - lastSubmitted).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(Date.parse(quiz.retryAt) - lastSubmitted).toBeLessThan(24 * 3_600_000 + 60_000);

    const { standing } = await learner.get('/api/courses/khoa-mau');
    expect(standing).toEqual({
      attemptsUsed: 3,
      attemptsLeft: null,
      attemptsLeftToday: 0,
      retryAt: quiz.retryAt,
      retryReason: 'wait',
      earlier: quiz.earlier,
    });
  });
});
