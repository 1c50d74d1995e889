import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from './index.ts';

const frameworks = '- law: tt-a\n  title: Khung A\n  competencies:\n    A1: Máy tính\n    A2: Internet\n';
const course = '---\ntitle: Máy tính\nsummary: Dùng máy tính.\nversion: 2\nestimatedMinutes: 5\ncompletion: { quiz: none }\n---\n\nGiới thiệu.\n';
const lesson = (front: string) => `---\ntitle: Bật máy\n${front}---\n\nBấm nút nguồn.\n`;

async function tree(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'sansang-competencies-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}
const found = (diagnostics: { file: string; line: number; col: number; code: string }[]) => diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);

describe('competency tags on lessons', () => {
  it('are read beside the bundle, which stays the same with or without them, so tagging a lesson needs no new version', async () => {
    const root = await tree({ 'competencies.yaml': frameworks, 'courses/may-tinh/course.md': course, 'courses/may-tinh/01-bat-may.md': lesson('tags: [A1, A2]\n') });
    const tagged = await compileContent(root);
    expect(tagged.diagnostics).toEqual([]);
    expect(tagged.lessonTags).toEqual([{ slug: 'may-tinh', lesson: 'bat-may', tags: ['A1', 'A2'] }]);
    expect(tagged.frameworks.map((f) => [...f.competencies.keys()])).toEqual([['A1', 'A2']]);
    await writeFile(join(root, 'courses/may-tinh/01-bat-may.md'), lesson(''));
    const untagged = await compileContent(root);
    expect(untagged.lessonTags).toEqual([]);
    expect(untagged.courses[0]!.hash).toBe(tagged.courses[0]!.hash);
  });

  it('refuse a code that is no competency, at the line of tags, and keep the course out', async () => {
    const root = await tree({ 'competencies.yaml': frameworks, 'courses/may-tinh/course.md': course, 'courses/may-tinh/01-bat-may.md': lesson('law: []\ntags: [A1, ATTT]\n') });
    const { courses, diagnostics, lessonTags } = await compileContent(root);
    expect(found(diagnostics)).toEqual(['courses/may-tinh/01-bat-may.md:4:1 lesson.unknown_competency']);
    expect(diagnostics[0]!.message).toContain('"ATTT"');
    expect(courses).toEqual([]);
    expect(lessonTags).toEqual([]);
  });

  it('cannot be checked without competencies.yaml, and a malformed one is reported, not read as "no competencies"', async () => {
    const root = await tree({ 'courses/may-tinh/course.md': course, 'courses/may-tinh/01-bat-may.md': lesson('tags: [A1]\n') });
    const missing = await compileContent(root);
    expect(found(missing.diagnostics)).toEqual(['courses/may-tinh/01-bat-may.md:3:1 lesson.unknown_competency']);
    expect(missing.diagnostics[0]!.message).toContain('không có tệp competencies.yaml');

    await writeFile(join(root, 'competencies.yaml'), '- title: Thiếu law\n');
    const malformed = await compileContent(root);
    expect(found(malformed.diagnostics)).toContain('competencies.yaml:1:1 competencies.invalid');
    await rm(join(root, 'competencies.yaml'));
    await writeFile(join(root, 'courses/may-tinh/01-bat-may.md'), lesson(''));
    expect((await compileContent(root)).diagnostics).toEqual([]);
  });
});
