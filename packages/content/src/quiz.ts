import type { Course } from '@sansang/core';
import type { Heading, List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostics } from './diagnostic.ts';
import { parseMarkdown, renderNodes } from './markdown.ts';

type QuizBundle = NonNullable<Course.Bundle['quiz']>;
type Question = QuizBundle['questions'][number];

/** `Prompt text {#q01 .multiple}` → the prompt, the id and the flags. */
const ATTRS = /\s*\{([^{}]*)\}\s*$/;

function lineOf(node: RootContent, bodyLine: number) {
  return { line: (node.position?.start.line ?? 1) + bodyLine - 1, col: node.position?.start.column ?? 1 };
}

/**
 * Reads questions from the body of quiz.md: each `##` heading opens a question, a GFM task
 * list holds its options (`[x]` marks the correct ones) and a `>` quote its explanation.
 */
export function parseQuestions(body: string, bodyLine: number, diags: Diagnostics): Question[] {
  const nodes = parseMarkdown(body).children;
  const groups: { heading: Heading; rest: RootContent[] }[] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 2) groups.push({ heading: node, rest: [] });
    else if (groups.length > 0) groups.at(-1)!.rest.push(node);
    else if (node.type !== 'heading') diags.warn(lineOf(node, bodyLine), 'quiz.text_outside_question', 'Đoạn này nằm ngoài mọi câu hỏi và sẽ không được hiển thị.');
  }
  const seen = new Map<string, number>();
  const questions: Question[] = [];
  for (const { heading, rest } of groups) {
    const at = lineOf(heading, bodyLine);
    const title = toString(heading);
    const attrs = ATTRS.exec(title);
    const tokens = attrs?.[1]?.trim().split(/\s+/) ?? [];
    const id = tokens.find((t) => t.startsWith('#'))?.slice(1);
    if (!id) {
      diags.error(at, 'quiz.missing_id', `Câu hỏi "${title}" thiếu mã, hãy thêm {#ma-cau-hoi} vào cuối dòng tiêu đề.`);
      continue;
    }
    if (seen.has(id)) diags.error(at, 'quiz.duplicate_id', `Mã câu hỏi "${id}" đã dùng ở dòng ${seen.get(id)}.`);
    seen.set(id, at.line);
    for (const t of tokens) {
      if (!t.startsWith('#') && t !== '.multiple') diags.error(at, 'quiz.unknown_attribute', `Thuộc tính "${t}" không được hỗ trợ (chỉ có {#ma} và .multiple).`);
    }
    const type = tokens.includes('.multiple') ? 'multiple' : 'single';
    const lists = rest.filter((n): n is List => n.type === 'list');
    const options = lists.flatMap((l) => l.children);
    if (lists.length === 0) {
      diags.error(at, 'quiz.no_options', `Câu hỏi "${id}" chưa có phương án trả lời (danh sách "- [ ]" / "- [x]").`);
      continue;
    }
    for (const item of options) {
      if (item.checked === null || item.checked === undefined) {
        diags.error(lineOf(item, bodyLine), 'quiz.option_not_task', 'Phương án phải bắt đầu bằng "[ ]" (sai) hoặc "[x]" (đúng).');
      }
    }
    const correct = options.filter((o) => o.checked === true).length;
    if (options.length < 2) diags.error(at, 'quiz.too_few_options', `Câu hỏi "${id}" cần ít nhất 2 phương án.`);
    if (correct === 0) diags.error(at, 'quiz.no_correct_option', `Câu hỏi "${id}" không có phương án đúng nào ("[x]").`);
    if (correct > 1 && type === 'single') {
      diags.error(at, 'quiz.several_correct', `Câu hỏi "${id}" có ${correct} phương án đúng; thêm .multiple vào tiêu đề nếu đó là câu nhiều đáp án.`);
    }
    const explanation = rest.filter((n) => n.type === 'blockquote');
    const prompt = rest.filter((n) => n.type !== 'list' && n.type !== 'blockquote');
    const headingText = { ...heading, children: heading.children.map((c) => (c.type === 'text' ? { ...c, value: c.value.replace(ATTRS, '') } : c)) };
    questions.push({
      id,
      type,
      promptHtml: renderNodes([{ type: 'paragraph', children: headingText.children }, ...prompt]),
      options: options.map((item, i) => ({ id: String.fromCharCode(97 + i), html: renderNodes(item.children), correct: item.checked === true })),
      explanationHtml: explanation.length > 0 ? renderNodes(explanation.flatMap((b) => (b.type === 'blockquote' ? b.children : []))) : null,
    });
  }
  return questions;
}
