import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One framework of content/competencies.yaml: its register entry and its competencies by code. */
export type Framework = { law: string; title: string; unverified?: string; competencies: Map<string, string> };

const FILE = 'competencies.yaml';

/**
 * Reads content/competencies.yaml. A file that is missing or not of the documented shape is an
 * error naming the file and what is wrong, never an empty report that would read as "nothing covered".
 */
export async function readFrameworks(root: string): Promise<Framework[]> {
  const path = join(root, FILE);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`Không có tệp ${path}: danh sách khung năng lực để đối chiếu (xem content/README.md).`);
  });
  const fail = (what: string): never => {
    throw new Error(`${path}: ${what}`);
  };
  const data: unknown = parse(text);
  if (!Array.isArray(data)) fail('phải là một danh sách khung năng lực (mỗi khung: law, title, competencies).');
  const seen = new Set<string>();
  return (data as unknown[]).map((raw, i) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const where = `khung thứ ${i + 1}`;
    if (typeof item.law !== 'string') fail(`${where} thiếu "law" (mã văn bản trong law/).`);
    if (typeof item.title !== 'string') fail(`${where} thiếu "title".`);
    if (item.unverified !== undefined && typeof item.unverified !== 'string') fail(`${where}: "unverified" phải là một đoạn văn.`);
    const list = item.competencies;
    if (!list || typeof list !== 'object' || Array.isArray(list) || Object.keys(list).length === 0)
      fail(`${where} thiếu "competencies" (mã: tên năng lực).`);
    const competencies = new Map<string, string>();
    for (const [code, name] of Object.entries(list as Record<string, unknown>)) {
      if (typeof name !== 'string') fail(`${where}: năng lực ${code} phải có tên.`);
      if (seen.has(code)) fail(`mã năng lực ${code} xuất hiện hai lần.`);
      seen.add(code);
      competencies.set(code, name as string);
    }
    return { law: item.law as string, title: item.title as string, unverified: item.unverified as string | undefined, competencies };
  });
}

/**
 * `content coverage`: for each framework, which of its competencies the catalogue covers (the
 * courses carrying the code in `tags`) and which no course does; then the courses that carry no
 * framework code at all.
 */
export function coverageReport(
  frameworks: Framework[],
  compiled: { courses: { slug: string; tags: string[] }[]; law: Map<string, { number: string }> },
): string {
  const coursesOf = (code: string) => compiled.courses.filter((c) => c.tags.includes(code)).map((c) => c.slug);
  const codes = frameworks.flatMap((f) => [...f.competencies.keys()]);
  const width = Math.max(...codes.map((c) => c.length));
  const lines: string[] = [];
  const uncovered: string[] = [];
  for (const f of frameworks) {
    const entry = compiled.law.get(f.law);
    const covered = [...f.competencies.keys()].filter((code) => coursesOf(code).length > 0).length;
    lines.push(`${entry ? `${entry.number} — ` : ''}${f.title}: ${covered}/${f.competencies.size} năng lực có khoá học`);
    if (!entry) lines.push(`  (không có văn bản "${f.law}" trong sổ văn bản law/)`);
    if (f.unverified) lines.push(`  Chưa kiểm chứng: ${f.unverified}`);
    for (const [code, name] of f.competencies) {
      const slugs = coursesOf(code);
      if (!slugs.length) uncovered.push(`${code} ${name}`);
      lines.push(`  ${code.padEnd(width)}  ${name}: ${slugs.length ? slugs.join(', ') : 'CHƯA CÓ KHOÁ HỌC'}`);
    }
    lines.push('');
  }
  const untagged = compiled.courses.filter((c) => !c.tags.some((t) => codes.includes(t))).map((c) => c.slug);
  lines.push(`Năng lực chưa khoá học nào bao phủ (${uncovered.length}): ${uncovered.join('; ') || 'không có'}.`);
  lines.push(`Khoá học chưa gắn năng lực nào của các khung (${untagged.length}): ${untagged.join(', ') || 'không có'}.`);
  return lines.join('\n');
}
