import { describe, expect, it } from 'vitest';
import { Quiz } from '@sansang/core';

/**
 * 20 learners with scores 5, 10 … 100. `good` is right for the top half only, `inverted`
 * for the bottom half only, `easy` for everyone, `hard` for nobody; `rare` was drawn 3 times.
 */
const attempts = Array.from({ length: 20 }, (_, i) => {
  const score = (i + 1) * 5;
  const top = score > 50;
  return {
    score,
    questions: [
      { id: 'good', correct: top },
      { id: 'inverted', correct: !top },
      { id: 'easy', correct: true },
      { id: 'hard', correct: false },
      ...(i < 3 ? [{ id: 'rare', correct: true }] : []),
    ],
  };
});
const stats = Quiz.statistics(['good', 'inverted', 'easy', 'hard', 'rare', 'never'], attempts);
const item = (id: string) => stats.items.find((x) => x.id === id)!;

describe('Quiz.statistics', () => {
  it('gives each question its answers, share right and upper-lower discrimination', () => {
    expect(item('good')).toEqual({ id: 'good', answered: 20, correctShare: 0.5, discrimination: 1, flags: [] });
    expect(item('inverted')).toMatchObject({ correctShare: 0.5, discrimination: -1, flags: ['negative_discrimination'] });
    expect(item('easy')).toMatchObject({ correctShare: 1, discrimination: 0, flags: ['too_easy'] });
    expect(item('hard')).toMatchObject({ correctShare: 0, flags: ['too_hard'] });
  });

  it('does not flag a question answered too few times to judge, and reports an undrawn one as empty', () => {
    expect(item('rare')).toMatchObject({ answered: 3, flags: [] });
    expect(item('never')).toEqual({ id: 'never', answered: 0, correctShare: null, discrimination: null, flags: [] });
  });

  it('counts the score distribution in 10-point bands, 100 in the top band', () => {
    expect(stats.distribution).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2, 3]);
    expect(stats.distribution.reduce((s, n) => s + n, 0)).toBe(20);
    expect(stats).toMatchObject({ attempts: 20, meanScore: 52.5 });
  });
});
