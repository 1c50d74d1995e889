import { describe, expect, it } from 'vitest';
import { Quiz, type Course } from '@sansang/core';
import { bundle } from '../../../../test/support/fixtures.ts';
import { rightAnswers } from '../../../../test/support/quiz-answers.ts';

const common = { promptHtml: '<p>?</p>', explanationHtml: '<p>Vì thế.</p>', tags: [] as string[], difficulty: 'medium' as const };
const pool: Course.Question[] = [
  { ...common, id: 'tf', type: 'truefalse', answer: false, tags: ['a'] },
  { ...common, id: 'short', type: 'short', accepted: ['Cổng Dịch vụ công quốc gia'], ignoreAccents: false, tags: ['a'] },
  { ...common, id: 'loose', type: 'short', accepted: ['Đề án 06'], ignoreAccents: true, tags: ['b'], difficulty: 'hard' },
  { ...common, id: 'num', type: 'numeric', value: 12.5, tolerance: 0.5, tags: ['b'] },
  {
    ...common,
    id: 'order',
    type: 'ordering',
    items: [
      { id: 'x1', html: '1' },
      { id: 'x2', html: '2' },
      { id: 'x3', html: '3' },
    ],
    tags: ['b'],
  },
  {
    ...common,
    id: 'match',
    type: 'matching',
    tags: ['c'],
    pairs: [
      { id: 'l1', rightId: 'r9', leftHtml: 'Word', rightHtml: 'văn bản' },
      { id: 'l2', rightId: 'r7', leftHtml: 'Excel', rightHtml: 'bảng tính' },
      { id: 'l3', rightId: 'r8', leftHtml: 'PowerPoint', rightHtml: 'trình chiếu' },
    ],
  },
];
const quiz = (over: Partial<Course.QuizBundle> = {}): Course.QuizBundle => ({ ...bundle().quiz!, questions: pool, draw: [], shuffle: false, ...over });
const one = (id: string, answer: string[]) =>
  Quiz.grade(
    quiz(),
    pool.map((q) => q.id),
    { [id]: answer },
  ).questions.find((q) => q.id === id)!.correct;

describe('Quiz.forLearner', () => {
  it('sends prompts and choices but nothing that tells the right answer', () => {
    const view = Quiz.forLearner(bundle().quiz!, ['q1', 'q2'], 'seed');
    expect(view.questions[0]).toEqual({
      id: 'q1',
      type: 'single',
      promptHtml: '<p>Một cộng một?</p>',
      options: [
        { id: 'a', html: '1' },
        { id: 'b', html: '2' },
      ],
    });
    const all = JSON.stringify(
      Quiz.forLearner(
        quiz(),
        pool.map((q) => q.id),
        'seed',
      ),
    );
    expect(all).not.toMatch(/correct|explanation|accepted|answer|Cổng Dịch|12\.5|tolerance|rightId/);
  });

  it('never shows ordering items in their right order, nor matching sides lined up', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const view = Quiz.forLearner(
        quiz(),
        pool.map((q) => q.id),
        seed,
      ).questions;
      const order = view.find((q) => q.id === 'order') as { items: { id: string }[] };
      expect(order.items.map((i) => i.id)).not.toEqual(['x1', 'x2', 'x3']);
      const match = view.find((q) => q.id === 'match') as { right: { id: string }[] };
      expect(match.right.map((r) => r.id)).not.toEqual(['r9', 'r7', 'r8']);
    }
  });
});

describe('Quiz.draw', () => {
  it('draws the same questions for the same seed and different ones across attempts', () => {
    const q = quiz({ draw: [{ count: 3 }], shuffle: true });
    expect(Quiz.draw(q, 'p:1')).toEqual(Quiz.draw(q, 'p:1'));
    const draws = new Set(['p:1', 'p:2', 'p:3', 'p:4', 'p:5', 'p:6'].map((s) => Quiz.draw(q, s).join()));
    expect(draws.size).toBeGreaterThan(1);
    expect(Quiz.draw(q, 'p:1')).toHaveLength(3);
  });

  it('honours tag and difficulty rules in order without drawing a question twice', () => {
    const q = quiz({
      draw: [
        { count: 1, difficulty: 'hard' },
        { count: 2, tag: 'b' },
        { count: 1, tag: 'c' },
      ],
    });
    for (const seed of ['1', '2', '3', '4']) {
      const ids = Quiz.draw(q, seed);
      expect(new Set(ids).size).toBe(4);
      expect(ids).toContain('loose');
      expect(ids).toContain('match');
      expect(ids.filter((id) => ['num', 'order'].includes(id))).toHaveLength(2);
    }
  });

  it('grades only the drawn questions', () => {
    const q = quiz({ draw: [{ count: 2 }] });
    const result = Quiz.grade(q, Quiz.draw(q, 'x'), rightAnswers(q));
    expect(result).toMatchObject({ total: 2, correct: 2, score: 100, passed: true });
    expect(result.questions.map((r) => r.id)).toEqual(Quiz.draw(q, 'x'));
  });
});

