import { describe, expect, it } from 'vitest';
import { Diagnostics } from './diagnostic.ts';
import { checkItemWriting } from './item-writing.ts';
import { parseMarkdown } from './markdown.ts';
import { parseQuestions } from './quiz.ts';

/** The item-writing findings on a quiz body, as `line code severity`. */
function lint(body: string, { draw = 0, shuffle = true } = {}) {
  const d = new Diagnostics('quiz.md');
  const { questions, sources } = parseQuestions(parseMarkdown(body), 1, d);
  const top = { line: 1, col: 1 };
  checkItemWriting({ questions, sources, draw: draw ? [{ count: draw }] : [], shuffle }, { quiz: top, draw: top }, d);
  return d.list.map((x) => `${x.line} ${x.code} ${x.severity}`);
}

const single = (id: string, key: string, ...distractors: string[]) =>
  `## Câu ${id}? {#${id}}\n\n- [x] ${key}\n${distractors.map((o) => `- [ ] ${o}\n`).join('')}\n`;
const truefalse = (id: string, answer: 'Đúng' | 'Sai') => `## Phát biểu ${id}. {#${id} .truefalse}\n\n- ${answer}\n\n`;

describe('item.key_longest', () => {
  it('warns at the key when it is 1.3× and 10+ characters longer than every distractor', () => {
    const body = single('q1', 'Báo ngay cho bộ phận công nghệ thông tin của cơ quan', 'Xoá thư đi', 'Trả lời thư', 'Bỏ qua thư');
    expect(lint(body)).toEqual(['3 item.key_longest warning']);
  });
  it('leaves options of similar length, and short options a few characters apart, alone', () => {
    expect(lint(single('q1', 'Báo cho bộ phận công nghệ thông tin', 'Chuyển thư cho cả phòng đọc thử', 'Trả lời thư để hỏi người gửi là ai'))).toEqual([]);
    expect(lint(single('q1', 'Ctrl + M', 'F5', 'Esc'))).toEqual([]);
  });
});

describe('quiz.key_longest_rate', () => {
  const keyedLongest = (n: number) => Array.from({ length: n }, (_, i) => single(`q${i}`, 'Phương án đúng dài hơn', 'Phương án sai ngắn', 'Phương án sai')).join('');
  it('warns when the key is the longest option in more than twice the share chance gives, over 5+ questions', () => {
    expect(lint(keyedLongest(5))).toEqual(['1 quiz.key_longest_rate warning']);
  });
  it('says nothing below 5 questions, or when the key is the longest no more often than by chance', () => {
    expect(lint(keyedLongest(4))).toEqual([]);
    const balanced = [0, 1, 2, 3, 4].map((i) => (i === 0 ? single(`q${i}`, 'Đúng dài hơn hẳn', 'Sai một', 'Sai hai') : single(`q${i}`, 'Đúng', 'Sai một', 'Sai hai'))).join('');
    expect(lint(balanced)).toEqual([]);
  });
});

describe('quiz.true_false_balance', () => {
  it('warns when more than 70% of 4+ true/false keys are the same answer', () => {
    expect(lint(['a', 'b', 'c', 'd'].map((id) => truefalse(id, 'Sai')).join(''))).toEqual(['1 quiz.true_false_balance warning']);
  });
  it('accepts a balanced set, and too few items to judge', () => {
    expect(lint([truefalse('a', 'Sai'), truefalse('b', 'Đúng'), truefalse('c', 'Sai'), truefalse('d', 'Đúng')].join(''))).toEqual([]);
    expect(lint(['a', 'b', 'c'].map((id) => truefalse(id, 'Sai')).join(''))).toEqual([]);
  });
});

