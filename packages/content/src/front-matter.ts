import * as v from 'valibot';
import { LineCounter, parseDocument, isMap, isScalar, type Pair } from 'yaml';
import type { Diagnostics, Position } from './diagnostic.ts';

export type Parsed<T> = {
  data: T | null;
  body: string;
  bodyLine: number;
  /** Where a key was written (line 1 when it was not), to point a finding at it. */
  keyLine: (key: string) => Position;
  /**
   * The known keys as written, even when some value did not validate, so a check with a
   * code of its own (e.g. `quiz.pass_mark_range`) still runs beside the other findings.
   */
  raw: Record<string, unknown>;
};

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
    diags.error({ line: 1, col: 1 }, 'frontmatter.missing', 'Thiếu phần khai báo đầu tệp (front matter) nằm giữa hai dòng "---".');
    return { data: null, body: text, bodyLine: 1, keyLine: () => ({ line: 1, col: 1 }), raw: {} };
  }
  const bodyLine = match[0].split('\n').length;
  return { ...readYaml(match[1] ?? '', schema, diags, { firstLine: 2, code: 'frontmatter' }), body: text.slice(match[0].length), bodyLine };
}

/**
 * Validates a YAML mapping against `schema`; every finding is `<code>.yaml|not_a_map|
 * unknown_key|missing_key|invalid_value` at the line of the key concerned.
 */
export function readYaml<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(
  yamlText: string,
  schema: S,
  diags: Diagnostics,
  where: { firstLine: number; code: string },
): Pick<Parsed<v.InferOutput<S>>, 'data' | 'keyLine' | 'raw'> {
  const keyAt = new Map<string, Position>();
  const first = { line: where.firstLine, col: 1 };
  const keyLine = (key: string) => keyAt.get(key) ?? first;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + where.firstLine - 1, col: p.col };
  };
  for (const e of doc.errors) {
    diags.error(at(e.pos[0]), `${where.code}.yaml`, `Phần khai báo không phải YAML hợp lệ: ${e.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { data: null, keyLine, raw: {} };
  if (!isMap(doc.contents)) {
    diags.error(first, `${where.code}.not_a_map`, 'Phần khai báo phải là các cặp "khoá: giá trị".');
    return { data: null, keyLine, raw: {} };
  }
  for (const pair of doc.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const pos = at(isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0);
    keyAt.set(key, pos);
    if (!(key in schema.entries)) {
      diags.error(pos, `${where.code}.unknown_key`, `Khoá "${key}" không được hỗ trợ; các khoá hợp lệ: ${Object.keys(schema.entries).join(', ')}.`);
    }
  }
  const written = doc.toJS() as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(written).filter(([k]) => k in schema.entries));
  const result = v.safeParse(schema, known);
  if (!result.success) {
    for (const issue of result.issues) {
      const top = String(issue.path?.[0]?.key ?? '');
      const path = v.getDotPath(issue) ?? top;
      const missing = issue.received === 'undefined';
      const message = missing ? `Thiếu khoá bắt buộc "${path}".` : `Giá trị của "${path}" không hợp lệ: ${issue.message}.`;
      diags.error(keyLine(top), missing ? `${where.code}.missing_key` : `${where.code}.invalid_value`, message);
    }
    return { data: null, keyLine, raw: known };
  }
  return { data: result.output, keyLine, raw: known };
}
