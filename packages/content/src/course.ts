import * as v from 'valibot';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Course } from '@sansang/core/schema';
import { Diagnostics, type Diagnostic, type Position } from './diagnostic.ts';
import { readFrontMatter } from './front-matter.ts';
import { checkItemWriting } from './item-writing.ts';
import { checkCitation, todayInVietnam, type Citation, type LawRegister } from './law.ts';
import { checkLinks, type MediaContext } from './links.ts';
import { parseMarkdown, renderNodes } from './markdown.ts';
import { parseQuestions } from './quiz.ts';
import { checkDraw, checkPassMark, QuizFront } from './quiz-settings.ts';
import { checkSvgFile, type SvgCheck } from './svg-safety.ts';
import { readText } from './text-file.ts';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'không được để trống'));
const List = v.optional(v.array(v.string()), []);

const CourseFront = v.object({
  title: Text,
  summary: Text,
  version: v.pipe(v.number('phải là số nguyên'), v.integer('phải là số nguyên'), v.minValue(1, 'phải từ 1 trở lên')),
  level: v.optional(v.picklist(['co-ban', 'nang-cao'], 'chỉ nhận co-ban hoặc nang-cao'), 'co-ban'),
  estimatedMinutes: v.pipe(v.number('phải là số phút'), v.minValue(1, 'phải lớn hơn 0')),
  audience: v.optional(v.array(v.picklist(['can-bo', 'cong-chuc', 'vien-chuc'], 'chỉ nhận can-bo, cong-chuc, vien-chuc')), []),
  tags: List,
  prerequisites: List,
  references: List,
  completion: v.optional(
    v.object({
      lessons: v.optional(v.picklist(['all', 'none'], 'chỉ nhận all hoặc none'), 'all'),
      quiz: v.optional(v.picklist(['pass', 'none'], 'chỉ nhận pass hoặc none'), 'pass'),
    }),
    { lessons: 'all', quiz: 'pass' },
  ),
  placement: v.optional(v.boolean('phải là true hoặc false'), false),
  /**
   * This version changes what a completion means (a new law, a new procedure): completions of
   * earlier versions lapse on `retakeBy` unless retaken on this version. Absent: they stand.
   */
  requiresRetake: v.optional(v.boolean('phải là true hoặc false')),
  retakeBy: v.optional(v.pipe(v.string('phải là ngày dạng 2027-03-31'), v.isoDate('phải là ngày dạng 2027-03-31'))),
  /**
   * The unit (by code) whose course this is — a province's or a ministry's own: learners of its
   * subtree see it beside the installation's, nobody else does. Absent: the whole installation's.
   */
  unit: v.optional(v.pipe(v.string('phải là mã đơn vị'), v.trim(), v.minLength(1, 'không được để trống'), v.maxLength(64, 'tối đa 64 ký tự'))),
});
const LessonFront = v.object({ title: Text, minutes: v.optional(v.pipe(v.number('phải là số phút'), v.minValue(1))), law: List, tags: List });

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The lesson files in course order. Order is the number, not the text (`2-x.md` before
 * `10-x.md`). A learner's progress is kept per lesson id, the name without its number, so
 * two lessons sharing an id could never both be completed; two sharing a number would
 * have no defined order. Both are reported at the later file.
 */
function readLessonFiles(files: string[], open: (name: string) => Diagnostics): { name: string; id: string; d: Diagnostics }[] {
  const numbered: { name: string; number: number; id: string; d: Diagnostics }[] = [];
  for (const name of files.filter((f) => f.endsWith('.md') && f !== 'course.md' && f !== 'quiz.md')) {
    const m = LESSON_FILE.exec(name);
    const d = open(name);
    if (m) numbered.push({ name, number: Number(m[1]), id: m[2]!, d });
    else d.error({ line: 1, col: 1 }, 'course.bad_lesson_name', `Tên tệp bài học "${name}" phải có dạng 01-ten-bai.md.`);
  }
  numbered.sort((a, b) => a.number - b.number || (a.name < b.name ? -1 : 1));
  const byNumber = new Map<number, string>();
  const byId = new Map<string, string>();
  for (const { name, number, id, d } of numbered) {
    const sameNumber = byNumber.get(number);
    if (sameNumber) d.error({ line: 1, col: 1 }, 'course.duplicate_number', `Bài "${name}" trùng số thứ tự ${number} với bài "${sameNumber}"; hãy đánh số lại để mỗi bài có một số riêng.`);
    else byNumber.set(number, name);
    const sameId = byId.get(id);
    if (sameId) d.error({ line: 1, col: 1 }, 'course.duplicate_lesson', `Bài "${name}" trùng mã bài "${id}" (tên tệp bỏ phần số) với bài "${sameId}"; học viên sẽ không thể hoàn thành khoá học. Hãy đổi tên một trong hai tệp.`);
    else byId.set(id, name);
  }
  return numbered;
}