describe('item.all_none_of_above', () => {
  it('is an error when "the options above" are shuffled away, a warning otherwise', () => {
    expect(lint(single('q1', 'Mật khẩu', 'Tất cả các đáp án trên', 'Mã OTP'))).toEqual(['4 item.all_none_of_above error']);
    expect(lint(single('q1', 'Mật khẩu', 'Tất cả các đáp án trên', 'Mã OTP'), { shuffle: false })).toEqual(['4 item.all_none_of_above warning']);
    expect(lint(single('q1', 'Mật khẩu', 'Không có đáp án nào đúng', 'Mã OTP'))).toEqual(['4 item.all_none_of_above warning']);
    expect(lint(single('q1', 'Mật khẩu', 'Cả hai phương án đều sai', 'Mã OTP'))).toEqual(['4 item.all_none_of_above warning']);
  });
  it('leaves options that merely contain "tất cả" or "trên" alone', () => {
    expect(lint(single('q1', 'Tất cả máy trong phòng', 'Máy trên tầng hai', 'Máy chủ'))).toEqual([]);
  });
});

describe('item.duplicate_option and item.near_duplicate_option', () => {
  it('is an error for options equal after case, spacing and final punctuation', () => {
    expect(lint(single('q1', 'Ổ cứng', 'ổ  cứng.', 'RAM'))).toEqual(['4 item.duplicate_option error']);
  });
  it('warns for sentences a letter or two apart, or the same words reordered', () => {
    expect(lint(single('q1', 'Gửi báo cáo cho lãnh đạo phòng', 'Gửi báo cáo cho lãnh đạo phòg', 'Lưu vào máy'))).toEqual(['4 item.near_duplicate_option warning']);
    expect(lint(single('q1', 'Tài khoản và mật khẩu', 'Mật khẩu và tài khoản', 'Số điện thoại'))).toEqual(['4 item.near_duplicate_option warning']);
  });
  it('keeps parallel distractors that differ in a number, a sign or a formula', () => {
    expect(lint(single('q1', 'Nghị quyết 57-NQ/TW', 'Nghị quyết 52-NQ/TW', 'Nghị quyết 18-NQ/TW'))).toEqual([]);
    expect(lint(single('q1', '`=COUNTIF(G2:G33;"Hoàn thành")`', '`=COUNT(G2:G33;"Hoàn thành")`', '`=SUM(G2:G33)`'))).toEqual([]);
  });
});

describe('item.negative_stem', () => {
  const asked = (stem: string) => `## ${stem} {#q1}\n\n- [x] Số tài khoản\n- [ ] Tên cơ quan\n- [ ] Chức vụ\n\n`;
  it('warns when the stem asks what is not so without setting the negation in bold or capitals', () => {
    expect(lint(asked('Thông tin nào không được gửi vào nhóm Zalo?'))).toEqual(['1 item.negative_stem warning']);
    expect(lint(asked('Chọn thông tin không nên đưa lên mạng'))).toEqual(['1 item.negative_stem warning']);
    expect(lint(asked('Phát biểu nào sau đây sai?'))).toEqual(['1 item.negative_stem warning']);
  });
  it('accepts an emphasised negation, a yes/no question and a negation that only describes the case', () => {
    expect(lint(asked('Thông tin nào **không** được gửi vào nhóm Zalo?'))).toEqual([]);
    expect(lint(asked('Thông tin nào KHÔNG được gửi vào nhóm Zalo?'))).toEqual([]);
    expect(lint(asked('Gửi số tài khoản vào nhóm Zalo có được không?'))).toEqual([]);
    expect(lint(asked('Tổ hợp phím nào xoá hẳn tệp, không qua Thùng rác?'))).toEqual([]);
  });
});

describe('quiz.pool_ratio', () => {
  const pool = (n: number) => Array.from({ length: n }, (_, i) => single(`q${i}`, `Đáp án ${i}`, `Nhiễu ${i}`)).join('');
  it('warns when the pool holds fewer than 2.5 times the questions drawn', () => {
    expect(lint(pool(4), { draw: 2 })).toEqual(['1 quiz.pool_ratio warning']);
  });
  it('accepts a pool 2.5 times the draw, and a quiz without draw (a fixed test)', () => {
    expect(lint(pool(5), { draw: 2 })).toEqual([]);
    expect(lint(pool(4))).toEqual([]);
  });
});
