import * as v from 'valibot';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Course } from '@sansang/core';
import { Diagnostics, type Diagnostic } from './diagnostic.ts';
import { readFrontMatter } from './front-matter.ts';
import { renderMarkdown } from './markdown.ts';
import { parseQuestions } from './quiz.ts';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'không được để trống'));
const List = v.optional(v.array(v.string()), []);

const CourseFront = v.object({
  title: Text,
  summary: Text,
  version: v.pipe(v.number('phải là số nguyên'), v.integer('phải là số nguyên'), v.minValue(1, 'phải từ 1 trở lên')),
  level: v.optional(v.string(), 'co-ban'),
  estimatedMinutes: v.pipe(v.number('phải là số phút'), v.minValue(1, 'phải lớn hơn 0')),
  audience: List,
  tags: List,
  prerequisites: List,
  references: List,
  completion: v.optional(
    v.object({ lessons: v.optional(v.literal('all'), 'all'), quiz: v.optional(v.picklist(['pass', 'none']), 'pass') }),
    { lessons: 'all', quiz: 'pass' },
  ),
});
const LessonFront = v.object({ title: Text });
const QuizFront = v.object({
  title: Text,
  passMark: v.pipe(v.number('phải là số'), v.minValue(0, 'phải từ 0 đến 100'), v.maxValue(100, 'phải từ 0 đến 100')),
});

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads a file as UTF-8, reporting bytes that are not and text that is not NFC. */
export async function readText(path: string, diags: Diagnostics): Promise<string | null> {
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    diags.error({ line: 1, col: 1 }, 'file.not_utf8', 'Tệp không được lưu ở mã UTF-8; hãy lưu lại với mã hoá UTF-8.');
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text !== text.normalize('NFC')) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l !== l.normalize('NFC'));
    diags.warn({ line: i + 1, col: 1 }, 'text.not_nfc', 'Chữ tiếng Việt chưa ở dạng dựng sẵn (NFC); đã tự chuẩn hoá khi biên dịch.');
    text = text.normalize('NFC');
  }
  return text;
}

export type CompiledCourse = { bundle: Course.Bundle | null; diagnostics: Diagnostic[] };

/** Compiles `content/courses/<slug>/` into one course version, or says precisely why not. */
export async function compileCourse(dir: string, root: string): Promise<CompiledCourse> {
  const slug = basename(dir);
  const rel = (name: string) => relative(root, join(dir, name)) || name;
  const all: Diagnostics[] = [];
  const open = (name: string) => {
    const d = new Diagnostics(rel(name));
    all.push(d);
    return d;
  };
  const done = (bundle: Course.Bundle | null): CompiledCourse => ({
    bundle: all.some((d) => d.hasErrors) ? null : bundle,
    diagnostics: all.flatMap((d) => d.list),
  });

  const files = (await readdir(dir)).sort();
  const courseDiags = open('course.md');
  if (!SLUG.test(slug)) courseDiags.error({ line: 1, col: 1 }, 'course.bad_slug', `Tên thư mục "${slug}" phải là chữ thường không dấu, số và dấu gạch ngang.`);
  if (!files.includes('course.md')) {
    courseDiags.error({ line: 1, col: 1 }, 'course.missing_course_md', 'Thư mục khoá học thiếu tệp course.md.');
    return done(null);
  }
  const courseText = await readText(join(dir, 'course.md'), courseDiags);
  const front = courseText === null ? null : readFrontMatter(courseText, CourseFront, courseDiags);

  const lessons: Course.Bundle['lessons'] = [];
  for (const name of files.filter((f) => f.endsWith('.md') && f !== 'course.md' && f !== 'quiz.md')) {
    const d = open(name);
    const m = LESSON_FILE.exec(name);
    if (!m) {
      d.error({ line: 1, col: 1 }, 'course.bad_lesson_name', `Tên tệp bài học "${name}" phải có dạng 01-ten-bai.md.`);
      continue;
    }
    const text = await readText(join(dir, name), d);
    if (text === null) continue;
    const lesson = readFrontMatter(text, LessonFront, d);
    if (lesson.data) lessons.push({ id: m[2]!, title: lesson.data.title, html: renderMarkdown(lesson.body) });
  }
  if (lessons.length === 0 && !files.some((f) => LESSON_FILE.test(f))) {
    courseDiags.error({ line: 1, col: 1 }, 'course.no_lessons', 'Khoá học chưa có bài học nào (tệp 01-ten-bai.md).');
  }

  let quiz: Course.Bundle['quiz'] = null;
  if (files.includes('quiz.md')) {
    const d = open('quiz.md');
    const text = await readText(join(dir, 'quiz.md'), d);
    const parsed = text === null ? null : readFrontMatter(text, QuizFront, d);
    if (parsed) {
      const questions = parseQuestions(parsed.body, parsed.bodyLine, d);
      if (questions.length === 0 && !d.hasErrors) d.error({ line: parsed.bodyLine, col: 1 }, 'quiz.empty', 'Bài kiểm tra chưa có câu hỏi nào.');
      if (parsed.data) quiz = { title: parsed.data.title, passMark: parsed.data.passMark, questions };
    }
  } else if (front?.data?.completion.quiz === 'pass') {
    courseDiags.error({ line: 1, col: 1 }, 'course.quiz_missing', 'course.md yêu cầu đạt bài kiểm tra (completion.quiz: pass) nhưng thiếu tệp quiz.md.');
  }

  if (!front?.data) return done(null);
  const { completion, ...meta } = front.data;
  const unhashed = { slug, ...meta, completion, introHtml: renderMarkdown(front.body), lessons, quiz };
  const hash = createHash('sha256').update(JSON.stringify(unhashed)).digest('hex');
  return done({ ...unhashed, hash });
}
