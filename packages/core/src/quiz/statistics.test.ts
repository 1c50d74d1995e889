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

/**
 * Ten attempts scored 100, 90 … 10, so the top and bottom 27 % are the first and last three
 * (k = round(10 × 0.27) = 3). Per item, who got it right, best attempt first, and by hand:
 * share right p, discrimination D = (right among the top 3 − right among the bottom 3) / 3.
 */
const tenScores = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
const byHand: Record<string, string> = {
  backwards: 'FFFTTTTTTT', // p 0.7, D (0 − 3)/3 = −1: negative
  flat: 'TFTFTFTFTF', //      p 0.5, D (2 − 1)/3 = 0.333: fine
  weak: 'TFFTTFTFTF', //      p 0.5, D (1 − 1)/3 = 0: low discrimination
  nearlyAll: 'TTTTTTTTTF', // p 0.9, D (3 − 2)/3 = 0.333: not beyond 0.9, fine
  everyone: 'TTTTTTTTTT', //  p 1: too easy (D 0, but an extreme item is not also called weak)
  few: 'TFFFFFFFFF', //       p 0.1, D 0.333: too hard
};
const handData = tenScores.map((score, i) => ({
  score,
  questions: [
    ...Object.entries(byHand).map(([id, marks]) => ({ id, correct: marks[i] === 'T' })),
    // Drawn by nine attempts only, and as backwards as can be: too few to judge.
    ...(i < 9 ? [{ id: 'nine', correct: i >= 5 }] : []),
  ],
}));

describe('Quiz.statistics flags, checked by hand', () => {
  const found = Quiz.statistics([...Object.keys(byHand), 'nine'], handData);
  const row = (id: string) => found.items.find((x) => x.id === id)!;

  it('flags negative discrimination and extreme difficulty at the thresholds, and a weak item in between', () => {
    expect(row('backwards')).toEqual({ id: 'backwards', answered: 10, correctShare: 0.7, discrimination: -1, flags: ['negative_discrimination'] });
    expect(row('flat')).toEqual({ id: 'flat', answered: 10, correctShare: 0.5, discrimination: 0.333, flags: [] });
    expect(row('weak')).toEqual({ id: 'weak', answered: 10, correctShare: 0.5, discrimination: 0, flags: ['low_discrimination'] });
    expect(row('nearlyAll')).toEqual({ id: 'nearlyAll', answered: 10, correctShare: 0.9, discrimination: 0.333, flags: [] });
    expect(row('everyone')).toEqual({ id: 'everyone', answered: 10, correctShare: 1, discrimination: 0, flags: ['too_easy'] });
    expect(row('few')).toEqual({ id: 'few', answered: 10, correctShare: 0.1, discrimination: 0.333, flags: ['too_hard'] });
  });

  it('waits for enough attempts: nine answers get figures but no flag, and the threshold is reported', () => {
    expect(row('nine')).toMatchObject({ answered: 9, correctShare: 0.444, discrimination: -1, flags: [] });
    expect(found.minAnswersToFlag).toBe(10);
  });
});
