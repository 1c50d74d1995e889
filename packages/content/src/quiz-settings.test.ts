import { describe, expect, it } from 'vitest';
import type { Course } from '@sansang/core/schema';
import { Diagnostics } from './diagnostic.ts';
import { checkDraw } from './quiz-settings.ts';

const q = (id: string, tags: string[], difficulty: Course.Question['difficulty'] = 'medium'): Course.Question =>
  ({ id, type: 'truefalse', answer: true, promptHtml: '', explanationHtml: null, tags, difficulty });
const pool = [q('a1', ['a']), q('a2', ['a']), q('a3', ['a'], 'hard'), q('b1', ['b']), q('b2', ['b'], 'hard'), q('c1', ['c'])];
const check = (rules: Course.DrawRule[]) => {
  const d = new Diagnostics('quiz.md');
  checkDraw(rules, pool, { line: 4, col: 1 }, d);
  return d.list.map((x) => x.message);
};

describe('checkDraw', () => {
  it('accepts disjoint tag rules that each fit, then a general rule for the rest', () => {
    expect(check([{ count: 3, tag: 'a' }, { count: 2, tag: 'b' }, { count: 1 }])).toEqual([]);
  });

  it('flags a narrow rule that an earlier general rule may have emptied', () => {
    const found = check([{ count: 4 }, { count: 2, tag: 'b' }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Quy tắc rút 2 câu (tag "b") có thể chỉ còn 0 câu');
  });

  it('counts overlap between tag and difficulty rules', () => {
    expect(check([{ count: 2, difficulty: 'hard' }, { count: 3, tag: 'a' }])).toHaveLength(1);
    expect(check([{ count: 1, difficulty: 'hard' }, { count: 2, tag: 'a' }])).toEqual([]);
  });

  it('flags a draw larger than the pool', () => {
    expect(check([{ count: 7 }])[0]).toBe('draw cần 7 câu mỗi lần làm bài nhưng ngân hàng chỉ có 6 câu.');
  });
});
