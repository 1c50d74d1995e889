import { beforeAll, describe, expect, it } from 'vitest';
import { Course, Progress, VisibleError } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { allRight, bundle, smallProvince } from '../../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;

describe('learner progress', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
  });

  it('completes a course only when every lesson is done and the quiz is passed', async () => {
    const personId = tree.people[0]!.id;
    const failed = await takeQuiz(personId, 'khoa-mau', { q1: ['a'] });
    expect(failed.result).toMatchObject({ score: 0, passed: false, correct: 0, total: 2 });
    await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-mot' });
    const passed = await takeQuiz(personId, 'khoa-mau', allRight);
    expect(passed.result.passed).toBe(true);
    expect(passed.progress).toMatchObject({ quizPassed: true, bestScore: 100, completed: false, lessonsDone: ['bai-mot'] });
    const done = await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId: 'bai-hai' });
    expect(done.completed).toBe(true);
    expect(Date.parse(done.completedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('grades a multiple-choice question right only with exactly the correct options', async () => {
    const personId = tree.people[1]!.id;
    const half = await takeQuiz(personId, 'khoa-mau', { q1: ['b'], q2: ['a'] });
    expect(half.result.score).toBe(50);
    expect(half.result.questions).toEqual([
      { id: 'q1', correct: true, explanationHtml: '<p>Bằng hai.</p>', key: ['b'] },
      { id: 'q2', correct: false, explanationHtml: null, key: ['a', 'c'] },
    ]);
    const extra = await takeQuiz(personId, 'khoa-mau', { q1: ['b'], q2: ['a', 'b', 'c'] });
    expect(extra.result.correct).toBe(1);
    // The best score is kept when a later attempt is worse.
    expect(extra.progress.bestScore).toBe(50);
  });

  it('rejects a lesson the course does not have with a clear code', async () => {
    await expect(Progress.markLessonDone({ personId: tree.people[0]!.id, slug: 'khoa-mau', lessonId: 'khong-co' })).rejects.toMatchObject({
      code: 'course.lesson_not_found',
      kind: 'not_found',
    });
    await expect(Progress.courseFor(tree.people[0]!.id, 'khong-co-khoa')).rejects.toBeInstanceOf(VisibleError);
  });

  it('keeps a learner on the version they started while new learners get the new one', async () => {
    const started = tree.people[2]!.id;
    const fresh = tree.people[4]!.id;
    await Progress.markLessonDone({ personId: started, slug: 'khoa-mau', lessonId: 'bai-mot' });
    const v2 = bundle({ version: 2, hash: 'h2', lessons: [...bundle().lessons, { id: 'bai-ba', title: 'Bài ba', html: '<p>Ba</p>' }] });
    expect(await Course.publish(v2)).toBe('published');
    expect((await Progress.courseFor(started, 'khoa-mau')).bundle.version).toBe(1);
    expect((await Progress.courseFor(fresh, 'khoa-mau')).bundle.lessons).toHaveLength(3);
    expect((await Course.list()).find((c) => c.slug === 'khoa-mau')?.version).toBe(2);
  });

  it('refuses to republish a version with different content', async () => {
    expect(await Course.publish(bundle())).toBe('unchanged');
    await expect(Course.publish(bundle({ hash: 'changed' }))).rejects.toMatchObject({ code: 'course.version_exists' });
  });
});
