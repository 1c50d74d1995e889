import type { Course } from '@sansang/core/schema';
import type { Diagnostics, Position } from './diagnostic.ts';
import { lengthProfile, plainText, type Choice } from './option-length.ts';

/** Codes of the item-writing rules, documented in content/README.md. */
export const ITEM_WRITING_CODES = [
  'item.key_longest',
  'item.all_none_of_above',
  'item.duplicate_option',
  'item.near_duplicate_option',
  'item.negative_stem',
  'quiz.key_longest_rate',
  'quiz.true_false_balance',
  'quiz.pool_ratio',
] as const;

/** Where a question and each of its options were written in quiz.md. */
export type QuestionSource = { at: Position; optionsAt: Position[] };

/** Thresholds of the item-writing rules; content/README.md states the same numbers. */
export const LIMITS = {
  /** item.key_longest: the key at least this many times the longest distractor… */
  keyLongestRatio: 1.3,
  /** …and at least this many characters longer (so "C5" against "5" is not flagged). */
  keyLongestMinChars: 10,
  /** quiz.key_longest_rate: flagged above this multiple of the rate expected by chance… */
  keyLongestRateFactor: 2,
  /** …once the quiz has this many single-choice items. */
  keyLongestRateMinItems: 5,
  /** quiz.true_false_balance: one answer keyed on more than this share… */
  trueFalseMaxShare: 0.7,
  /** …of at least this many true/false items. */
  trueFalseMinItems: 4,
  /** quiz.pool_ratio: the pool should hold this many times the questions drawn. */
  poolPerDraw: 2.5,
  /** item.near_duplicate_option: at most this many letters apart… */
  nearDuplicateEdits: 2,
  /** …between options at least this long (short options legitimately differ by a character). */
  nearDuplicateMinChars: 20,
};

const percent = (x: number) => `${Math.round(x * 100)}%`;
/** Case, spacing and closing punctuation do not make two options different. */
const normalised = (text: string) =>
  text
    .toLocaleLowerCase('vi')
    .replace(/[.;,:!]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Levenshtein distance, giving up once it exceeds `max`. */
function editDistanceAtMost(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    if (Math.min(...row) > max) return max + 1;
    previous = row;
  }
  return previous[y.length]!;
}

