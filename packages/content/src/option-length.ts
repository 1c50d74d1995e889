import type { Course } from '@sansang/core/schema';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What a learner reads of a compiled fragment: tags dropped, entities decoded, spaces collapsed, NFC. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
export const textLength = (text: string) => [...text].length;

export type Choice = Extract<Course.Question, { type: 'single' | 'multiple' }>;

export type LengthProfile = {
  /** Options in the question. */
  options: number;
  /** Length of the keyed option and of the longest distractor. */
  key: number;
  longestDistractor: number;
  /** The key is strictly longer than every distractor. */
  keyUniquelyLongest: boolean;
  /** Chance that a learner who picks a longest option at random among ties picks the key. */
  longestPicksKey: number;
};

/**
 * How the keyed option compares in length with the distractors, for a question with exactly
 * one keyed option (null otherwise: with several keys no single option is "the key").
 */
export function lengthProfile(q: Choice): LengthProfile | null {
  const lengths = q.options.map((o) => ({ length: textLength(plainText(o.html)), correct: o.correct }));
  const keys = lengths.filter((o) => o.correct);
  const key = keys.length === 1 ? keys[0] : undefined;
  const distractors = lengths.filter((o) => !o.correct);
  if (!key || distractors.length === 0) return null;
  const longestDistractor = Math.max(...distractors.map((o) => o.length));
  const longest = Math.max(key.length, longestDistractor);
  const tied = lengths.filter((o) => o.length === longest).length;
  return {
    options: lengths.length,
    key: key.length,
    longestDistractor,
    keyUniquelyLongest: key.length > longestDistractor,
    longestPicksKey: key.length === longest ? 1 / tied : 0,
  };
}
