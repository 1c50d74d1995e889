/** A question read from another format, before it is written as our quiz Markdown. */
export type ImportedQuestion = {
  line: number;
  prompt: string;
  explanation?: string;
  tags: string[];
  answer:
    | { type: 'single' | 'multiple'; options: { text: string; correct: boolean }[] }
    | { type: 'truefalse'; value: boolean }
    | { type: 'short'; accepted: string[] }
    | { type: 'numeric'; value: number; tolerance: number }
    | { type: 'matching'; pairs: [string, string][] };
};

/** Imported text is plain text: anything Markdown would read as syntax is escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]{}<>|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+[.)])/gm, (_, space: string, mark: string) => `${space}\\${mark}`);
}

const number = (n: number) => String(n).replace('.', ',');

/** One question in the quiz syntax of content/README.md. */
export function questionMarkdown(q: ImportedQuestion, id: string): string {
  const [first = '', ...more] = q.prompt.trim().split(/\r?\n/);
  const type = q.answer.type === 'single' ? '' : ` .${q.answer.type}`;
  const tags = q.tags.length > 0 ? ` tags=${q.tags.join(',')}` : '';
  const lines = [`## ${escapeMarkdown(first.trim())} {#${id}${type}${tags}}`, ''];
  if (more.join('').trim()) lines.push(escapeMarkdown(more.join('\n').trim()), '');
  const a = q.answer;
  switch (a.type) {
    case 'single':
    case 'multiple':
      for (const o of a.options) lines.push(`- [${o.correct ? 'x' : ' '}] ${escapeMarkdown(o.text)}`);
      break;
    case 'truefalse':
      lines.push(`- ${a.value ? 'Đúng' : 'Sai'}`);
      break;
    case 'short':
      for (const s of a.accepted) lines.push(`- ${escapeMarkdown(s)}`);
      break;
    case 'numeric':
      lines.push(`- ${number(a.value)}${a.tolerance > 0 ? ` ± ${number(a.tolerance)}` : ''}`);
      break;
    case 'matching':
      for (const [l, r] of a.pairs) lines.push(`- ${escapeMarkdown(l)} => ${escapeMarkdown(r)}`);
      break;
  }
  if (q.explanation?.trim()) lines.push('', ...q.explanation.trim().split(/\r?\n/).map((l) => `> ${escapeMarkdown(l)}`));
  return lines.join('\n');
}

export function quizMarkdown(title: string, questions: ImportedQuestion[]): string {
  const front = ['---', `title: ${JSON.stringify(title)}`, 'passMark: 70', '---', ''];
  const body = questions.map((q, i) => questionMarkdown(q, `q${String(i + 1).padStart(2, '0')}`));
  return `${front.join('\n')}\n${body.join('\n\n')}\n`;
}

/** `$CATEGORY: $course$/Top/An toàn thông tin` → `an-toan-thong-tin`. */
export function tagOf(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}
