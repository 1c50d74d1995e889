import type { Question, QuizBundle } from '../course/schema.ts';
import { isCorrect, normaliseAnswer } from './answer.ts';
import { drawQuestions, seededRandom, shuffled } from './draw.ts';
import { quizStatistics, type QuizStatistics } from './statistics.ts';
import * as schema from './schema.ts';

export namespace Quiz {
  export const Answer = schema.Answer;
  export const Answers = schema.Answers;
  export type Answers = schema.Answers;

  export const draw = drawQuestions;
  export const normalise = normaliseAnswer;
  export const readNumber = schema.readNumber;
  export const statistics = quizStatistics;
  export type Statistics = QuizStatistics;

  /** One question as the browser may see it before grading: nothing tells the right answer. */
  function present(q: Question, random: () => number, shuffle: boolean) {
    const base = { id: q.id, type: q.type, promptHtml: q.promptHtml };
    const mix = <T>(items: T[]) => (shuffle ? shuffled(items, random) : items);
    switch (q.type) {
      case 'single':
      case 'multiple':
        return { ...base, options: mix(q.options.map((o) => ({ id: o.id, html: o.html }))) };
      case 'truefalse':
      case 'short':
      case 'numeric':
        return base;
      case 'ordering':
        // Always shown out of order, or the answer would be on screen.
        return { ...base, items: shuffledAway(q.items, random) };
      case 'matching':
        return {
          ...base,
          left: q.pairs.map((p) => ({ id: p.id, html: p.leftHtml })),
          right: shuffledAway(
            q.pairs.map((p) => ({ id: p.rightId, html: p.rightHtml })),
            random,
          ),
        };
    }
  }

  /** A shuffle that is never the identity for 2+ items. */
  function shuffledAway<T extends { id: string }>(items: T[], random: () => number): T[] {
    if (items.length < 2) return items;
    let out = shuffled(items, random);
    while (out.every((item, i) => item.id === items[i]!.id)) out = shuffled(items, random);
    return out;
  }

  export type LearnerQuestion = ReturnType<typeof present>;

  /** The questions `ids` of one attempt, without answers; options shuffled by `seed`. */
  export function forLearner(quiz: QuizBundle, ids: string[], seed: string) {
    const random = seededRandom(`${seed}:options`);
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      title: quiz.title,
      passMark: quiz.passMark,
      timeLimitMinutes: quiz.timeLimitMinutes,
      attempts: quiz.attempts,
      questions: ids.map((id) => present(byId.get(id)!, random, quiz.shuffle)),
    };
  }

  export type Result = {
    score: number;
    passed: boolean;
    correct: number;
    total: number;
    questions: { id: string; correct: boolean; explanationHtml: string | null }[];
  };

  /** Grades the questions `ids` of an attempt; answers to anything else are ignored, a missing answer is wrong. */
  export function grade(quiz: QuizBundle, ids: string[], answers: Answers): Result {
    const drawn = new Set(ids);
    const graded = quiz.questions.filter((q) => drawn.has(q.id)).map((q) => ({ q, correct: isCorrect(q, answers[q.id] ?? []) }));
    const correct = graded.filter((g) => g.correct).length;
    const total = graded.length;
    const score = total === 0 ? 0 : Math.round((correct / total) * 1000) / 10;
    const passed = score >= quiz.passMark;
    const explain = quiz.explanations === 'after-submit' || (quiz.explanations === 'after-pass' && passed);
    return {
      score,
      passed,
      correct,
      total,
      questions: graded.map(({ q, correct }) => ({ id: q.id, correct, explanationHtml: explain ? q.explanationHtml : null })),
    };
  }
}
