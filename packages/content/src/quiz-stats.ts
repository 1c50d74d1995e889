import type { Course } from '@sansang/core/schema';
import { lengthProfile, type Choice } from './option-length.ts';

export type QuizStats = {
  slug: string;
  title: string;
  /** Questions in the pool, and drawn per attempt (the pool when `draw` is empty). */
  items: number;
  drawn: number;
  /** Single-choice questions, and those whose key is strictly the longest option. */
  single: number;
  keyLongest: number;
  /** Expected score (0–1) of a learner who answers by length alone (see content/README.md). */
  lengthAloneScore: number;
  passMark: number;
  lengthAlonePasses: boolean;
};

/**
 * What a learner who never read the lessons scores by always choosing the longest option
 * (ties split evenly; on a multiple-choice question ticking only the longest option) and
 * answering "Sai" to every true/false statement; other types score nothing.
 */
export function lengthAloneScore(q: Course.Question): number {
  if (q.type === 'truefalse') return q.answer ? 0 : 1;
  if (q.type === 'single' || q.type === 'multiple') return lengthProfile(q)?.longestPicksKey ?? 0;
  return 0;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/** One line of `content stats`. Each draw rule weighs the questions it may take by its count. */
export function quizStats(bundle: Course.Bundle): QuizStats | null {
  const quiz = bundle.quiz;
  if (!quiz) return null;
  const { questions, draw } = quiz;
  const rules = draw.length > 0 ? draw : [{ count: questions.length }];
  const drawn = rules.reduce((s, r) => s + r.count, 0);
  const eligible = (r: Course.DrawRule) =>
    questions.filter((q) => (r.tag === undefined || q.tags.includes(r.tag)) && (r.difficulty === undefined || q.difficulty === r.difficulty));
  const score = drawn === 0 ? 0 : rules.reduce((s, r) => s + r.count * mean(eligible(r).map(lengthAloneScore)), 0) / drawn;
  const singles = questions.filter((q): q is Choice => q.type === 'single');
  return {
    slug: bundle.slug,
    title: bundle.title,
    items: questions.length,
    drawn,
    single: singles.length,
    keyLongest: singles.filter((q) => lengthProfile(q)?.keyUniquelyLongest).length,
    lengthAloneScore: score,
    passMark: quiz.passMark,
    lengthAlonePasses: score * 100 >= quiz.passMark,
  };
}
