import { describe, expect, it } from 'vitest';
import { Progress } from './index.ts';
import { bundle } from '../../../../test/support/fixtures.ts';

const lessons = [
  { id: 'bai-mot', title: 'Bài một' },
  { id: 'bai-hai', title: 'Bài hai' },
];

describe('Progress.remaining: what stands between a learner and the completion, by the course rule', () => {
  it('lists the lessons not yet learnt, in course order, even after the quiz is passed', () => {
    expect(Progress.remaining(bundle(), { lessonsDone: [], quizPassed: false })).toEqual({ lessons, quiz: true });
    expect(Progress.remaining(bundle(), { lessonsDone: [], quizPassed: true })).toEqual({ lessons, quiz: false });
    expect(Progress.remaining(bundle(), { lessonsDone: ['bai-hai'], quizPassed: true })).toEqual({ lessons: [lessons[0]], quiz: false });
    expect(Progress.remaining(bundle(), { lessonsDone: ['bai-mot', 'bai-hai'], quizPassed: true })).toEqual({ lessons: [], quiz: false });
  });

  it('asks no lessons of a course that does not require them, nor of a placement course once its quiz is passed', () => {
    expect(Progress.remaining(bundle({ completion: { lessons: 'none', quiz: 'pass' } }), { lessonsDone: [], quizPassed: false })).toEqual({
      lessons: [],
      quiz: true,
    });
    const placement = bundle({ placement: true });
    expect(Progress.remaining(placement, { lessonsDone: [], quizPassed: false })).toEqual({ lessons, quiz: true });
    expect(Progress.remaining(placement, { lessonsDone: [], quizPassed: true })).toEqual({ lessons: [], quiz: false });
  });

  it('asks no quiz of a course without one or whose rule does not require it', () => {
    expect(Progress.remaining(bundle({ quiz: null }), { lessonsDone: ['bai-mot'], quizPassed: false })).toEqual({ lessons: [lessons[1]], quiz: false });
    expect(Progress.remaining(bundle({ completion: { lessons: 'all', quiz: 'none' } }), { lessonsDone: [], quizPassed: false }).quiz).toBe(false);
  });
});
