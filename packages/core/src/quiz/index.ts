import type { Question, QuizBundle } from '../course/schema.ts';
import { isCorrect, normaliseAnswer } from './answer.ts';
import { discloses, keyOf } from './disclosure.ts';
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

  /** A grade as stored with the attempt: which questions were right, nothing of the keys. */
  export type Graded = {
    score: number;
    passed: boolean;
    correct: number;
    total: number;
    questions: { id: string; correct: boolean }[];
  };

  /**
   * A grade as the learner sees it: each question's explanation and key (in the form answers
   * take) when the quiz's `explanations` setting allows them for this attempt, null otherwise.
   */
  export type Result = Omit<Graded, 'questions'> & {
    questions: { id: string; correct: boolean; explanationHtml: string | null; key: string[] | null }[];
  };

  /** Grades the questions `ids` of an attempt; answers to anything else are ignored, a missing answer is wrong. */
  export function grade(quiz: QuizBundle, ids: string[], answers: Answers): Graded {
    const drawn = new Set(ids);
    const graded = quiz.questions.filter((q) => drawn.has(q.id)).map((q) => ({ id: q.id, correct: isCorrect(q, answers[q.id] ?? []) }));
    const correct = graded.filter((g) => g.correct).length;
    const total = graded.length;
    const score = total === 0 ? 0 : Math.round((correct / total) * 1000) / 10;
    return { score, passed: score >= quiz.passMark, correct, total, questions: graded };
  }

  /**
   * Grade `graded` of attempt `n` as its learner may see it. Decided when shown, not when
   * graded, so a grade stored under an earlier policy (with explanations in it) follows today's.
   */
  export function shown(quiz: QuizBundle, graded: Graded, n: number): Result {
    const open = discloses(quiz, { n, passed: graded.passed });
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const { score, passed, correct, total } = graded;
    return {
      score,
      passed,
      correct,
      total,
      questions: graded.questions.map(({ id, correct }) => {
        const q = open ? byId.get(id) : undefined;
        return { id, correct, explanationHtml: q?.explanationHtml ?? null, key: q ? keyOf(q) : null };
      }),
    };
  }
}
