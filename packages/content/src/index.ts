import { readdir, stat } from 'node:fs/promises';
import * as v from 'valibot';
import { basename, join } from 'node:path';
import { Target, type Course } from '@sansang/core/schema';
import { existsSync } from 'node:fs';
import { compileCourse, type CompileOptions, type LessonTags } from './course.ts';
import { readFrameworks, type Framework } from './competencies.ts';
import { Diagnostics, type Diagnostic } from './diagnostic.ts';
import { readText } from './text-file.ts';
import { readYaml } from './front-matter.ts';
import { readLawRegister, todayInVietnam, type Citation, type LawRegister } from './law.ts';

export { format, type Diagnostic } from './diagnostic.ts';
export { compileCourse, type LessonTags } from './course.ts';
export { readFrameworks, type Framework } from './competencies.ts';
export { renderMarkdown } from './markdown.ts';
export { imageSize } from './image-size.ts';
export { importGift, importAiken, type ImportResult } from './import/index.ts';
export { findMentions, todayInVietnam, type Citation, type LawEntry, type LawRegister, type Mention } from './law.ts';
export { quizStats, type QuizStats } from './quiz-stats.ts';
export { ITEM_WRITING_CODES } from './item-writing.ts';

/** A target as a file writes it: its owner, if any, by unit code rather than id. */
const TargetFile = v.object({
  ...v.omit(Target.Info, ['unitId']).entries,
  unit: v.optional(v.pipe(v.string('phải là mã đơn vị'), v.trim(), v.minLength(1, 'không được để trống'), v.maxLength(64, 'tối đa 64 ký tự'))),
});

export type CompiledContent = {
  courses: Course.Bundle[];
  /** Course folder of each compiled course, by slug: where its media files are. */
  courseDirs: Map<string, string>;
  targets: Target.Info[];
  /**
   * The owner a target file names by unit code (`unit: CODE`), by target id, with the file:
   * resolved to a unit when publishing, where the org tree is known. A target without is the
   * whole installation's.
   */
  targetUnits: Map<string, { code: string; file: string }>;
  /** The owner a course.md names by unit code (`unit: CODE`), by slug, with the file: resolved when publishing, like a target's. */
  courseUnits: Map<string, { code: string; file: string }>;
  diagnostics: Diagnostic[];
  /** content/law, by id. */
  law: LawRegister;
  /** Every lesson and question that cites a law register entry. */
  citations: Citation[];
  /** content/competencies.yaml, empty when the tree has none. */
  frameworks: Framework[];
  /** The competency tags of the lessons of every compiled course. */
  lessonTags: LessonTags[];
};

async function dirs(path: string): Promise<string[]> {
  const names = await readdir(path).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names.sort()) if ((await stat(join(path, name))).isDirectory()) out.push(join(path, name));
  return out;
}

/**
 * Reads the law register `<root>/law`, then compiles every course under `<root>/courses` (its
 * citations checked against the register) and every target under `<root>/targets`, never
 * stopping at the first problem.
 */
export async function compileContent(root: string, options: CompileOptions = {}): Promise<CompiledContent> {
  const courses: Course.Bundle[] = [];
  const courseDirs = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const today = options.today ?? todayInVietnam();
  const law = await readLawRegister(join(root, 'law'), today, options.fix);
  diagnostics.push(...law.diagnostics);
  // Lesson tags are checked against the frameworks; a tree without the file (a test fixture) has none to check.
  let frameworks: Framework[] = [];
  if (existsSync(join(root, 'competencies.yaml'))) {
    try {
      frameworks = await readFrameworks(root);
    } catch (err) {
      diagnostics.push({ file: 'competencies.yaml', line: 1, col: 1, code: 'competencies.invalid', message: (err as Error).message, severity: 'error' });
    }
  }
  const competencies = frameworks.length ? new Set(frameworks.flatMap((f) => [...f.competencies.keys()])) : undefined;
  const courseDirList = await dirs(join(root, 'courses'));
  const slugs = new Set(courseDirList.map((dir) => basename(dir)));
  const compiled = await Promise.all(
    courseDirList.map((dir) => compileCourse(dir, root, { ...options, courses: slugs, law: law.register, today, competencies })),
  );
  const courseUnits = new Map<string, { code: string; file: string }>();
  for (const c of compiled) {
    diagnostics.push(...c.diagnostics);
    if (!c.bundle) continue;
    courses.push(c.bundle);
    courseDirs.set(c.bundle.slug, c.dir);
    if (c.unit) courseUnits.set(c.bundle.slug, { code: c.unit, file: `courses/${c.bundle.slug}/course.md` });
  }
  const targets: Target.Info[] = [];
  const targetUnits = new Map<string, { code: string; file: string }>();
  const targetDir = join(root, 'targets');
  for (const name of (await readdir(targetDir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml')).sort()) {
    const diags = new Diagnostics(`targets/${name}`);
    const text = await readText(join(targetDir, name), diags, options.fix);
    const written = text === null ? null : readYaml(text, TargetFile, diags, { firstLine: 1, code: 'target' }).data;
    if (written) {
      const { unit, ...target } = written;
      if (unit) targetUnits.set(target.id, { code: unit, file: `targets/${name}` });
      const missing = target.programme.filter((slug) => !slugs.has(slug));
      for (const slug of missing) diags.error({ line: 1, col: 1 }, 'target.unknown_course', `Chỉ tiêu "${target.id}" gồm khoá "${slug}" nhưng không có thư mục courses/${slug}.`);
      if (missing.length === 0) targets.push(target);
    }
    diagnostics.push(...diags.list);
  }
  return {
    courses,
    courseDirs,
    targets,
    targetUnits,
    courseUnits,
    diagnostics,
    law: law.register,
    citations: compiled.flatMap((c) => c.citations),
    frameworks,
    lessonTags: compiled.flatMap((c) => c.lessonTags),
  };
}
