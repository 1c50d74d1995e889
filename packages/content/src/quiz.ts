import { createHash } from 'node:crypto';
import { Quiz, type Course } from '@sansang/core/schema';
import type { Heading, List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostics, Position } from './diagnostic.ts';
import type { QuestionSource } from './item-writing.ts';
import { parseMarkdown, renderNodes } from './markdown.ts';

type Question = Course.Question;
const TYPES = ['multiple', 'truefalse', 'short', 'numeric', 'ordering', 'matching'] as const;
type Kind = 'single' | (typeof TYPES)[number];
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** `Prompt text {#q01 .multiple tags=a,b difficulty=easy}` → the prompt and its attributes. */
const ATTRS = /\s*\{([^{}]*)\}\s*$/;
const TRUE = new Set(['đúng', 'true']);
const FALSE = new Set(['sai', 'false']);
const NUMERIC = /^(.+?)(?:\s*(?:±|\+-|\+\/-)\s*(.+))?$/;

/** An id that says nothing about the item's place in the answer. */
const opaqueId = (questionId: string, i: number, text: string) =>
  createHash('sha256').update(`${questionId}\u0000${i}\u0000${text}`).digest('base64url').slice(0, 8);

type Attributes = { id?: string; kind: Kind; tags: string[]; difficulty: Question['difficulty']; ignoreAccents: boolean; law: string[] };

function readAttributes(tokens: string[], at: Position, diags: Diagnostics): Attributes {
  const out: Attributes = { kind: 'single', tags: [], difficulty: 'medium', ignoreAccents: false, law: [] };
  const kinds: Kind[] = [];
  for (const t of tokens) {
    if (t.startsWith('#')) out.id = t.slice(1);
    else if (t === '.ignore-accents') out.ignoreAccents = true;
    else if (t.startsWith('.') && (TYPES as readonly string[]).includes(t.slice(1))) kinds.push(t.slice(1) as Kind);
    else if (t.startsWith('tags=')) out.tags = t.slice(5).split(',').filter(Boolean);
    else if (t.startsWith('law=')) out.law = t.slice(4).split(',').filter(Boolean);
    else if (t.startsWith('difficulty=') && (DIFFICULTIES as readonly string[]).includes(t.slice(11))) out.difficulty = t.slice(11) as Question['difficulty'];
    else {
      diags.error(at, 'quiz.unknown_attribute',
        `Thuộc tính "${t}" không được hỗ trợ; dùng {#ma}, một loại (${TYPES.map((k) => '.' + k).join(', ')}), .ignore-accents, tags=a,b, difficulty=easy|medium|hard, law=ma-van-ban.`);
    }
  }
  if (kinds.length > 1) diags.error(at, 'quiz.unknown_attribute', `Một câu hỏi chỉ có một loại, ở đây có ${kinds.map((k) => '.' + k).join(' và ')}.`);
  out.kind = kinds[0] ?? 'single';
  if (out.ignoreAccents && out.kind !== 'short') diags.error(at, 'quiz.unknown_attribute', '.ignore-accents chỉ dùng cho câu trả lời ngắn (.short).');
  return out;
}

/** A question as read, with where it was written and the law register entries it cites (`law=`). */
export type ParsedQuestions = { questions: Question[]; sources: (QuestionSource & { law: string[] })[] };

/**
 * Reads questions from the body of quiz.md: each `##` heading opens a question; its type
 * decides how the list under it is read (see content/README.md); a `>` quote is the explanation.
 */
export function parseQuestions(tree: Root, bodyLine: number, diags: Diagnostics): ParsedQuestions {
  const where = (node: { position?: { start: { line: number; column: number } } }): Position =>
    ({ line: (node.position?.start.line ?? 1) + bodyLine - 1, col: node.position?.start.column ?? 1 });
  const groups: { heading: Heading; rest: RootContent[] }[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) groups.push({ heading: node, rest: [] });
    else if (groups.length > 0) groups.at(-1)!.rest.push(node);
    else if (node.type !== 'heading') diags.warn(where(node), 'quiz.text_outside_question', 'Đoạn này nằm ngoài mọi câu hỏi và sẽ không được hiển thị.');
  }
  const seen = new Map<string, number>();
  const questions: Question[] = [];
  const sources: ParsedQuestions['sources'] = [];
  for (const { heading, rest } of groups) {
    const at = where(heading);
    const title = toString(heading);
    const attrs = readAttributes(ATTRS.exec(title)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [], at, diags);
    const id = attrs.id;
    if (!id) {
      diags.error(at, 'quiz.missing_id', `Câu hỏi "${title}" thiếu mã, hãy thêm {#ma-cau-hoi} vào cuối dòng tiêu đề.`);
      continue;
    }
    if (seen.has(id)) diags.error(at, 'quiz.duplicate_id', `Mã câu hỏi "${id}" đã dùng ở dòng ${seen.get(id)}.`);
    seen.set(id, at.line);
    const lists = rest.filter((n): n is List => n.type === 'list');
    const items = lists.flatMap((l) => l.children);
    if (lists.length === 0) {
      diags.error(at, 'quiz.no_options', `Câu hỏi "${id}" chưa có đáp án (danh sách "- …" ngay dưới tiêu đề; xem content/README.md).`);
      continue;
    }
    const explanation = rest.filter((n) => n.type === 'blockquote');
    const prompt = rest.filter((n) => n.type !== 'list' && n.type !== 'blockquote');
    const headingChildren = heading.children.map((c) => (c.type === 'text' ? { ...c, value: c.value.replace(ATTRS, '') } : c));
    const common = {
      id,
      promptHtml: renderNodes([{ type: 'paragraph', children: headingChildren }, ...prompt]),
      explanationHtml: explanation.length > 0 ? renderNodes(explanation.flatMap((b) => (b.type === 'blockquote' ? b.children : []))) : null,
      tags: attrs.tags,
      difficulty: attrs.difficulty,
    };
    const answer = readAnswer({ ...attrs, id }, lists, items, at, where, diags);
    if (answer) {
      questions.push({ ...common, ...answer } as Question);
      sources.push({ at, optionsAt: items.map(where), law: attrs.law });
    }
  }
  return { questions, sources };
}

