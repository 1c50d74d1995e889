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
