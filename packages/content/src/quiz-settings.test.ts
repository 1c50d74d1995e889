import { describe, expect, it } from 'vitest';
import type { Course } from '@sansang/core/schema';
import { Diagnostics } from './diagnostic.ts';
import { readFrontMatter } from './front-matter.ts';
import { checkDraw, QuizFront } from './quiz-settings.ts';

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

const front = (yaml: string) => {
  const d = new Diagnostics('quiz.md');
  const { data } = readFrontMatter(`---\ntitle: Kiểm tra\npassMark: 70\n${yaml}---\n`, QuizFront, d);
  return { data, messages: d.list.map((x) => `${x.line}:${x.col} ${x.message}`) };
};

describe('quiz attempt settings', () => {
  it('default to 3 attempts a day, a 24-hour wait after 3 failures in a row, and keys after a pass or the last attempt', () => {
    expect(front('').data).toMatchObject({
      attempts: null,
      attemptsPerDay: 3,
      waitAfterFailures: { failures: 3, hours: 24 },
      explanations: 'after-pass-or-last',
    });
  });

  it('take explicit values, null for no daily limit or no wait, and every earlier explanations setting', () => {
    expect(front('attemptsPerDay: 5\nwaitAfterFailures:\n  failures: 2\n  hours: 12\nexplanations: after-submit\n').data).toMatchObject({
      attemptsPerDay: 5,
      waitAfterFailures: { failures: 2, hours: 12 },
      explanations: 'after-submit',
    });
    expect(front('attemptsPerDay: null\nwaitAfterFailures: null\nexplanations: never\n').data).toMatchObject({
      attemptsPerDay: null,
      waitAfterFailures: null,
      explanations: 'never',
    });
    for (const policy of ['after-pass', 'after-pass-or-last']) expect(front(`explanations: ${policy}\n`).data?.explanations).toBe(policy);
  });

  it('name the line and what is wrong with a bad value', () => {
    expect(front('attemptsPerDay: 0\n').messages.join()).toMatch(/^4:\d+ .*attemptsPerDay.*phải từ 1 trở lên/);
    expect(front('waitAfterFailures: 3\n').messages.join()).toContain('có dạng { failures: 3, hours: 24 }');
    expect(front('waitAfterFailures:\n  failures: 3\n  days: 1\n').messages).not.toEqual([]);
    expect(front('explanations: after-fail\n').messages.join()).toContain('chỉ nhận after-submit, after-pass, after-pass-or-last, never');
  });
});
