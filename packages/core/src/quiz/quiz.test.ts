import { describe, expect, it } from 'vitest';
import { Quiz } from '@sansang/core';
import { bundle } from '../../../../test/support/fixtures.ts';

describe('Quiz.forLearner', () => {
  it('sends prompts and options but nothing that tells which option is correct', () => {
    const quiz = Quiz.forLearner(bundle().quiz!);
    expect(quiz.questions[0]).toEqual({ id: 'q1', type: 'single', promptHtml: '<p>Một cộng một?</p>', options: [{ id: 'a', html: '1' }, { id: 'b', html: '2' }] });
    expect(JSON.stringify(quiz)).not.toMatch(/correct|explanation|Bằng hai/);
  });
});
