import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileContent, format, importAiken, importGift, ITEM_WRITING_CODES } from '../index.ts';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/import/', import.meta.url));

/**
 * The imported Markdown, dropped into a course, must pass `content check` as it stands: no
 * error, and no warning but the item-writing advice on the bank itself (a key longer than its
 * distractors, a pool small for its draw), which the trainer reviews after importing.
 */
async function compileImported(markdown: string) {
  const root = await mkdtemp(join(tmpdir(), 'sansang-import-'));
  const dir = join(root, 'courses', 'nhap');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'course.md'), '---\ntitle: Nhập\nsummary: Khoá nhập từ Moodle.\nversion: 1\nestimatedMinutes: 5\n---\n');
  await writeFile(join(dir, '01-bai.md'), '---\ntitle: Bài\n---\n\nNội dung.\n');
  await writeFile(join(dir, 'quiz.md'), markdown);
  const { courses, diagnostics } = await compileContent(root);
  const advice = new Set<string>(ITEM_WRITING_CODES);
  expect(diagnostics.filter((d) => d.severity === 'error' || !advice.has(d.code)).map(format)).toEqual([]);
  return courses[0]!.quiz!.questions;
}

describe('GIFT import', () => {
  it('turns every supported question type into our Markdown, keeping Vietnamese text, answers and feedback', async () => {
    const result = await importGift(join(fixtures, 'an-toan.gift'));
    const questions = await compileImported(result.markdown);
    expect(result.imported).toBe(14);
    expect(questions.map((q) => q.type)).toEqual(['single', 'multiple', 'truefalse', 'short', 'numeric', 'numeric', 'matching', 'single', 'single', 'single', 'short', 'numeric', 'truefalse', 'single']);
    const [mc, multi, tf, short, num, range, match, missingWord, escaped, lastCategory] = questions;
    expect(mc).toMatchObject({ promptHtml: '<p>Thư nào có dấu hiệu lừa đảo rõ nhất?</p>', tags: ['an-toan-thong-tin'] });
    expect(mc?.explanationHtml).toContain('<p>Gấp gáp và đòi mật khẩu là dấu hiệu điển hình.</p>');
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

  it('keeps per-answer and true/false feedback in the explanation, each labelled with its answer', async () => {
    const questions = await compileImported((await importGift(join(fixtures, 'an-toan.gift'))).markdown);
    const explanation = (i: number) => questions[i]!.explanationHtml!.replace(/<\/?p>/g, '').split('\n');
    expect(explanation(0)).toEqual([
      'Gấp gáp và đòi mật khẩu là dấu hiệu điển hình.',
      'Phản hồi cho câu trả lời "Thư "bộ phận CNTT" đòi xác minh mật khẩu trong 24 giờ": Đúng, gấp gáp là dấu hiệu.',
    ]);
    expect(explanation(11)).toEqual([
      'Phản hồi cho câu trả lời "6:0": Đúng, phổ biến nhất là 6 chữ số.',
      'Phản hồi cho mọi câu trả lời khác: Hãy xem lại tin nhắn OTP gần nhất bạn nhận được.',
    ]);
    // Moodle shows the first true/false feedback to a wrong answer, the second to a right one.
    expect(explanation(12)).toEqual([
      'Phản hồi cho câu trả lời "Đúng": OTP chỉ dành cho chính bạn, không ai được nhập hộ.',
      'Phản hồi cho câu trả lời "Sai": Chính xác: không bao giờ chia sẻ OTP.',
    ]);
    expect(explanation(13)).toEqual(['Phản hồi cho câu trả lời "Ngắt kết nối mạng của máy": Đúng: cách ly máy để mã độc không lây sang máy khác.']);
  });

  it('says which questions and answers it could not take, with their line, instead of dropping them', async () => {
    const { diagnostics } = await importGift(join(fixtures, 'an-toan.gift'));
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual([
      '38:68 gift.unsupported', '40:1 gift.unsupported', '42:33 gift.syntax',
      '48:3 gift.unsupported', '53:3 gift.unsupported', '54:3 gift.unsupported', '62:3 gift.unsupported', '66:48 gift.unsupported',
    ]);
    const message = (line: number) => diagnostics.find((d) => d.line === line)!.message;
    expect(message(38)).toContain('tự luận (essay)');
    expect(message(40)).toContain('mô tả (description)');
    expect(message(48)).toContain('"Ban Cơ yếu" chỉ được 50% số điểm');
    expect(message(53)).toContain('"6:2" chỉ được 50% số điểm');
    expect(message(54)).toContain('đáp án số thứ hai "8"');
    expect(message(62)).toContain('"Báo cán bộ CNTT" chỉ được 50% số điểm');
    expect(message(66)).toContain('nhiều hơn một phần trả lời');
  });

  it('imports what it can of a question it reports: the full-credit answers, never a partial one as right', async () => {
    const questions = await compileImported((await importGift(join(fixtures, 'an-toan.gift'))).markdown);
    expect(questions[10]).toMatchObject({ accepted: ['Ban Cơ yếu Chính phủ'] });
    expect(questions[11]).toMatchObject({ value: 6, tolerance: 0 });
    expect(questions[13]).toMatchObject({ options: [{ correct: true }, { correct: false }, { correct: false }] });
    // The question with two answer blocks is not imported with its second block left as text.
    expect(questions.map((q) => q.promptHtml).join()).not.toContain('Bộ Công an');
  });

  it('names the file in its findings as it was given, so an editor can jump to it', async () => {
    const given = relative(process.cwd(), join(fixtures, 'an-toan.gift'));
    const { diagnostics } = await importGift(given);
    expect(given).toContain('fixtures/import/');
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set([given]));
    expect(format(diagnostics[0]!)).toMatch(new RegExp(`^${given.replace(/[.]/g, '\\.')}:38:68: lỗi: `));
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
