import type { Question } from '../course/schema.ts';

/**
 * Compares typed answers the way a Vietnamese reader would: NFC, case, runs of spaces and a
 * final full stop do not matter; with `ignoreAccents`, neither do diacritics (đ = d).
 */
export function normaliseAnswer(text: string, ignoreAccents: boolean): string {
  let out = text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[.!?…]+$/u, '')
    .trim();
  if (ignoreAccents) out = out.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').normalize('NFC');
  return out;
}

/** "1.234,5" or "1,5" or "1.5" → a number; null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!/^[-+]?(\d+([.,]\d+)*)$/.test(t)) return null;
  const lastSep = Math.max(t.lastIndexOf(','), t.lastIndexOf('.'));
  const separators = new Set(t.match(/[.,]/g) ?? []);
  const count = (t.match(/[.,]/g) ?? []).length;
  // "1.234.567" groups thousands; "1.234,5" groups and has a decimal part; "1,5" is a decimal.
  const normalised =
    count > 1 && separators.size === 1
      ? t.replace(/[.,]/g, '')
      : count > 1
        ? t.slice(0, lastSep).replace(/[.,]/g, '') + '.' + t.slice(lastSep + 1)
        : t.replace(',', '.');
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/**
 * Whether an answer scores. Answers are lists of strings: chosen option ids, `true`/`false`,
 * the typed text, item ids in order, or `left=right` pair ids.
 */
export function isCorrect(q: Question, given: readonly string[]): boolean {
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const chosen = new Set(given);
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      return chosen.size === right.length && right.every((id) => chosen.has(id));
    }
    case 'truefalse':
      return given.length === 1 && given[0] === String(q.answer);
    case 'short': {
      if (given.length !== 1) return false;
      const answer = normaliseAnswer(given[0]!, q.ignoreAccents);
      return answer !== '' && q.accepted.some((a) => normaliseAnswer(a, q.ignoreAccents) === answer);
    }
    case 'numeric': {
      const n = given.length === 1 ? parseNumber(given[0]!) : null;
      return n !== null && Math.abs(n - q.value) <= q.tolerance + 1e-9;
    }
    case 'ordering':
      return given.length === q.items.length && q.items.every((item, i) => given[i] === item.id);
    case 'matching': {
      const chosen = new Map(given.map((g) => g.split('=') as [string, string]));
      return chosen.size === q.pairs.length && q.pairs.every((p) => chosen.get(p.id) === p.rightId);
    }
  }
}
