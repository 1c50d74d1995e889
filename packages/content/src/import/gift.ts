import type { Diagnostics } from '../diagnostic.ts';
import { tagOf, type ImportedQuestion } from './question-markdown.ts';

/** Splits at unescaped occurrences of `mark`; escapes are kept for `unescape` to resolve later. */
function splitUnescaped(text: string, mark: RegExp): { text: string; at: number; mark: string }[] {
  const out: { text: string; at: number; mark: string }[] = [];
  let start = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') { i++; continue; }
    const m = mark.exec(text.slice(i));
    if (m && m.index === 0) {
      out.push({ text: text.slice(start, i), at: start, mark: current });
      current = m[0];
      start = i + m[0].length;
      i += m[0].length - 1;
    }
  }
  out.push({ text: text.slice(start), at: start, mark: current });
  return out;
}

const unescape = (s: string) => s.replace(/\\n/g, '\n').replace(/\\([~=#{}:\\-])/g, '$1').trim();
const stripFormat = (s: string) => s.replace(/^\s*\[(html|markdown|plain|moodle)\]/i, '');
const stripTags = (s: string) => s.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '');

/** Index of the first unescaped `ch` from `from`, or -1. */
function findUnescaped(text: string, ch: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

function lineCol(text: string, offset: number, firstLine: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: firstLine + before.length - 1, col: before.at(-1)!.length + 1 };
}

/**
 * Moodle GIFT → questions. Supported: multiple choice (one or several right answers, by
 * weights), true/false, short answer, numeric (value:tolerance or min..max), matching, and
 * missing-word questions; per-answer feedback goes into the explanation. Essays,
 * descriptions, several answer blocks in one question, partial credit, a second numeric
 * answer and anything unreadable are reported with their line, never dropped silently.
 */
export function parseGift(text: string, diags: Diagnostics): ImportedQuestion[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: { text: string; line: number }[] = [];
  let current: string[] = [];
  let startLine = 0;
  // Questions are separated by blank lines; a comment line keeps its place so lines count right.
  lines.forEach((raw, i) => {
    const comment = /^\s*\/\//.test(raw);
    if (raw.trim() === '' && !comment) {
      if (current.some((l) => l.trim())) blocks.push({ text: current.join('\n'), line: startLine });
      current = [];
      return;
    }
    if (current.length === 0) startLine = i + 1;
    current.push(comment ? '' : raw);
  });
  if (current.some((l) => l.trim())) blocks.push({ text: current.join('\n'), line: startLine });

  const out: ImportedQuestion[] = [];
  let tags: string[] = [];
  for (const block of blocks) {
    let body = block.text;
    let line = block.line;
    const category = /^\s*\$CATEGORY:\s*(.*)$/m.exec(body);
    if (category) {
      const last = category[1]!.split('/').filter(Boolean).at(-1) ?? '';
      tags = tagOf(last) ? [tagOf(last)] : [];
      body = body.replace(category[0], '');
      if (!body.trim()) continue;
    }
    body = body.trimStart();
    line += block.text.slice(0, block.text.indexOf(body)).split('\n').length - 1;
    const at = (offset: number) => lineCol(body, offset, line);
    const title = /^::(.*?)::/s.exec(body);
    const afterTitle = title ? title[0].length : 0;
    const open = findUnescaped(body, '{', afterTitle);
    const label = title?.[1]?.trim() || body.slice(afterTitle, afterTitle + 40).trim();
    if (open < 0) {
      diags.error(at(0), 'gift.unsupported', `"${label}": đoạn mô tả (description) không có phần trả lời {…}; không nhập được thành câu hỏi.`);
      continue;
    }
    const close = findUnescaped(body, '}', open + 1);
    if (close < 0) {
      diags.error(at(open), 'gift.syntax', `"${label}": thiếu dấu "}" đóng phần trả lời mở ở đây.`);
      continue;
    }
    const second = findUnescaped(body, '{', close + 1);
    if (second >= 0) {
      diags.error(at(second), 'gift.unsupported', `"${label}": câu có nhiều hơn một phần trả lời {…} (nhiều chỗ trống) không được hỗ trợ; hãy tách thành từng câu riêng.`);
      continue;
    }
    const before = stripTags(stripFormat(body.slice(afterTitle, open)));
    const after = stripTags(body.slice(close + 1));
    const prompt = unescape(after.trim() ? `${before.trim()} ___ ${after.trim()}` : before);
    const inner = body.slice(open + 1, close);
    const report = (code: string): Report => (offset, message) => diags.error(at(open + 1 + offset), code, `"${label}": ${message}`);
    const answer = readGiftAnswer(inner, { unsupported: report('gift.unsupported'), syntax: report('gift.syntax') });
    if (!answer) continue;
    if (!prompt) {
      diags.error(at(0), 'gift.syntax', 'Câu hỏi không có nội dung.');
      continue;
    }
    out.push({ line: at(0).line, prompt, tags, ...answer });
  }
  return out;
}

type Report = (offset: number, message: string) => void;
type Reports = { unsupported: Report; syntax: Report };
type Read = { answer: ImportedQuestion['answer']; notes: string[] } | null;

/** One `=`/`~` answer: `=%50%text#feedback`. `at` is where its mark stands in the answer block. */
type GiftAnswer = { mark: string; weight: number | null; text: string; feedback: string; at: number };

function readAnswers(block: string, offset: number): GiftAnswer[] {
  return splitUnescaped(block, /^[=~]/).map((t) => {
    const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(t.text);
    const [text = '', ...feedback] = splitUnescaped(t.text.slice(weight?.[0].length ?? 0), /^#/).map((p) => p.text);
    return { mark: t.mark, weight: weight ? Number(weight[1]) : null, text, feedback: unescape(stripTags(feedback.join('#'))), at: offset + t.at - t.mark.length };
  });
}

/**
 * Our questions have one explanation and no per-answer feedback, so Moodle's per-answer
 * feedback is kept in the explanation, each labelled with the answer it belongs to.
 */
const feedbackNote = (answer: string | null, feedback: string) =>
  `Phản hồi cho ${answer === null ? 'mọi câu trả lời khác' : `câu trả lời "${answer}"`}: ${feedback}`;
const notesOf = (answers: GiftAnswer[], label: (a: GiftAnswer) => string | null = (a) => unescape(a.text)) =>
  answers.filter((a) => a.feedback).map((a) => feedbackNote(label(a), a.feedback));

/** We grade all or nothing, so an answer worth part of the marks has no faithful equivalent. */
const partialCredit = (answer: string, weight: number) =>
  `câu trả lời "${answer}" chỉ được ${weight}% số điểm; bài kiểm tra của chúng tôi không chấm điểm từng phần nên câu trả lời này không được nhập. Hãy xem lại câu hỏi.`;

function readGiftAnswer(inner: string, report: Reports): Pick<ImportedQuestion, 'answer' | 'explanation'> | null {
  const [main = '', general] = splitUnescaped(inner, /^####/).map((p) => p.text);
  const read = readMain(main, report);
  if (!read) return null;
  const explanation = [general === undefined ? '' : unescape(stripTags(general)), ...read.notes].filter(Boolean).join('\n\n');
  return explanation ? { answer: read.answer, explanation } : { answer: read.answer };
}

function readMain(main: string, report: Reports): Read {
  const trimmed = main.trim();
  const lead = main.length - main.trimStart().length;
  if (trimmed === '') {
    report.unsupported(0, 'câu tự luận (essay) không được hỗ trợ; hãy đổi thành câu trả lời ngắn hoặc trắc nghiệm.');
    return null;
  }
  if (/^(T|TRUE|F|FALSE)\s*(#|$)/i.test(trimmed)) return readTrueFalse(trimmed);
  if (trimmed.startsWith('#')) return readNumeric(readAnswers(main.slice(lead + 1), lead + 1), report);
  const [head, ...answers] = readAnswers(main, 0);
  if (head?.text.trim() || answers.length === 0) {
    report.syntax(0, 'phần trả lời phải bắt đầu bằng "=" (đúng) hoặc "~" (sai).');
    return null;
  }
  if (answers.every((a) => a.mark === '=') && answers.some((a) => /(?<!\\)->/.test(a.text))) return readMatching(answers, report);
  if (answers.every((a) => a.mark === '=')) return readShort(answers, report);
  return readChoice(answers, report);
}

/** `{T#feedback if answered wrongly#feedback if answered rightly}`, as Moodle reads it. */
function readTrueFalse(trimmed: string): Read {
  const [value = '', wrong = '', ...right] = splitUnescaped(trimmed, /^#/).map((p) => p.text);
  const truth = /^T/i.test(value.trim());
  const label = (answeredTrue: boolean) => (answeredTrue ? 'Đúng' : 'Sai');
  const feedback: [string, string][] = [[label(!truth), wrong], [label(truth), right.join('#')]];
  const notes = feedback.map(([answer, text]) => [answer, unescape(stripTags(text))] as const)
    .filter(([, text]) => text).map(([answer, text]) => feedbackNote(answer, text));
  return { answer: { type: 'truefalse', value: truth }, notes };
}

/** `#3.14:0.01`, `#1..5`, or several `=value` answers, of which only one full-credit value fits our format. */
function readNumeric(answers: GiftAnswer[], report: Reports): Read {
  let kept: { value: number; tolerance: number; spec: string } | null = null;
  for (const a of answers) {
    // "~" opens Moodle's feedback for any other answer; "" is the single-answer form or the space before the first "=".
    if (a.mark === '~' || (a.mark === '' && !a.text.trim())) continue;
    const spec = unescape(a.text);
    const value = readNumber(spec);
    if (!value) {
      report.syntax(a.at, `đáp án số "${spec}" không đọc được (dạng #3.14:0.01 hoặc #1..5).`);
      return null;
    }
    const weight = a.weight ?? 100;
    if (weight >= 100 && !kept) kept = { ...value, spec };
    else if (weight >= 100) report.unsupported(a.at, `đáp án số thứ hai "${spec}" không được hỗ trợ: mỗi câu chỉ có một giá trị ± sai số; đã giữ "${kept!.spec}".`);
    else if (weight > 0) report.unsupported(a.at, partialCredit(spec, weight));
  }
  if (!kept) {
    report.unsupported(0, 'không có đáp án số nào được trọn điểm nên không nhập được câu này.');
    return null;
  }
  const notes = notesOf(answers, (a) => (a.mark === '~' ? null : unescape(a.text)));
  return { answer: { type: 'numeric', value: kept.value, tolerance: kept.tolerance }, notes };
}

function readNumber(spec: string): { value: number; tolerance: number } | null {
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(spec);
  const tol = /^(-?[\d.]+)(?::([\d.]+))?$/.exec(spec);
  const [value, tolerance] = range
    ? [(Number(range[1]) + Number(range[2])) / 2, Math.abs(Number(range[2]) - Number(range[1])) / 2]
    : tol ? [Number(tol[1]), Number(tol[2] ?? 0)] : [NaN, NaN];
  return Number.isFinite(value) && Number.isFinite(tolerance) ? { value, tolerance } : null;
}

function readMatching(answers: GiftAnswer[], report: Reports): Read {
  const pairs: [string, string][] = [];
  for (const a of answers) {
    const [l, r] = a.text.split(/(?<!\\)->/);
    if (l === undefined || r === undefined || !r.trim()) {
      report.syntax(a.at, 'mỗi cặp ghép phải có dạng "=vế trái -> vế phải".');
      return null;
    }
    if (l.trim()) pairs.push([unescape(l), unescape(r)]);
    else report.unsupported(a.at, `vế phải thừa "${unescape(r)}" (không có vế trái) không được hỗ trợ; đã bỏ khỏi câu ghép.`);
  }
  return { answer: { type: 'matching', pairs }, notes: notesOf(answers) };
}

function readShort(answers: GiftAnswer[], report: Reports): Read {
  const accepted: string[] = [];
  for (const a of answers) {
    const weight = a.weight ?? 100;
    if (weight >= 100) accepted.push(unescape(a.text));
    else if (weight > 0) report.unsupported(a.at, partialCredit(unescape(a.text), weight));
  }
  if (accepted.length === 0) {
    report.unsupported(0, 'không có câu trả lời nào được trọn điểm nên không nhập được câu này.');
    return null;
  }
  return { answer: { type: 'short', accepted }, notes: notesOf(answers) };
}

/**
 * Like Moodle: with an "=" the learner picks one option and only "=" earns full marks;
 * without one, every option of positive weight belongs to the right set.
 */
function readChoice(answers: GiftAnswer[], report: Reports): Read {
  const single = answers.some((a) => a.mark === '=');
  const options = answers.map((a) => {
    const weight = a.mark === '=' ? 100 : a.weight ?? 0;
    if (single && weight > 0 && weight < 100) report.unsupported(a.at, partialCredit(unescape(a.text), weight));
    return { text: unescape(a.text), correct: single ? weight >= 100 : weight > 0 };
  });
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) {
    report.syntax(0, 'không có đáp án đúng nào ("=" hoặc trọng số dương).');
    return null;
  }
  if (single && correct > 1) {
    report.unsupported(answers.filter((a) => a.mark === '=')[1]!.at, 'câu một lựa chọn có nhiều hơn một đáp án "=" trọn điểm; định dạng của chúng tôi chỉ cho một đáp án đúng. Hãy giữ một "=" hoặc đổi thành câu nhiều lựa chọn.');
    return null;
  }
  return { answer: { type: correct > 1 ? 'multiple' : 'single', options }, notes: notesOf(answers) };
}