describe('Quiz.grade per question type', () => {
  it('true/false', () => {
    expect(one('tf', ['false'])).toBe(true);
    expect(one('tf', ['true'])).toBe(false);
    expect(one('tf', [])).toBe(false);
  });

  it('short answers ignore case, spacing, NFC form and a final full stop, but not diacritics unless told', () => {
    expect(one('short', ['  cổng  dịch vụ CÔNG quốc gia. '])).toBe(true);
    expect(one('short', ['Cổng Dịch vụ công quốc gia'.normalize('NFD')])).toBe(true);
    expect(one('short', ['Cong Dich vu cong quoc gia'])).toBe(false);
    expect(one('short', [''])).toBe(false);
    expect(one('loose', ['de an 06'])).toBe(true);
    expect(one('loose', ['Đề án 6'])).toBe(false);
  });

  it('numbers within the tolerance, with a comma or a point as decimal mark', () => {
    for (const ok of ['12,5', '12.5', '13', '12']) expect(one('num', [ok]), ok).toBe(true);
    for (const no of ['13,1', '11,9', 'mười hai', '']) expect(one('num', [no]), no).toBe(false);
    expect(Quiz.readNumber('1.234,5')).toBe(1234.5);
    expect(Quiz.readNumber('1.234.567')).toBe(1234567);
  });

  it('ordering only in exactly the right order, matching only with every pair right', () => {
    expect(one('order', ['x1', 'x2', 'x3'])).toBe(true);
    expect(one('order', ['x2', 'x1', 'x3'])).toBe(false);
    expect(one('order', ['x1', 'x2'])).toBe(false);
    expect(one('match', ['l1=r9', 'l2=r7', 'l3=r8'])).toBe(true);
    expect(one('match', ['l1=r7', 'l2=r9', 'l3=r8'])).toBe(false);
    expect(one('match', ['l1=r9', 'l2=r7'])).toBe(false);
  });

  it('stores a grade without keys or explanations', () => {
    const graded = Quiz.grade(
      quiz(),
      pool.map((q) => q.id),
      rightAnswers(quiz()),
    );
    expect(JSON.stringify(graded)).not.toMatch(/explanation|key|Vì thế/);
  });

  it('shows keys and explanations as the quiz allows: after every attempt, after a pass, after a pass or the last attempt, or never', () => {
    const ids = pool.map((q) => q.id);
    const fail = (over: Partial<Course.QuizBundle>) => Quiz.grade(quiz(over), ids, { tf: ['false'] });
    const pass = (over: Partial<Course.QuizBundle>) => Quiz.grade(quiz(over), ids, rightAnswers(quiz()));
    const opens = (over: Partial<Course.QuizBundle>, graded: Quiz.Graded, n: number) => {
      const first = Quiz.shown(quiz(over), graded, n).questions[0]!;
      expect(first.explanationHtml === null).toBe(first.key === null);
      return first.key !== null;
    };
    const always = { explanations: 'after-submit' } as const;
    const afterPass = { explanations: 'after-pass', attempts: 2 } as const;
    const passOrLast = { explanations: 'after-pass-or-last', attempts: 2 } as const;
    const passOrLastUnlimited = { explanations: 'after-pass-or-last', attempts: null } as const;
    const never = { explanations: 'never' } as const;
    expect([opens(always, fail(always), 0), opens(always, pass(always), 0)]).toEqual([true, true]);
    expect([opens(afterPass, fail(afterPass), 0), opens(afterPass, fail(afterPass), 1), opens(afterPass, pass(afterPass), 0)]).toEqual([false, false, true]);
    expect([opens(passOrLast, fail(passOrLast), 0), opens(passOrLast, fail(passOrLast), 1), opens(passOrLast, pass(passOrLast), 0)]).toEqual([
      false,
      true,
      true,
    ]);
    expect([opens(passOrLastUnlimited, fail(passOrLastUnlimited), 9), opens(passOrLastUnlimited, pass(passOrLastUnlimited), 9)]).toEqual([false, true]);
    expect([opens(never, fail(never), 0), opens(never, pass(never), 0)]).toEqual([false, false]);
  });

  it('gives each type its key in the form answers take, with the explanation and the verdict', () => {
    const ids = pool.map((q) => q.id);
    const shown = Quiz.shown(quiz({ explanations: 'after-submit' }), Quiz.grade(quiz(), ids, { tf: ['false'] }), 0);
    expect(Object.fromEntries(shown.questions.map((q) => [q.id, q.key]))).toEqual({
      tf: ['false'],
      short: ['Cổng Dịch vụ công quốc gia'],
      loose: ['Đề án 06'],
      num: ['12.5'],
      order: ['x1', 'x2', 'x3'],
      match: ['l1=r9', 'l2=r7', 'l3=r8'],
    });
    expect(shown.questions[0]).toEqual({ id: 'tf', correct: true, explanationHtml: '<p>Vì thế.</p>', key: ['false'] });
    expect(shown.questions[1]).toMatchObject({ id: 'short', correct: false });
    // Every key is an answer the grader accepts.
    for (const q of shown.questions) expect(one(q.id, q.key!)).toBe(true);
  });

  it("follows today's policy for a grade stored with explanations under an earlier one", () => {
    const ids = pool.map((q) => q.id);
    const old = Quiz.grade(quiz(), ids, {});
    const stored = { ...old, questions: old.questions.map((q) => ({ ...q, explanationHtml: '<p>Cũ.</p>' })) };
    expect(Quiz.shown(quiz({ explanations: 'never' }), stored, 0).questions[0]).toEqual({ id: 'tf', correct: false, explanationHtml: null, key: null });
  });
});
