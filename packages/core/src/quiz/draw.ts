import { createHash } from 'node:crypto';
import type { QuizBundle } from '../course/schema.ts';

/** A deterministic generator from a seed string: the same attempt always draws the same questions. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The question ids of one attempt: each draw rule in order takes `count` questions not yet
 * drawn that match its tag and difficulty; without rules the whole pool. The checker makes
 * sure the pool is large enough, so a short draw here means a pool changed under a rule.
 */
export function drawQuestions(quiz: QuizBundle, seed: string): string[] {
  const random = seededRandom(seed);
  if (quiz.draw.length === 0) {
    const ids = quiz.questions.map((q) => q.id);
    return quiz.shuffle ? shuffled(ids, random) : ids;
  }
  const taken = new Set<string>();
  for (const rule of quiz.draw) {
    const candidates = quiz.questions.filter(
      (q) => !taken.has(q.id) && (rule.tag === undefined || q.tags.includes(rule.tag)) && (rule.difficulty === undefined || q.difficulty === rule.difficulty),
    );
    for (const q of shuffled(candidates, random).slice(0, rule.count)) taken.add(q.id);
  }
  const inPoolOrder = quiz.questions.map((q) => q.id).filter((id) => taken.has(id));
  return quiz.shuffle ? shuffled(inPoolOrder, random) : inPoolOrder;
}
