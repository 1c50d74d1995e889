import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileContent, format } from './index.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const broken = join(repo, 'test/fixtures/broken-content');

/** Every problem the checker knows, each in a fixture course, at the line a trainer must fix. */
const expected = [
    'courses/Sai_Ten/course.md:1:1 course.bad_slug',
    'courses/cau-hoi/quiz.md:9:1 quiz.text_outside_question',
    'courses/cau-hoi/quiz.md:11:1 quiz.no_correct_option',
    'courses/cau-hoi/quiz.md:16:1 quiz.several_correct',
    'courses/cau-hoi/quiz.md:21:1 quiz.duplicate_id',
    'courses/cau-hoi/quiz.md:26:1 quiz.missing_id',
    'courses/cau-hoi/quiz.md:31:1 quiz.unknown_attribute',
    'courses/cau-hoi/quiz.md:36:1 quiz.too_few_options',
    'courses/cau-hoi/quiz.md:43:1 quiz.option_not_task',
    'courses/cau-hoi/quiz.md:45:1 quiz.no_options',
    'courses/cau-hoi/quiz.md:51:1 quiz.bad_answer',
    'courses/cau-hoi/quiz.md:55:1 quiz.bad_answer',
    'courses/cau-hoi/quiz.md:59:1 quiz.bad_answer',
    'courses/cau-hoi/quiz.md:65:1 quiz.bad_answer',
    'courses/cau-hoi/quiz.md:70:1 quiz.bad_answer',
    'courses/cau-hoi/quiz.md:72:1 quiz.unknown_attribute',
    'courses/cau-hoi/quiz.md:4:1 quiz.pool_too_small',
    'courses/cau-hoi/quiz.md:4:1 quiz.pool_ratio',
    'courses/de-trong/quiz.md:6:1 quiz.text_outside_question',
    'courses/de-trong/quiz.md:5:1 quiz.empty',
    'courses/khai-bao/course.md:5:1 frontmatter.unknown_key',
    'courses/khai-bao/course.md:2:1 frontmatter.missing_key',
    'courses/khai-bao/course.md:3:1 frontmatter.invalid_value',
    'courses/khai-bao/02-khong-khai-bao.md:1:1 frontmatter.missing',
    'courses/khai-bao/03-yaml-hong.md:2:18 frontmatter.yaml',
    'courses/khai-bao/04-khong-phai-ban-do.md:2:1 frontmatter.not_a_map',
    'courses/khai-bao/bai-sai-ten.md:1:1 course.bad_lesson_name',
    'courses/khai-bao/quiz.md:3:1 quiz.pass_mark_range',
    'courses/khai-bao/quiz.md:4:1 frontmatter.invalid_value',
    'courses/khong-bai/course.md:1:1 course.no_lessons',
    'courses/gan-ma/01-bai.md:3:1 lesson.unknown_competency',
    'courses/hinh-svg/01-hinh.md:7:1 image.missing_alt',
    'courses/hinh-svg/hinh/script.svg:1:41 svg.script',
    'courses/hinh-svg/hinh/su-kien.svg:3:9 svg.event_handler',
    'courses/hinh-svg/hinh/su-kien.svg:4:17 svg.event_handler',
    'courses/hinh-svg/hinh/ben-ngoai.svg:1:1 svg.external_reference',
    'courses/hinh-svg/hinh/ben-ngoai.svg:3:10 svg.external_reference',
    'courses/hinh-svg/hinh/ben-ngoai.svg:4:6 svg.external_reference',
    'courses/hinh-svg/hinh/ben-ngoai.svg:5:32 svg.external_reference',
    'courses/hinh-svg/hinh/ben-ngoai.svg:7:1 svg.external_reference',
    'courses/hinh-svg/hinh/ben-ngoai.svg:9:25 svg.external_reference',
    'courses/hinh-svg/hinh/html-nhung.svg:2:3 svg.foreign_object',
    'courses/hinh-svg/hinh/html-nhung.svg:3:5 svg.foreign_object',
    'courses/hinh-svg/hinh/hong.svg:3:6 svg.invalid',
    'courses/hinh-svg/hinh/lien-ket-ngoai.svg:2:8 svg.external_reference',
    'courses/lien-ket/01-bai.md:5:5 link.broken',
    'courses/lien-ket/01-bai.md:5:42 link.broken',
    'courses/lien-ket/01-bai.md:9:1 link.broken',
    'courses/lien-ket/01-bai.md:11:1 link.file_type',
    'courses/lien-ket/01-bai.md:13:1 markdown.raw_html',
    'courses/lien-ket/01-bai.md:15:1 link.unsafe',
    'courses/ma-hoa/01-windows-1258.md:1:1 file.not_utf8',
    'courses/ma-hoa/02-tcvn3.md:5:1 text.legacy_encoding',
    'courses/ma-hoa/03-vni.md:7:1 text.legacy_encoding',
    'courses/ma-hoa/04-to-hop.md:5:1 text.not_nfc',
    'courses/ma-hoa/quiz.md:4:1 quiz.pool_too_small',
    'courses/thieu-course-md/course.md:1:1 course.missing_course_md',
    'courses/thieu-quiz/course.md:6:1 course.unknown_prerequisite',
    'courses/thieu-quiz/course.md:1:1 course.quiz_missing',
    'courses/trung-bai/02-gioi-thieu.md:1:1 course.duplicate_lesson',
    'courses/trung-bai/3-on-tap.md:1:1 course.duplicate_number',
    'targets/hong.yaml:5:1 target.unknown_key',
    'targets/hong.yaml:1:1 target.missing_key',
    'targets/hong.yaml:4:1 target.invalid_value',
    'targets/hong.yaml:1:1 target.missing_key',
    'targets/thieu-khoa.yaml:1:1 target.unknown_course',
    'targets/yaml-hong.yaml:3:1 target.yaml',
];

