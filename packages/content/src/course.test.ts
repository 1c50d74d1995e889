import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent, format } from './index.ts';

let root: string;

async function course(slug: string, files: Record<string, string | Buffer>) {
  const dir = join(root, 'courses', slug);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

const courseMd = (extra = '', version = '1') => `---
title: Thư điện tử công vụ
summary: Dùng hộp thư công vụ an toàn.
version: ${version}
estimatedMinutes: 20
tags: [IU06]
${extra}---

Giới thiệu **khoá học**.
`;
const lesson = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;
const quiz = (body: string, passMark = 70) => `---\ntitle: Kiểm tra\npassMark: ${passMark}\n---\n\n${body}`;
const goodQuestion = `## Địa chỉ nào là thư công vụ? {#q1}

- [ ] ten@gmail.com
- [x] ten@bacgiang.gov.vn

> Thư công vụ dùng tên miền .gov.vn.
`;

describe('content compiler', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sansang-content-'));
    await course('thu-cong-vu', {
      'course.md': courseMd(),
      '01-mo-hop-thu.md': lesson('Mở hộp thư', '## Bước 1\n\nĐăng nhập.\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1)) <img src=x onerror=alert(1)>'),
      '02-gui-thu.md': lesson('Gửi thư', 'Soạn thư mới.'),
      '10-luu-tru.md': lesson('Lưu trữ thư', 'Lưu thư vào thư mục.'),
      '9-chuyen-tiep.md': lesson('Chuyển tiếp thư', 'Chuyển tiếp cho đồng nghiệp.'),
      'quiz.md': quiz(`${goodQuestion}\n## Chọn các việc nên làm {#q2 .multiple}\n\n- [x] Đặt mật khẩu mạnh\n- [x] Bật xác thực hai lớp\n- [ ] Gửi mật khẩu qua Zalo\n`),
    });
    await course('hong', {
      'course.md': courseMd('colour: do\n', 'mot'),
      '01-bai.md': lesson('Bài', 'Nội dung.'),
      'bai-sai-ten.md': lesson('Sai tên', 'x'),
      'quiz.md': quiz(`## Không có đáp án đúng {#q1}\n\n- [ ] A\n- [ ] B\n\n## Hai đáp án đúng {#q2}\n\n- [x] A\n- [x] B\n\n## Trùng mã {#q1}\n\n- [x] A\n- [ ] B\n\n## Thiếu mã\n\n- [x] A\n- [ ] B\n`, 150),
    });
    await course('ma-cu', {
      'course.md': courseMd(),
      '01-bai.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xc3, 0x28, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]),
    });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('compiles a valid course into a bundle with sanitised HTML', async () => {
    const { courses } = await compileContent(root);
    const c = courses.find((b) => b.slug === 'thu-cong-vu')!;
    // By number, not as text: 9 before 10.
    expect(c.lessons.map((l) => l.id)).toEqual(['mo-hop-thu', 'gui-thu', 'chuyen-tiep', 'luu-tru']);
    expect(c.completion).toEqual({ lessons: 'all', quiz: 'pass' });
    const html = c.lessons[0]!.html;
    expect(html).toContain('<h2>Bước 1</h2>');
    expect(html).not.toMatch(/<script|javascript:|onerror|<img/i);
    expect(c.quiz!.questions[0]).toMatchObject({ id: 'q1', type: 'single', promptHtml: '<p>Địa chỉ nào là thư công vụ?</p>' });
    expect(c.quiz!.questions[0]).toMatchObject({ options: [{ correct: false }, { correct: true }] });
    expect(c.quiz!.questions[1]!.type).toBe('multiple');
    expect(c.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports every problem with its file, line and stable code, without stopping at the first', async () => {
    const { courses, diagnostics } = await compileContent(root);
    expect(courses.map((c) => c.slug)).toEqual(['thu-cong-vu']);
    const lines = diagnostics.map(format);
    const expectAt = (where: string, code: string) => expect(lines.some((l) => l.startsWith(where) && l.endsWith(`[${code}]`)), `${where} ${code}\n${lines.join('\n')}`).toBe(true);
    expectAt('courses/hong/course.md:7:1:', 'frontmatter.unknown_key');
    expectAt('courses/hong/course.md:4:1:', 'frontmatter.invalid_value');
    expectAt('courses/hong/bai-sai-ten.md:1:1:', 'course.bad_lesson_name');
    expectAt('courses/hong/quiz.md:3:1:', 'quiz.pass_mark_range');
    expectAt('courses/hong/quiz.md:6:1:', 'quiz.no_correct_option');
    expectAt('courses/hong/quiz.md:11:1:', 'quiz.several_correct');
    expectAt('courses/hong/quiz.md:16:1:', 'quiz.duplicate_id');
    expectAt('courses/hong/quiz.md:21:1:', 'quiz.missing_id');
    expectAt('courses/ma-cu/01-bai.md:1:1:', 'file.not_utf8');
    expect(lines.find((l) => l.includes('unknown_key'))).toContain('Khoá "colour" không được hỗ trợ');
  });
});

describe('a course of a unit’s own', () => {
  it('names its owner by unit code in course.md, kept out of the bundle for publishing to resolve; the owner is part of the version’s hash', async () => {
    const own = await mkdtemp(join(tmpdir(), 'sansang-content-own-'));
    try {
      const write = async (slug: string, extra: string) => {
        const dir = join(own, 'courses', slug);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'course.md'), courseMd(extra));
        await writeFile(join(dir, '01-bai.md'), lesson('Bài', 'Nội dung.'));
        await writeFile(join(dir, 'quiz.md'), quiz(goodQuestion));
      };
      await write('rieng', 'unit: TINH-A\n');
      const { courses, courseUnits, diagnostics } = await compileContent(own);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect([...courseUnits]).toEqual([['rieng', { code: 'TINH-A', file: 'courses/rieng/course.md' }]]);
      expect(courses[0]!.unitId).toBeNull();
      expect(courses[0]).not.toHaveProperty('unit');
      // The same course without an owner: another hash, so a new owner needs a new version.
      await write('rieng', '');
      const unowned = await compileContent(own);
      expect(unowned.courseUnits.size).toBe(0);
      expect(unowned.courses[0]!.hash).not.toBe(courses[0]!.hash);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
