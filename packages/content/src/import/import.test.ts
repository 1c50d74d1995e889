import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileContent, format, importAiken, importGift } from '../index.ts';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/import/', import.meta.url));

/** The imported Markdown, dropped into a course, must pass `content check` as it stands. */
async function compileImported(markdown: string) {
  const root = await mkdtemp(join(tmpdir(), 'sansang-import-'));
  const dir = join(root, 'courses', 'nhap');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'course.md'), '---\ntitle: Nhập\nsummary: Khoá nhập từ Moodle.\nversion: 1\nestimatedMinutes: 5\n---\n');
  await writeFile(join(dir, '01-bai.md'), '---\ntitle: Bài\n---\n\nNội dung.\n');
  await writeFile(join(dir, 'quiz.md'), markdown);
  const { courses, diagnostics } = await compileContent(root);
  expect(diagnostics.map(format)).toEqual([]);
  return courses[0]!.quiz!.questions;
}

describe('GIFT import', () => {
  it('turns every supported question type into our Markdown, keeping Vietnamese text, answers and feedback', async () => {
    const result = await importGift(join(fixtures, 'an-toan.gift'));
    const questions = await compileImported(result.markdown);
    expect(result.imported).toBe(10);
    expect(questions.map((q) => q.type)).toEqual(['single', 'multiple', 'truefalse', 'short', 'numeric', 'numeric', 'matching', 'single', 'single', 'single']);
    const [mc, multi, tf, short, num, range, match, missingWord, escaped, lastCategory] = questions;
    expect(mc).toMatchObject({ promptHtml: '<p>Thư nào có dấu hiệu lừa đảo rõ nhất?</p>', explanationHtml: '<p>Gấp gáp và đòi mật khẩu là dấu hiệu điển hình.</p>', tags: ['an-toan-thong-tin'] });
    expect(mc).toMatchObject({ options: [{ correct: false }, { correct: true, html: '<p>Thư "bộ phận CNTT" đòi xác minh mật khẩu trong 24 giờ</p>' }, { correct: false }] });
    expect(multi).toMatchObject({ options: [{ correct: true }, { correct: true }, { correct: false }] });
    expect(tf).toMatchObject({ answer: false });
    expect(short).toMatchObject({ accepted: ['Cổng Dịch vụ công quốc gia', 'Cổng DVC quốc gia'] });
    expect(num).toMatchObject({ value: 12, tolerance: 2 });
    expect(range).toMatchObject({ value: 3, tolerance: 1 });
    expect(match).toMatchObject({ pairs: [{ leftHtml: '<p>Word</p>', rightHtml: '<p>Soạn thảo văn bản</p>' }, {}, {}] });
    expect(missingWord?.promptHtml).toBe('<p>Mã OTP ___ cung cấp cho người khác.</p>');
    expect(escaped?.promptHtml).toBe('<p>Công thức tính tổng trong Excel là =SUM(A1:A5), ký hiệu { } dùng làm gì?</p>');
    expect(lastCategory?.tags).toEqual(['thu-cong-vu']);
  });

  it('says which questions it could not take, with their line, instead of dropping them', async () => {
    const { diagnostics } = await importGift(join(fixtures, 'an-toan.gift'));
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['38:68 gift.unsupported', '40:1 gift.unsupported', '42:33 gift.syntax']);
    expect(diagnostics[0]!.message).toContain('tự luận (essay)');
    expect(diagnostics[1]!.message).toContain('mô tả (description)');
  });

  it('reads a file saved as UTF-16 with a BOM and CRLF line ends', async () => {
    const result = await importGift(join(fixtures, 'chu-ky-so-utf16.gift'));
    expect(result.diagnostics).toEqual([]);
    const questions = await compileImported(result.markdown);
    expect(questions[0]).toMatchObject({ type: 'truefalse', answer: true, promptHtml: '<p>Văn bản điện tử được ký số bằng chữ ký số chuyên dùng công vụ có giá trị pháp lý.</p>' });
    expect(questions[1]).toMatchObject({ type: 'single', options: [{ html: '<p>Ban Cơ yếu Chính phủ</p>', correct: true }, {}, {}] });
  });
});

describe('Aiken import', () => {
  it('imports the well-formed questions of a UTF-8 file with BOM and CRLF, and reports each broken one at its line', async () => {
    const result = await importAiken(join(fixtures, 'tin-hoc-van-phong.aiken.txt'));
    expect(result.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['14 aiken.syntax', '21 aiken.syntax']);
    const questions = await compileImported(result.markdown);
    expect(questions.map((q) => q.promptHtml)).toEqual([
      '<p>Phím tắt để lưu văn bản trong Word là gì?</p>',
      '<p>Định dạng tệp nào giữ nguyên bố cục khi gửi văn bản cho cơ quan khác?</p>',
      '<p>Hàm nào tính trung bình cộng trong Excel?</p>',
    ]);
    expect(questions[2]).toMatchObject({ options: [{ correct: false }, { correct: true, html: '<p>AVERAGE</p>' }, { correct: false }] });
  });
});