const words = (text: string) => text.split(' ');
/** Sentences, not formulas, addresses or key names, whose every character may be what is tested. */
const prose = (text: string) => /^[\p{L}\p{N}\s.,;:!?()"'“”‘’/–-]+$/u.test(text) && words(text).length >= 4;
/** What is not a letter: digits and signs ("57-NQ/TW") carry meaning an option may test. */
const skeleton = (text: string) => text.replace(/[\p{L}\s]+/gu, '');

/**
 * Two sentences that say the same thing: the same words in another order, or a couple of
 * letters apart (a typo, a stray word ending) with the same digits and signs. Options that
 * differ in a number or a sign ("Nghị quyết 57-NQ/TW" and "52-NQ/TW"), and formulas or key
 * names, are deliberate parallel distractors and are left alone.
 */
function nearDuplicate(a: string, b: string): boolean {
  if (!prose(a) || !prose(b)) return false;
  if (words(a).sort().join(' ') === words(b).sort().join(' ')) return true;
  if (Math.min([...a].length, [...b].length) < LIMITS.nearDuplicateMinChars || skeleton(a) !== skeleton(b)) return false;
  return editDistanceAtMost(a, b, LIMITS.nearDuplicateEdits) <= LIMITS.nearDuplicateEdits;
}

/** "Tất cả các đáp án trên", "không có đáp án nào đúng", "cả A và B đều sai"… */
const ALL_OR_NONE = [
  /(?<!\p{L})tất cả (các )?(đáp án|phương án|câu trả lời|lựa chọn|ý)(?!\p{L})/u,
  /(?<!\p{L})tất cả đều (đúng|sai)(?!\p{L})/u,
  /^cả(?!\p{L}).{0,60}(?<!\p{L})đều (đúng|sai)(?!\p{L})/u,
  /(?<!\p{L})không (có )?(đáp án|phương án|câu trả lời|lựa chọn|ý) nào(?!\p{L})/u,
  /(?<!\p{L})(các )?(đáp án|phương án|ý) (ở )?trên(?!\p{L})/u,
];
/** Points at "the options above", which shuffling reorders. */
const ABOVE = /(?<!\p{L})trên(?!\p{L})/u;

/**
 * The stem asks for what is NOT so: a question word, then in the same clause a negation
 * ("Việc nào không nên làm?"), or "sai" as the quality asked ("Câu nào sai?"), or "trừ"
 * ("…, trừ:"). "…có được không?" asks yes or no and is not negative.
 */
const NEGATIVE_STEM = [
  /(?<!\p{L})(nào|gì|chọn)(?!\p{L})[^,.;:?!]*?(?<!\p{L})(?<neg>không|chẳng|chưa)(?!\p{L})(?!\s*[?.!]?\s*$)/iu,
  /(?<!\p{L})(nào|gì)(?!\p{L})[^,.;:?!]*?(?<!\p{L})(?<neg>sai|không đúng)(?!\p{L})\s*[?.!:]?\s*$/iu,
  /(?<!\p{L})(ngoại )?(?<neg>trừ)(?!\p{L})\s*[?.!:]?\s*$/iu,
];
const EMPHASIS = /<(strong|em)>([\s\S]*?)<\/\1>/g;

/** The negation a negative stem turns on, or null; and whether it is set in bold or capitals. */
function negativeStem(promptHtml: string): { word: string; emphasised: boolean } | null {
  const text = plainText(promptHtml);
  for (const rule of NEGATIVE_STEM) {
    const m = rule.exec(text);
    if (!m) continue;
    const word = m.groups!['neg']!;
    const emphasisedText = [...promptHtml.matchAll(EMPHASIS)].map((e) => plainText(e[2]!)).join(' ');
    const upper = word === word.toLocaleUpperCase('vi');
    const bold = new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(emphasisedText);
    return { word, emphasised: upper || bold };
  }
  return null;
}

/** Rules on one choice question: duplicates, "all/none of the above", a hidden negative stem, a key that stands out by length. */
function checkItem(q: Choice, source: QuestionSource, shuffle: boolean, diags: Diagnostics) {
  const texts = q.options.map((o) => plainText(o.html));
  const optionAt = (i: number) => source.optionsAt[i] ?? source.at;
  texts.forEach((text, i) => {
    const mine = normalised(text);
    for (let j = 0; j < i; j++) {
      const other = normalised(texts[j]!);
      if (mine === other) {
        diags.error(optionAt(i), 'item.duplicate_option', `Câu "${q.id}": phương án "${text}" trùng với phương án thứ ${j + 1}; học viên không thể phân biệt hai phương án này.`);
        return;
      }
      if (nearDuplicate(mine, other)) {
        diags.warn(optionAt(i), 'item.near_duplicate_option', `Câu "${q.id}": phương án "${text}" gần như trùng với phương án "${texts[j]}" (chỉ khác vài ký tự); hãy viết lại để hai phương án khác nhau rõ ràng.`);
        return;
      }
    }
    const lower = text.toLocaleLowerCase('vi');
    if (ALL_OR_NONE.some((r) => r.test(lower))) {
      const message = `Câu "${q.id}": phương án "${text}" kiểu "tất cả/không có đáp án nào" dễ bị đoán và ít đo được hiểu biết; hãy thay bằng một phương án nhiễu cụ thể.`;
      if (shuffle && ABOVE.test(lower)) diags.error(optionAt(i), 'item.all_none_of_above', `${message} Bài kiểm tra xáo trộn phương án nên "ở trên" không còn đúng chỗ.`);
      else diags.warn(optionAt(i), 'item.all_none_of_above', message);
    }
  });
  const negative = negativeStem(q.promptHtml);
  if (negative && !negative.emphasised) {
    diags.warn(source.at, 'item.negative_stem', `Câu "${q.id}" hỏi điều phủ định ("${negative.word}") mà không làm nổi bật; hãy viết **${negative.word}** hoặc ${negative.word.toLocaleUpperCase('vi')} để học viên không đọc sót.`);
  }
  if (q.type !== 'single') return;
  const profile = lengthProfile(q);
  if (profile && profile.key >= LIMITS.keyLongestRatio * profile.longestDistractor && profile.key - profile.longestDistractor >= LIMITS.keyLongestMinChars) {
    const keyAt = q.options.findIndex((o) => o.correct);
    diags.warn(optionAt(keyAt), 'item.key_longest',
      `Câu "${q.id}": đáp án đúng dài ${profile.key} ký tự, phương án nhiễu dài nhất chỉ ${profile.longestDistractor}; người chọn phương án dài nhất sẽ đúng mà không cần hiểu bài. Hãy cân độ dài các phương án.`);
  }
}

export type QuizLintInput = { questions: Course.Question[]; sources: QuestionSource[]; draw: Course.DrawRule[]; shuffle: boolean };

/**
 * The item-writing linter: flaws that let a learner answer without the knowledge a question
 * is meant to measure. Quiz-wide findings are reported at the top of quiz.md, the pool's at `draw`.
 */
export function checkItemWriting({ questions, sources, draw, shuffle }: QuizLintInput, where: { quiz: Position; draw: Position }, diags: Diagnostics) {
  const at = where.quiz;
  questions.forEach((q, i) => {
    if (q.type === 'single' || q.type === 'multiple') checkItem(q, sources[i] ?? { at, optionsAt: [] }, shuffle, diags);
  });

  const profiles = questions.flatMap((q) => (q.type === 'single' ? [lengthProfile(q)] : [])).filter((p) => p !== null);
  if (profiles.length >= LIMITS.keyLongestRateMinItems) {
    const observed = profiles.filter((p) => p.keyUniquelyLongest).length / profiles.length;
    const chance = profiles.reduce((s, p) => s + 1 / p.options, 0) / profiles.length;
    if (observed > LIMITS.keyLongestRateFactor * chance) {
      diags.warn(at, 'quiz.key_longest_rate',
        `Đáp án đúng là phương án dài nhất ở ${percent(observed)} số câu một lựa chọn (${profiles.filter((p) => p.keyUniquelyLongest).length}/${profiles.length}), trong khi ngẫu nhiên chỉ khoảng ${percent(chance)}; học viên có thể đạt điểm chỉ bằng cách chọn phương án dài nhất.`);
    }
  }

  const keys = questions.flatMap((q) => (q.type === 'truefalse' ? [q.answer] : []));
  if (keys.length >= LIMITS.trueFalseMinItems) {
    const falses = keys.filter((k) => !k).length;
    const share = Math.max(falses, keys.length - falses) / keys.length;
    if (share > LIMITS.trueFalseMaxShare) {
      diags.warn(at, 'quiz.true_false_balance',
        `${falses > keys.length - falses ? falses : keys.length - falses}/${keys.length} câu đúng/sai có đáp án "${falses * 2 > keys.length ? 'Sai' : 'Đúng'}" (${percent(share)}); người luôn chọn "${falses * 2 > keys.length ? 'Sai' : 'Đúng'}" sẽ đúng phần lớn. Hãy cân bằng số câu Đúng và Sai.`);
    }
  }

  // Without `draw` every attempt is the whole pool: a fixed test, chosen as such. A draw
  // larger than the pool is already an error (quiz.pool_too_small).
  const drawn = draw.reduce((s, r) => s + r.count, 0);
  if (drawn > 0 && drawn <= questions.length && questions.length < LIMITS.poolPerDraw * drawn) {
    diags.warn(where.draw, 'quiz.pool_ratio',
      `Ngân hàng có ${questions.length} câu cho ${drawn} câu mỗi lần làm (gấp ${(questions.length / drawn).toFixed(1).replace('.', ',')} lần); cần ít nhất ${Math.ceil(LIMITS.poolPerDraw * drawn)} câu (gấp 2,5 lần) để lần làm lại gặp phần lớn câu mới.`);
  }
}
