import * as v from 'valibot';

/** The compiled form of one course version, produced by packages/content from Markdown. */
const Html = v.string();
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'));

export const Option = v.object({ id: v.string(), html: Html, correct: v.boolean() });
export const Question = v.object({
  id: v.string(),
  type: v.picklist(['single', 'multiple']),
  promptHtml: Html,
  options: v.array(Option),
  explanationHtml: v.nullable(Html),
});
export const QuizBundle = v.object({
  title: v.string(),
  passMark: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
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
  completion: v.object({ lessons: v.literal('all'), quiz: v.picklist(['pass', 'none']) }),
  introHtml: Html,
  lessons: v.array(Lesson),
  quiz: v.nullable(QuizBundle),
  /** sha-256 of the compiled content: the same version may be republished only unchanged. */
  hash: v.string(),
});
export type Bundle = v.InferOutput<typeof Bundle>;
export type QuizBundle = v.InferOutput<typeof QuizBundle>;
export type Question = v.InferOutput<typeof Question>;
