import * as v from 'valibot';

/**
 * The compiled form of one course version, produced by packages/content from Markdown.
 * Fields added after the first release carry defaults, so versions stored before them
 * still read (a published version is never rewritten).
 */
const Html = v.string();
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'));

export const Difficulty = v.picklist(['easy', 'medium', 'hard']);
const Common = {
  id: v.string(),
  promptHtml: Html,
  explanationHtml: v.nullable(Html),
  tags: v.optional(v.array(v.string()), []),
  difficulty: v.optional(Difficulty, 'medium'),
};
export const Option = v.object({ id: v.string(), html: Html, correct: v.boolean() });
export const Question = v.variant('type', [
  v.object({ ...Common, type: v.picklist(['single', 'multiple']), options: v.array(Option) }),
  v.object({ ...Common, type: v.literal('truefalse'), answer: v.boolean() }),
  /** Accepted answers as written; compared after normalisation (see quiz/answer.ts). */
  v.object({ ...Common, type: v.literal('short'), accepted: v.array(v.string()), ignoreAccents: v.boolean() }),
  v.object({ ...Common, type: v.literal('numeric'), value: v.number(), tolerance: v.number() }),
  /** Items in the correct order, with opaque ids. */
  v.object({ ...Common, type: v.literal('ordering'), items: v.array(v.object({ id: v.string(), html: Html })) }),
  /** Left and right carry unrelated opaque ids, so the ids a learner sees do not give the pairs away. */
  v.object({ ...Common, type: v.literal('matching'), pairs: v.array(v.object({ id: v.string(), rightId: v.string(), leftHtml: Html, rightHtml: Html })) }),
]);
export const explanationPolicies = ['after-submit', 'after-pass', 'after-pass-or-last', 'never'] as const;
export type ExplanationPolicy = (typeof explanationPolicies)[number];
export const WaitAfterFailures = v.object({
  failures: v.pipe(v.number(), v.integer(), v.minValue(1)),
  hours: v.pipe(v.number(), v.minValue(0), v.maxValue(24 * 30)),
});
export type WaitAfterFailures = v.InferOutput<typeof WaitAfterFailures>;
/**
 * A quiz's attempt policy when it says nothing (issue 19): three attempts a day, a day's wait
 * after three failures in a row, and keys only once they can no longer help on a retake.
 * Stored versions compiled before these fields existed get them too.
 */
export const DEFAULT_ATTEMPTS_PER_DAY = 3;
export const DEFAULT_WAIT_AFTER_FAILURES: WaitAfterFailures = { failures: 3, hours: 24 };
export const DEFAULT_EXPLANATIONS: ExplanationPolicy = 'after-pass-or-last';
export const DrawRule = v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(1)), tag: v.optional(v.string()), difficulty: v.optional(Difficulty) });
export const QuizBundle = v.object({
  title: v.string(),
  passMark: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  timeLimitMinutes: v.optional(v.nullable(v.number()), null),
  /** Attempts allowed; null = unlimited. */
  attempts: v.optional(v.nullable(v.number()), null),
  /** Attempts a learner may start per Vietnam calendar day; null = no daily limit. */
  attemptsPerDay: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))), DEFAULT_ATTEMPTS_PER_DAY),
  /** After `failures` failed attempts in a row, the next may start `hours` after the last one; null = no wait. */
  waitAfterFailures: v.optional(v.nullable(WaitAfterFailures), DEFAULT_WAIT_AFTER_FAILURES),
  /** Empty = the whole pool. */
  draw: v.optional(v.array(DrawRule), []),
  shuffle: v.optional(v.boolean(), false),
  /**
   * When a graded attempt shows each question's key and explanation: after every attempt,
   * after a passing one, after a passing one or the last the `attempts` limit allows, or never.
   */
  explanations: v.optional(v.picklist(explanationPolicies), DEFAULT_EXPLANATIONS),
  questions: v.array(Question),
});
export const Lesson = v.object({ id: Slug, title: v.string(), html: Html });
export const Bundle = v.object({
  slug: Slug,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.string(),
  summary: v.string(),
  level: v.string(),
  estimatedMinutes: v.number(),
  audience: v.array(v.string()),
  tags: v.array(v.string()),
  prerequisites: v.array(v.string()),
  references: v.array(v.string()),
  completion: v.object({ lessons: v.picklist(['all', 'none']), quiz: v.picklist(['pass', 'none']) }),
  /** A learner may pass the quiz first and be credited without the lessons. */
  placement: v.optional(v.boolean(), false),
  /** Completions of earlier versions lapse on `retakeBy` unless retaken on this one (absent on most versions). */
  requiresRetake: v.optional(v.boolean()),
  retakeBy: v.optional(v.pipe(v.string(), v.isoDate())),
  introHtml: Html,
  lessons: v.array(Lesson),
  quiz: v.nullable(QuizBundle),
  /** Files beside the Markdown (images, attachments), by path relative to the course folder. */
  media: v.optional(v.array(v.object({ path: v.string(), sha256: v.string(), bytes: v.number() })), []),
  /**
   * The unit whose own course this is (a province's, a ministry's): learners of its subtree see
   * it beside the installation's, nobody else does. Null: the installation's (every version stored before owners existed).
   */
  unitId: v.optional(v.nullable(v.string()), null),
  /** sha-256 of the compiled content: the same version may be republished only unchanged. */
  hash: v.string(),
});
export type Bundle = v.InferOutput<typeof Bundle>;
export type BundleInput = v.InferInput<typeof Bundle>;
export type QuizBundle = v.InferOutput<typeof QuizBundle>;
export type Question = v.InferOutput<typeof Question>;
export type DrawRule = v.InferOutput<typeof DrawRule>;

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
/**
 * File types a course may carry. HTML, which could run script in the site's origin, is not one;
 * SVG is, because `content check` refuses any SVG with script, handlers or outside references.
 */
export const mediaTypes = Object.keys(MEDIA_TYPES);

export const mediaContentType = (path: string): string => MEDIA_TYPES[path.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
