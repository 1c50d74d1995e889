import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { Target, type Course } from '@sansang/core';
import { compileCourse, readText } from './course.ts';
import { Diagnostics, type Diagnostic } from './diagnostic.ts';

export { format, type Diagnostic } from './diagnostic.ts';
export { compileCourse } from './course.ts';
export { renderMarkdown } from './markdown.ts';

export type CompiledContent = { courses: Course.Bundle[]; targets: Target.Info[]; diagnostics: Diagnostic[] };

async function dirs(path: string): Promise<string[]> {
  const names = await readdir(path).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names.sort()) if ((await stat(join(path, name))).isDirectory()) out.push(join(path, name));
  return out;
}

/** Compiles every course under `<root>/courses` and every target under `<root>/targets`. */
export async function compileContent(root: string): Promise<CompiledContent> {
  const courses: Course.Bundle[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of await dirs(join(root, 'courses'))) {
    const compiled = await compileCourse(dir, root);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.bundle) courses.push(compiled.bundle);
  }
  const targets: Target.Info[] = [];
  const targetDir = join(root, 'targets');
  for (const name of (await readdir(targetDir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml')).sort()) {
    const diags = new Diagnostics(`targets/${name}`);
    const text = await readText(join(targetDir, name), diags);
    if (text !== null) {
      const result = v.safeParse(Target.Info, parse(text));
      if (result.success) targets.push(result.output);
      else for (const issue of result.issues) diags.error({ line: 1, col: 1 }, 'target.invalid', `${v.getDotPath(issue) ?? ''}: ${issue.message}`);
    }
    diagnostics.push(...diags.list);
  }
  return { courses, targets, diagnostics };
}