describe('content check on the broken fixture courses', () => {
  it('reports every problem at its file:line:col with its code, never stopping at the first', async () => {
    const { courses, diagnostics } = await compileContent(broken);
    const found = diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
    expect([...found].sort()).toEqual([...expected].sort());
    expect(courses).toEqual([]);
    for (const d of diagnostics) expect(d.message, format(d)).toMatch(/[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i);
  });

  it('reads a lesson saved as UTF-16 with a BOM as a trainer expects', async () => {
    const { diagnostics } = await compileContent(broken);
    expect(diagnostics.filter((d) => d.file.includes('05-utf16'))).toEqual([]);
  });

  it('exits 1 and prints path:line:col: lỗi: … [code] lines from the command line', () => {
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'check', broken], { cwd: repo, encoding: 'utf8' });
    } catch (err) {
      ({ status, stdout: out } = err as { status: number; stdout: string });
    }
    expect(status).toBe(1);
    expect(out).toContain('courses/cau-hoi/quiz.md:11:1: lỗi: Câu hỏi "q1" không có phương án đúng nào ("[x]"). [quiz.no_correct_option]');
    expect(out).toContain('courses/khai-bao/quiz.md:3:1: lỗi: passMark là phần trăm số điểm cần đạt, phải từ 0 đến 100; ở đây là 150. [quiz.pass_mark_range]');
    expect(out).toMatch(/0 khoá học hợp lệ, \d+ lỗi, \d+ cảnh báo\./);
  });

  it('--fix rewrites decomposed Vietnamese as NFC, after which the file checks clean', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sansang-fix-'));
    await cp(join(broken, 'courses/ma-hoa'), join(dir, 'courses/ma-hoa'), { recursive: true });
    const file = join(dir, 'courses/ma-hoa/04-to-hop.md');
    expect((await readFile(file, 'utf8')).includes('Văn bản'.normalize('NFD'))).toBe(true);
    const fixed = await compileContent(dir, { fix: true });
    expect(fixed.diagnostics.find((d) => d.code === 'text.not_nfc')?.severity).toBe('warning');
    const text = await readFile(file, 'utf8');
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Văn bản điện tử được ký số.');
    expect((await compileContent(dir)).diagnostics.map((d) => d.code)).not.toContain('text.not_nfc');
  });
});
