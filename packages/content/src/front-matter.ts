import * as v from 'valibot';
import { LineCounter, parseDocument, isMap, isScalar, type Pair } from 'yaml';
import type { Diagnostics } from './diagnostic.ts';

export type Parsed<T> = { data: T | null; body: string; bodyLine: number };

/**
 * Splits `---` YAML front matter from a Markdown file and validates it against `schema`,
 * reporting unknown keys and invalid values at the line of the key that holds them.
 */
export function readFrontMatter<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(
  text: string,
  schema: S,
  diags: Diagnostics,
): Parsed<v.InferOutput<S>> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) {
    diags.error({ line: 1, col: 1, }, 'frontmatter.missing', 'Thiếu phần khai báo đầu tệp (front matter) nằm giữa hai dòng "---".');
    return { data: null, body: text, bodyLine: 1 };
  }
  const yamlText = match[1] ?? '';
  const bodyLine = match[0].split('\n').length;
  const body = text.slice(match[0].length);
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + 1, col: p.col };
  };
  for (const e of doc.errors) {
    diags.error(at(e.pos[0]), 'frontmatter.yaml', `Front matter không phải YAML hợp lệ: ${e.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { data: null, body, bodyLine };
  if (!isMap(doc.contents)) {
    diags.error({ line: 2, col: 1 }, 'frontmatter.not_a_map', 'Front matter phải là các cặp "khoá: giá trị".');
    return { data: null, body, bodyLine };
  }
  const keyAt = new Map<string, { line: number; col: number }>();
  for (const pair of doc.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const pos = at(isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0);
    keyAt.set(key, pos);
    if (!(key in schema.entries)) {
      diags.error(pos, 'frontmatter.unknown_key', `Khoá "${key}" không được hỗ trợ; các khoá hợp lệ: ${Object.keys(schema.entries).join(', ')}.`);
    }
  }
  const raw = doc.toJS() as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(raw).filter(([k]) => k in schema.entries));
  const result = v.safeParse(schema, known);
  if (!result.success) {
    for (const issue of result.issues) {
      const top = String(issue.path?.[0]?.key ?? '');
      const where = keyAt.get(top) ?? { line: 2, col: 1 };
      const path = v.getDotPath(issue) ?? top;
      const message = issue.kind === 'schema' && issue.received === 'undefined'
        ? `Thiếu khoá bắt buộc "${path}".`
        : `Giá trị của "${path}" không hợp lệ: ${issue.message}.`;
      diags.error(where, issue.received === 'undefined' ? 'frontmatter.missing_key' : 'frontmatter.invalid_value', message);
    }
    return { data: null, body, bodyLine };
  }
  return { data: result.output, body, bodyLine };
}