type Common = 'id' | 'promptHtml' | 'explanationHtml' | 'tags' | 'difficulty';
type Answer = Question extends infer Q ? (Q extends Question ? Omit<Q, Common> : never) : never;

function readAnswer(attrs: Attributes & { id: string }, lists: List[], items: ListItem[], at: Position,
  where: (n: ListItem) => Position, diags: Diagnostics): Answer | null {
  const { id, kind } = attrs;
  const text = (item: ListItem) => toString(item).trim();
  const bad = (node: ListItem | null, message: string) => {
    diags.error(node ? where(node) : at, 'quiz.bad_answer', message);
    return null;
  };
  const tasks = items.filter((i) => typeof i.checked === 'boolean');
  if (kind !== 'single' && kind !== 'multiple' && tasks.length > 0) {
    return bad(tasks[0]!, `Câu "${id}" (.${kind}) không dùng ô "[ ]"/"[x]"; xem cách viết đáp án trong content/README.md.`);
  }
  switch (kind) {
    case 'single':
    case 'multiple': {
      for (const item of items) {
        if (typeof item.checked !== 'boolean') diags.error(where(item), 'quiz.option_not_task', 'Phương án phải bắt đầu bằng "[ ]" (sai) hoặc "[x]" (đúng).');
      }
      const correct = items.filter((o) => o.checked === true).length;
      if (items.length < 2) diags.error(at, 'quiz.too_few_options', `Câu hỏi "${id}" cần ít nhất 2 phương án.`);
      if (correct === 0) diags.error(at, 'quiz.no_correct_option', `Câu hỏi "${id}" không có phương án đúng nào ("[x]").`);
      if (correct > 1 && kind === 'single') {
        diags.error(at, 'quiz.several_correct', `Câu hỏi "${id}" có ${correct} phương án đúng; thêm .multiple vào tiêu đề nếu đó là câu nhiều đáp án.`);
      }
      return { type: kind, options: items.map((item, i) => ({ id: String.fromCharCode(97 + i), html: renderNodes(item.children), correct: item.checked === true })) };
    }
    case 'truefalse': {
      const value = items.length === 1 ? text(items[0]!).toLocaleLowerCase('vi') : '';
      if (!TRUE.has(value) && !FALSE.has(value)) return bad(items[0] ?? null, `Câu đúng/sai "${id}" cần đúng một dòng đáp án: "- Đúng" hoặc "- Sai".`);
      return { type: 'truefalse', answer: TRUE.has(value) };
    }
    case 'short': {
      const accepted = items.map(text);
      const empty = items.find((i) => text(i) === '');
      if (empty) return bad(empty, `Câu "${id}" có một đáp án để trống.`);
      return { type: 'short', accepted, ignoreAccents: attrs.ignoreAccents };
    }
    case 'numeric': {
      const m = items.length === 1 ? NUMERIC.exec(text(items[0]!)) : null;
      const value = m ? Quiz.readNumber(m[1]!) : null;
      const tolerance = m?.[2] === undefined ? 0 : Quiz.readNumber(m[2]);
      if (value === null || tolerance === null || tolerance < 0) {
        return bad(items[0] ?? null, `Câu số "${id}" cần đúng một dòng đáp án dạng "- 12" hoặc "- 12,5 ± 0,5".`);
      }
      return { type: 'numeric', value, tolerance };
    }
    case 'ordering': {
      if (lists.length !== 1 || !lists[0]!.ordered || items.length < 3) {
        return bad(items[0] ?? null, `Câu sắp xếp "${id}" cần một danh sách đánh số "1. …" với ít nhất 3 bước theo đúng thứ tự.`);
      }
      return { type: 'ordering', items: items.map((item, i) => ({ id: opaqueId(id, i, text(item)), html: renderNodes(item.children) })) };
    }
    case 'matching': {
      const pairs = [];
      for (const [i, item] of items.entries()) {
        const [left, right, ...more] = text(item).split(/\s*(?:=>|→)\s*/);
        if (!left || !right || more.length > 0) return bad(item, `Câu ghép "${id}": mỗi dòng phải có dạng "- vế trái => vế phải".`);
        pairs.push({ id: opaqueId(id, i, left), rightId: opaqueId(id, i, right + '\u0001'), leftHtml: renderInline(left), rightHtml: renderInline(right) });
      }
      if (pairs.length < 3) return bad(items[0] ?? null, `Câu ghép "${id}" cần ít nhất 3 cặp.`);
      return { type: 'matching', pairs };
    }
  }
}

function renderInline(markdown: string): string {
  return renderNodes(parseMarkdown(markdown).children);
}
