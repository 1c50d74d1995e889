import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from './index.ts';

/** A one-lesson course whose course.md carries `extra` front-matter lines, in a content folder of its own. */
async function course(extra: string, version = 2): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'retake-'));
  const dir = join(root, 'courses', 'luat-moi');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'course.md'),
    `---\ntitle: Luật mới\nsummary: Khoá học thử\nversion: ${version}\nestimatedMinutes: 10\ncompletion: { quiz: none }\n${extra}---\n\nGiới thiệu.\n`,
  );
  await writeFile(join(dir, '01-bai-mot.md'), '---\ntitle: Bài một\n---\n\nNội dung.\n');
  return root;
}
const problems = async (root: string) => (await compileContent(root)).diagnostics.map((d) => `${d.line} ${d.code}`);

describe('a course version that requires a retake', () => {
  it('carries requiresRetake and retakeBy into the bundle, and leaves them out of one that sets neither', async () => {
    const { courses, diagnostics } = await compileContent(await course('requiresRetake: true\nretakeBy: 2027-03-31\n'));
    expect(diagnostics).toEqual([]);
    expect(courses[0]).toMatchObject({ version: 2, requiresRetake: true, retakeBy: '2027-03-31' });
    const plain = (await compileContent(await course(''))).courses[0]!;
    expect('requiresRetake' in plain || 'retakeBy' in plain).toBe(false);
  });

  it('refuses the flag without a date, a date without the flag, and either on a first version, at the key that is wrong', async () => {
    expect(await problems(await course('requiresRetake: true\n'))).toEqual(['7 course.retake_without_date']);
    expect(await problems(await course('retakeBy: 2027-03-31\n'))).toEqual(['7 course.retake_without_flag']);
    expect(await problems(await course('requiresRetake: true\nretakeBy: 2027-03-31\n', 1))).toEqual(['7 course.retake_first_version']);
    expect(await problems(await course('requiresRetake: true\nretakeBy: 31/03/2027\n'))).toEqual(['8 frontmatter.invalid_value']);
  });
});
