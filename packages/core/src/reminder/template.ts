import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reasons, shownDay, type Due, type Language, type Reason } from './schema.ts';

/**
 * Reminder wording is Markdown under content/reminders/ (`vi.md`, `en.md`), so a province edits
 * it without code: parts headed `## subject`, `## body` and one per reason, with {{name}},
 * {{items}}, {{link}} in the body and {{title}}, {{due}}, {{until}} in an item line.
 */
export type Template = { subject: string; body: string; items: Record<Reason, string> };
/** `summary`: the due items alone, as text, for the in-app notice. */
export type Rendered = { subject: string; text: string; html: string; summary: string };

/** On Lambda the templates travel in `reminders/` beside the bundle (infra/bundle.ts puts them there); locally they are read from content/. */
export const defaultDir = () =>
  process.env.REMINDER_TEMPLATES_DIR ??
  (process.env.LAMBDA_TASK_ROOT ? join(process.env.LAMBDA_TASK_ROOT, 'reminders') : fileURLToPath(new URL('../../../../content/reminders/', import.meta.url)));

/** The parts of a template file (`## name` headings) by name; `part` names a missing one with its file. */
export function templateParts(source: string, file: string): (name: string) => string {
  const parts = new Map<string, string>();
  // Text before the first part (the editors' note, an HTML comment) is not part of any message.
  for (const chunk of source.normalize('NFC').split(/^## +/m).slice(1)) {
    const newline = chunk.indexOf('\n');
    parts.set(chunk.slice(0, newline).trim(), chunk.slice(newline + 1).trim());
  }
  return (name: string) => {
    const text = parts.get(name);
    if (!text) throw new Error(`${file}: thiếu phần "## ${name}"`);
    return text;
  };
}

/** Splits a template file into its parts; names a part that is missing. */
export function parseTemplate(source: string, file: string): Template {
  const part = templateParts(source, file);
  return {
    subject: part('subject'),
    body: part('body'),
    items: Object.fromEntries(reasons.map((r) => [r, part(r)])) as Record<Reason, string>,
  };
}

const loaded = new Map<string, Promise<Template>>();

export function loadTemplate(language: Language, dir = defaultDir()): Promise<Template> {
  const file = `${dir.replace(/\/?$/, '/')}${language}.md`;
  let template = loaded.get(file);
  if (!template) {
    template = readFile(file, 'utf8').then((source) => parseTemplate(source, file));
    loaded.set(file, template);
    template.catch(() => loaded.delete(file));
  }
  return template;
}

/** Names and titles come from the roster and the targets: kept as text, never read as Markdown. */
export const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (ch) => `\\${ch}`);
export const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);

let toHtml: Promise<(markdown: string) => string> | null = null;
/** unified is loaded on the first message, so the API's cold start does not carry it. */
export function markdownToHtml() {
  toHtml ??= Promise.all([import('unified'), import('remark-parse'), import('remark-rehype'), import('rehype-sanitize'), import('rehype-stringify')]).then(
    ([{ unified }, remarkParse, remarkRehype, rehypeSanitize, rehypeStringify]) => {
      const processor = unified().use(remarkParse.default).use(remarkRehype.default).use(rehypeSanitize.default).use(rehypeStringify.default);
      return (markdown: string) => String(processor.processSync(markdown));
    },
  );
  return toHtml;
}

/** The plain-text part: the Markdown as written (made to read as text), links spelled out, emphasis marks dropped. */
export const asText = (markdown: string) =>
  markdown
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '$1: $2')
    // Escaped marks inside (a title with * or [) stay part of the text.
    .replace(/\*\*((?:\\.|[^*\\])+)\*\*/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~&])/g, '$1');

/** The Markdown of a message: the body filled with its escaped name, its items' lines and its link. */
function markdownOf(template: Template, message: { name: string; items: Due[]; link: string }) {
  const items = message.items
    .map((item) =>
      fill(template.items[item.reason], {
        title: escapeMarkdown(item.title),
        due: shownDay(item.dueDate),
        until: item.validUntil ? shownDay(item.validUntil) : '',
      }),
    )
    .join('\n');
  return { items, markdown: fill(template.body, { name: escapeMarkdown(message.name), items, link: message.link }) };
}

/**
 * Stand-ins for the two values that differ between one message and the next (a day's 30,000
 * share their items): letters only, which Markdown passes through as they are.
 */
const NAME = 'sansangnamevalue';
const LINK = 'sansanglinkvalue';
/** A name that is the same in Markdown (nothing to escape), in HTML, and sits as the stand-in would: words of letters and digits. */
const plainName = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N} ']*[\p{L}\p{M}\p{N}])?$/u;
/** A link the Markdown keeps as written (no character it would escape or percent-encode). */
const plainLink = /^(?:[A-Za-z0-9:/.?#=_~-]|%[0-9A-Fa-f]{2})+$/;
/** The HTML of each template and set of item lines, with the stand-ins in it; null where filling it in differed from a full render. */
const compiled = new Map<string, Promise<string | null>>();

/**
 * A message's HTML. The Markdown is rendered once per template and set of item lines, with
 * stand-ins for the name and the link, which each message then fills in: a day's run renders
 * its messages' HTML once, not 30,000 times. The first message of each is also rendered whole
 * and must come out the same, or that template is always rendered whole (a wording where the
 * stand-ins would read differently); so is a message whose name or link Markdown might not
 * keep as written, and every message of a wording where a stand-in could read otherwise.
 */
async function htmlOf(template: Template, message: { name: string; items: Due[]; link: string }, items: string, markdown: string) {
  const toHtml = await markdownToHtml();
  if (!plainName.test(message.name) || !plainLink.test(message.link) || !standInsRead(template.body)) return toHtml(markdown);
  const key = `${template.body}\u0000${items}`;
  let html = compiled.get(key);
  if (!html) {
    if (compiled.size >= 256) compiled.clear();
    html = Promise.resolve(toHtml(fill(template.body, { name: NAME, items, link: LINK }))).then((withStandIns) =>
      fillIn(withStandIns, message) === toHtml(markdown) ? withStandIns : null,
    );
    compiled.set(key, html);
  }
  const withStandIns = await html;
  return withStandIns === null ? toHtml(markdown) : fillIn(withStandIns, message);
}

/**
 * Whether the stand-ins read as their values would: the link only as a link's destination
 * (elsewhere its marks, `_`, could read as emphasis), the name never inside a destination or
 * `<…>` (where a space or a letter outside ASCII would change it). Other wordings are rendered whole.
 */
const standInsRead = (body: string) =>
  body.split('{{link}}').length - 1 === (body.match(/\]\(\{\{link\}\}\)/g) ?? []).length && !/\]\([^)]*\{\{name\}\}|<[^>]*\{\{name\}\}/.test(body);

const fillIn = (html: string, message: { name: string; link: string }) => html.split(NAME).join(message.name).split(LINK).join(message.link);

export async function render(template: Template, message: { name: string; items: Due[]; link: string }): Promise<Rendered> {
  const { items, markdown } = markdownOf(template, message);
  const html = await htmlOf(template, message, items, markdown);
  return { subject: fill(template.subject, {}), text: asText(markdown), html, summary: asText(items) };
}

/** The whole Markdown rendered for every message, as `render` did before its HTML was compiled: the oracle its test holds it to. */
export async function renderWhole(template: Template, message: { name: string; items: Due[]; link: string }): Promise<Rendered> {
  const { items, markdown } = markdownOf(template, message);
  return { subject: fill(template.subject, {}), text: asText(markdown), html: (await markdownToHtml())(markdown), summary: asText(items) };
}
