import * as v from 'valibot';
import type { QuizBundle } from '../course/bundle.ts';

export namespace Quiz {
  /** Question id → chosen option ids. */
  export const Answers = v.record(v.pipe(v.string(), v.maxLength(100)), v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(50)));
  export type Answers = v.InferOutput<typeof Answers>;

  /** What the browser may see before grading: never which option is correct. */
  export function forLearner(quiz: QuizBundle) {
    return {
      title: quiz.title,
      passMark: quiz.passMark,
      questions: quiz.questions.map((q) => ({
        id: q.id,
        type: q.type,
        promptHtml: q.promptHtml,
        options: q.options.map((o) => ({ id: o.id, html: o.html })),
      })),
    };
  }

  export type Result = {
    score: number;
    passed: boolean;
    correct: number;
    total: number;
    questions: { id: string; correct: boolean; explanationHtml: string | null }[];
  };

  /** A question scores only when exactly the correct options are chosen; unknown ids count as wrong. */
  export function grade(quiz: QuizBundle, answers: Answers): Result {
    const questions = quiz.questions.map((q) => {
      const chosen = new Set(answers[q.id] ?? []);
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      const correct = chosen.size === right.length && right.every((id) => chosen.has(id));
      return { id: q.id, correct, explanationHtml: q.explanationHtml };
    });
    const correct = questions.filter((q) => q.correct).length;
    const total = questions.length;
    const score = total === 0 ? 0 : Math.round((correct / total) * 1000) / 10;
    return { score, passed: score >= quiz.passMark, correct, total, questions };
  }
}
