import type { Question, QuizBundle } from '../course/schema.ts';

/**
 * Whether a graded attempt shows keys and explanations. `n` counts from 0, so attempt `n`
 * is the last the quiz allows when `n + 1` reaches its `attempts` limit; without a limit
 * there is no last attempt, and 'after-pass-or-last' shows them after a pass only.
 */
export function discloses(quiz: Pick<QuizBundle, 'explanations' | 'attempts'>, attempt: { n: number; passed: boolean }): boolean {
  switch (quiz.explanations) {
    case 'after-submit':
      return true;
    case 'after-pass':
      return attempt.passed;
    case 'after-pass-or-last':
      return attempt.passed || (quiz.attempts !== null && attempt.n + 1 >= quiz.attempts);
    case 'never':
      return false;
  }
}

/**
 * A question's key in the form answers take (attempt answers, see quiz/answer.ts): the right
 * option ids, `true`/`false`, every accepted text, the value, item ids in order, or
 * `left=right` pairs.
 */
export function keyOf(q: Question): string[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.options.filter((o) => o.correct).map((o) => o.id);
    case 'truefalse':
      return [String(q.answer)];
    case 'short':
      return q.accepted;
    case 'numeric':
      return [String(q.value)];
    case 'ordering':
      return q.items.map((i) => i.id);
    case 'matching':
      return q.pairs.map((p) => `${p.id}=${p.rightId}`);
  }
}
