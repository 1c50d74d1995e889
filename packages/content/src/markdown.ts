import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root, RootContent } from 'mdast';

const parser = unified().use(remarkParse).use(remarkGfm);
/** Raw HTML is dropped (not passed through) and what remains is sanitised: no script,
 * no event handler, no `javascript:` link reaches a learner's browser. */
const toHtml = unified().use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize).use(rehypeStringify);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export function renderNodes(nodes: RootContent[]): string {
  const root: Root = { type: 'root', children: nodes };
  return String(toHtml.stringify(toHtml.runSync(root))).trim();
}

export function renderMarkdown(text: string): string {
  return renderNodes(parseMarkdown(text).children);
}
