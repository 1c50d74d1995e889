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
 * missing-word questions. Essays, descriptions and anything unreadable are reported with
 * their line, never dropped silently.
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
    const leading = body.length - body.trimStart().length;
    body = body.trimStart();
    line += body === '' ? 0 : block.text.slice(0, block.text.indexOf(body)).split('\n').length - 1 - (leading > 0 ? 0 : 0);
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
    const before = stripTags(stripFormat(body.slice(afterTitle, open)));
    const after = stripTags(body.slice(close + 1));
    const prompt = unescape(after.trim() ? `${before.trim()} ___ ${after.trim()}` : before);
    const inner = body.slice(open + 1, close);
    const answer = readGiftAnswer(inner, (offset, message) => diags.error(at(open + 1 + offset), 'gift.unsupported', `"${label}": ${message}`),
      (offset, message) => diags.error(at(open + 1 + offset), 'gift.syntax', `"${label}": ${message}`));
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

function readGiftAnswer(inner: string, unsupported: Report, syntax: Report): Pick<ImportedQuestion, 'answer' | 'explanation'> | null {
  const [main = '', general] = splitUnescaped(inner, /^####/).map((p) => p.text);
  const explanation = general === undefined ? undefined : unescape(stripTags(general));
  const trimmed = main.trim();
  if (trimmed === '') {
    unsupported(0, 'câu tự luận (essay) không được hỗ trợ; hãy đổi thành câu trả lời ngắn hoặc trắc nghiệm.');
    return null;
  }
  const tf = /^(T|TRUE|F|FALSE)\s*(#.*)?$/is.exec(trimmed);
  if (tf) return { answer: { type: 'truefalse', value: tf[1]!.toUpperCase().startsWith('T') }, explanation };
  if (trimmed.startsWith('#')) {
    const first = splitUnescaped(trimmed.slice(1), /^[=~]/).map((t) => t.text.trim()).find((t) => t && !/^%(\d+)%/.test(t) || /^%100%/.test(t)) ?? '';
    const spec = first.replace(/^%\d+%/, '').split(/(?<!\\)#/)[0]!.trim();
    const range = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(spec);
    const tol = /^(-?[\d.]+)(?::([\d.]+))?$/.exec(spec);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      return { answer: { type: 'numeric', value: (lo + hi) / 2, tolerance: Math.abs(hi - lo) / 2 }, explanation };
    }
    if (tol) return { answer: { type: 'numeric', value: Number(tol[1]), tolerance: Number(tol[2] ?? 0) }, explanation };
    syntax(0, `đáp án số "${spec}" không đọc được (dạng #3.14:0.01 hoặc #1..5).`);
    return null;
  }
  const tokens = splitUnescaped(main, /^[=~]/).filter((t) => t.mark !== '');
  if (tokens.length === 0) {
    syntax(0, 'phần trả lời phải bắt đầu bằng "=" (đúng) hoặc "~" (sai).');
    return null;
  }
  const answers = tokens.map((t) => {
    const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(t.text);
    const text = t.text.slice(weight?.[0].length ?? 0).split(/(?<!\\)#/)[0]!;
    return { mark: t.mark, weight: weight ? Number(weight[1]) : t.mark === '=' ? 100 : 0, text, at: t.at };
  });
  if (answers.every((a) => a.mark === '=') && answers.some((a) => /(?<!\\)->/.test(a.text))) {
    const pairs: [string, string][] = [];
    for (const a of answers) {
      const [l, r] = a.text.split(/(?<!\\)->/);
      if (l === undefined || r === undefined || !r.trim()) {
        syntax(a.at, 'mỗi cặp ghép phải có dạng "=vế trái -> vế phải".');
        return null;
      }
      if (l.trim()) pairs.push([unescape(l), unescape(r)]);
      else unsupported(a.at, `vế phải thừa "${unescape(r)}" (không có vế trái) không được hỗ trợ; đã bỏ khỏi câu ghép.`);
    }
    return { answer: { type: 'matching', pairs }, explanation };
  }
  if (answers.every((a) => a.mark === '=')) {
    return { answer: { type: 'short', accepted: answers.filter((a) => a.weight === 100).map((a) => unescape(a.text)) }, explanation };
  }
  const options = answers.map((a) => ({ text: unescape(a.text), correct: a.weight > 0 }));
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) {
    syntax(0, 'không có đáp án đúng nào ("=" hoặc trọng số dương).');
    return null;
  }
  return { answer: { type: correct > 1 ? 'multiple' : 'single', options }, explanation };
}
