/** One graded attempt as statistics need it: its score and, per drawn question, right or wrong. */
export type GradedAttempt = { score: number; questions: { id: string; correct: boolean }[] };

export type Flag = 'too_easy' | 'too_hard' | 'negative_discrimination' | 'low_discrimination';

export type ItemStatistics = {
  id: string;
  answered: number;
  /** Share answered right, 0–1 (the item's difficulty index). */
  correctShare: number | null;
  /** Upper-lower index: share right among the top 27 % of attempts minus among the bottom 27 %. */
  discrimination: number | null;
  flags: Flag[];
};

export type QuizStatistics = {
  attempts: number;
  /** An item is flagged only once this many attempts drew it (MIN_ANSWERS_TO_FLAG), for the page to say so. */
  minAnswersToFlag: number;
  meanScore: number | null;
  /** Attempts per 10-point band: [0,10), [10,20) … [90,100]. */
  distribution: number[];
  items: ItemStatistics[];
};

/** Below this many answers an item gets figures but no flag: too few to judge. */
export const MIN_ANSWERS_TO_FLAG = 10;

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Classical item analysis over graded attempts. Each question is judged among the attempts
 * that drew it (pools are drawn), ranking those attempts by their total score: an item good
 * learners get wrong more often than weak ones is flagged, as are items nearly everyone or
 * nearly no one gets right.
 */
export function quizStatistics(questionIds: string[], attempts: GradedAttempt[]): QuizStatistics {
  const distribution = Array.from({ length: 10 }, () => 0);
  for (const a of attempts) distribution[Math.min(9, Math.floor(a.score / 10))]! += 1;
  const items = questionIds.map((id): ItemStatistics => {
    const drew = attempts
      .map((a) => ({ score: a.score, answer: a.questions.find((q) => q.id === id) }))
      .filter((x): x is { score: number; answer: { id: string; correct: boolean } } => x.answer !== undefined)
      .sort((x, y) => y.score - x.score);
    const n = drew.length;
    if (n === 0) return { id, answered: 0, correctShare: null, discrimination: null, flags: [] };
    const share = (group: typeof drew) => group.filter((x) => x.answer.correct).length / group.length;
    const p = share(drew);
    const k = Math.max(1, Math.round(n * 0.27));
    const d = n >= 2 ? share(drew.slice(0, k)) - share(drew.slice(n - k)) : null;
    const flags: Flag[] = [];
    if (n >= MIN_ANSWERS_TO_FLAG) {
      if (p > 0.9) flags.push('too_easy');
      if (p < 0.2) flags.push('too_hard');
      if (d !== null && d < 0) flags.push('negative_discrimination');
      else if (d !== null && d < 0.2 && p <= 0.9 && p >= 0.2) flags.push('low_discrimination');
    }
    return { id, answered: n, correctShare: round(p), discrimination: d === null ? null : round(d), flags };
  });
  const meanScore = attempts.length === 0 ? null : round(attempts.reduce((s, a) => s + a.score, 0) / attempts.length);
  return { attempts: attempts.length, minAnswersToFlag: MIN_ANSWERS_TO_FLAG, meanScore, distribution, items };
}
