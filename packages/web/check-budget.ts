// Run after `vite build` (npm run build -w @sansang/web): fails the build when the first page
// (sign-in) needs more than issue 10's 60 KB of gzipped JavaScript, naming the files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The part of Vite's build manifest (build.manifest) this check reads. */
export type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;

export const FIRST_PAGE_BUDGET = 60 * 1024;

/** Each page's route module, as main.tsx loads it on demand. */
export const PAGES = {
  'sign-in': 'src/pages/login.tsx',
  'course list': 'src/pages/courses.tsx',
  lesson: 'src/pages/lesson.tsx',
  quiz: 'src/pages/quiz.tsx',
  dashboard: 'src/pages/readiness.tsx',
} as const;
export type PageName = keyof typeof PAGES;

/**
 * The JavaScript files a cold visit to a page fetches before it shows: the entry, the page's
 * route chunk, and every chunk either imports statically (Vite preloads them together).
 * Chunks imported on demand (the English dictionary, the chart library) are not counted.
 */
export function pageFiles(manifest: Manifest, page: PageName): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  if (!manifest[PAGES[page]]) throw new Error(`the manifest has no chunk for ${PAGES[page]}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  visit(PAGES[page]);
  return [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
}

export type PageSize = { page: PageName; bytes: number; files: { file: string; bytes: number }[] };

/** A page's gzipped JavaScript, in total and file by file (largest first). */
export function pageSize(manifest: Manifest, page: PageName, gzipped: (file: string) => number): PageSize {
  const files = pageFiles(manifest, page)
    .map((file) => ({ file, bytes: gzipped(file) }))
    .sort((a, b) => b.bytes - a.bytes);
  return { page, bytes: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** null when the first page is within `budget`; otherwise what to tell the person building. */
export function overBudget(size: PageSize, budget = FIRST_PAGE_BUDGET): string | null {
  if (size.bytes <= budget) return null;
  return [
    `The ${size.page} page needs ${kb(size.bytes)} of gzipped JavaScript, ${kb(size.bytes - budget)} over the ${kb(budget)} budget (issue 10):`,
    ...size.files.map((f) => `  ${f.file}  ${kb(f.bytes)}`),
    'Load what the page does not need at once on demand (import()), or make it smaller.',
  ].join('\n');
}

/** The built app in `dist`: its manifest, and a file's gzipped size. */
export function readBuild(dist: string): { manifest: Manifest; gzipped: (file: string) => number } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  return { manifest, gzipped: (file) => gzipSync(readFileSync(join(dist, file))).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { manifest, gzipped } = readBuild(fileURLToPath(new URL('dist', import.meta.url)));
  const first = pageSize(manifest, 'sign-in', gzipped);
  const problem = overBudget(first);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.log(`First page (sign-in): ${kb(first.bytes)} of gzipped JavaScript, within the ${kb(FIRST_PAGE_BUDGET)} budget.`);
}