/**
 * The competency codes a lesson is tagged with. Kept beside the bundle, not in it: no learner
 * sees them, and tagging a lesson must not make a new version every learner moves to.
 */
export type LessonTags = { slug: string; lesson: string; tags: string[] };
export type CompiledCourse = {
  bundle: Course.Bundle | null;
  /** The owner course.md names by unit code (`unit: CODE`), resolved to a unit when publishing; absent: the installation's. */
  unit?: string;
  diagnostics: Diagnostic[];
  dir: string;
  citations: Citation[];
  lessonTags: LessonTags[];
};
export type CompileOptions = {
  /** Rewrite files that are not NFC. */
  fix?: boolean;
  /** Every course slug in content/, to check prerequisites against. */
  courses?: Set<string>;
  /** The law register (content/law) citations are checked against; none means every citation is unknown. */
  law?: LawRegister;
  /** YYYY-MM-DD the law register's dates are compared with; tests set it, the default is today in Viet Nam. */
  today?: string;
  /** Every competency code of content/competencies.yaml, which lesson `tags` must be; none means the file is absent. */
  competencies?: Set<string>;
};

/** Compiles `content/courses/<slug>/` into one course version, or says precisely why not. */
export async function compileCourse(dir: string, root: string, options: CompileOptions = {}): Promise<CompiledCourse> {
  const slug = basename(dir);
  const rel = (name: string) => relative(root, join(dir, name)) || name;
  const all: Diagnostics[] = [];
  const open = (name: string) => {
    const d = new Diagnostics(rel(name));
    all.push(d);
    return d;
  };
  const citations: Citation[] = [];
  const lessonTags: LessonTags[] = [];
  const today = options.today ?? todayInVietnam();
  const cite = (ids: string[], at: Position, d: Diagnostics, kind: Citation['kind'], name: string) => {
    for (const id of ids) {
      checkCitation(id, at, options.law ?? new Map(), today, d);
      citations.push({ law: id, file: d.file, ...at, kind, name });
    }
  };
  const done = (bundle: Course.Bundle | null, unit?: string): CompiledCourse => ({
    bundle: all.some((d) => d.hasErrors) ? null : bundle,
    ...(unit ? { unit } : {}),
    diagnostics: all.flatMap((d) => d.list),
    dir,
    citations,
    lessonTags: all.some((d) => d.hasErrors) ? [] : lessonTags,
  });
  const read = (name: string, d: Diagnostics) => readText(join(dir, name), d, options.fix);

  const files = (await readdir(dir)).sort();
  const courseDiags = open('course.md');
  if (!SLUG.test(slug)) courseDiags.error({ line: 1, col: 1 }, 'course.bad_slug', `Tên thư mục "${slug}" phải là chữ thường không dấu, số và dấu gạch ngang.`);
  if (!files.includes('course.md')) {
    courseDiags.error({ line: 1, col: 1 }, 'course.missing_course_md', 'Thư mục khoá học thiếu tệp course.md.');
    return done(null);
  }
  const courseText = await read('course.md', courseDiags);
  const front = courseText === null ? null : readFrontMatter(courseText, CourseFront, courseDiags);
  for (const p of front?.data?.prerequisites ?? []) {
    if (options.courses && !options.courses.has(p)) {
      courseDiags.error(front!.keyLine('prerequisites'), 'course.unknown_prerequisite', `prerequisites nêu khoá "${p}" nhưng không có thư mục courses/${p}.`);
    }
  }
  const svgs = new Map<string, SvgCheck>();
  const media: MediaContext = {
    courseDir: dir,
    mediaBase: `/media/${slug}/${front?.data?.version ?? 0}`,
    used: new Set(),
    checkSvg: (path) => svgs.get(path) ?? svgs.set(path, checkSvgFile(join(dir, path), open(path))).get(path)!,
  };
  /** Markdown → sanitised HTML, with its links checked and local files rewritten to their published URLs. */
  const render = (name: string, body: string, bodyLine: number, d: Diagnostics) => {
    const tree = parseMarkdown(body);
    checkLinks(tree, join(dir, name), bodyLine, media, d);
    return renderNodes(tree.children);
  };

  const lessons: Course.Bundle['lessons'] = [];
  for (const { name, id, d } of readLessonFiles(files, open)) {
    const text = await read(name, d);
    if (text === null) continue;
    const lesson = readFrontMatter(text, LessonFront, d);
    if (!lesson.data) continue;
    cite(lesson.data.law, lesson.keyLine('law'), d, 'lesson', lesson.data.title);
    for (const tag of lesson.data.tags) {
      if (options.competencies?.has(tag)) continue;
      d.error(
        lesson.keyLine('tags'),
        'lesson.unknown_competency',
        options.competencies
          ? `tags nêu "${tag}" nhưng đó không phải mã năng lực nào trong competencies.yaml (ví dụ ${[...options.competencies].slice(0, 3).join(', ')}…).`
          : `tags nêu "${tag}" nhưng không có tệp competencies.yaml để đối chiếu mã năng lực.`,
      );
    }
    if (lesson.data.tags.length > 0) lessonTags.push({ slug, lesson: id, tags: lesson.data.tags });
    lessons.push({ id, title: lesson.data.title, html: render(name, lesson.body, lesson.bodyLine, d) });
  }
  if (lessons.length === 0 && !files.some((f) => LESSON_FILE.test(f))) {
    courseDiags.error({ line: 1, col: 1 }, 'course.no_lessons', 'Khoá học chưa có bài học nào (tệp 01-ten-bai.md).');
  }

  let quiz: Course.Bundle['quiz'] = null;
  if (files.includes('quiz.md')) {
    const d = open('quiz.md');
    const text = await read('quiz.md', d);
    const parsed = text === null ? null : readFrontMatter(text, QuizFront, d);
    if (parsed) {
      const tree = parseMarkdown(parsed.body);
      checkLinks(tree, join(dir, 'quiz.md'), parsed.bodyLine, media, d);
      checkPassMark(parsed.raw['passMark'], parsed.keyLine('passMark'), d);
      const { questions, sources } = parseQuestions(tree, parsed.bodyLine, d);
      if (questions.length === 0 && !d.hasErrors) d.error({ line: parsed.bodyLine, col: 1 }, 'quiz.empty', 'Bài kiểm tra chưa có câu hỏi nào.');
      questions.forEach((q, i) => cite(sources[i]!.law, sources[i]!.at, d, 'question', q.id));
      if (parsed.data) {
        const { draw, ...settings } = parsed.data;
        checkDraw(draw, questions, parsed.keyLine('draw'), d);
        checkItemWriting({ questions, sources, draw, shuffle: settings.shuffle }, { quiz: { line: 1, col: 1 }, draw: parsed.keyLine('draw') }, d);
        quiz = { ...settings, draw, questions };
      }
    }
  } else if (front?.data?.completion.quiz === 'pass') {
    courseDiags.error({ line: 1, col: 1 }, 'course.quiz_missing', 'course.md yêu cầu đạt bài kiểm tra (completion.quiz: pass) nhưng thiếu tệp quiz.md.');
  }
  if (front?.data?.placement && !quiz) {
    courseDiags.error(front.keyLine('placement'), 'course.quiz_missing', 'placement: true cần một bài kiểm tra (quiz.md) để xếp lớp.');
  }
  if (front?.data?.requiresRetake && !front.data.retakeBy) {
    courseDiags.error(front.keyLine('requiresRetake'), 'course.retake_without_date', 'requiresRetake: true cần retakeBy: ngày các hoàn thành phiên bản cũ hết hiệu lực (ví dụ 2027-03-31).');
  } else if (front?.data?.retakeBy && !front.data.requiresRetake) {
    courseDiags.error(front.keyLine('retakeBy'), 'course.retake_without_flag', 'retakeBy chỉ dùng cùng requiresRetake: true.');
  } else if (front?.data?.requiresRetake && front.data.version < 2) {
    courseDiags.error(front.keyLine('requiresRetake'), 'course.retake_first_version', 'requiresRetake chỉ dùng cho phiên bản mới (version từ 2 trở lên): phiên bản đầu chưa có ai hoàn thành phiên bản cũ.');
  }

  if (!front?.data) return done(null);
  const introHtml = render('course.md', front.body, front.bodyLine, courseDiags);
  const mediaFiles = await Promise.all([...media.used].sort().map(async (path) => {
    const bytes = await readFile(join(dir, path));
    return { path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }));
  const { unit, ...data } = front.data;
  const unhashed = { slug, ...data, introHtml, lessons, quiz, media: mediaFiles };
  // The owner is part of what a version is (a new owner needs a new version); a course without one hashes as it always did.
  const hash = createHash('sha256')
    .update(JSON.stringify(unit ? { ...unhashed, unit } : unhashed))
    .digest('hex');
  return done({ ...unhashed, unitId: null, hash }, unit);
}
