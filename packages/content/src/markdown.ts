import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root, RootContent } from 'mdast';
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';

/** Image sizes by published URL, recorded while links are checked (links.ts). */
export const imageSizes = new Map<string, { width: number; height: number }>();

/**
 * After sanitising: images load lazily, decode off the main thread and carry their size, so
 * the lesson text is readable before any image arrives and nothing jumps when one does.
 */
function imagesLazyAndSized() {
  const visit = (node: HastRoot | HastContent) => {
    if (node.type === 'element' && node.tagName === 'img') {
      const el = node as Element;
      const size = imageSizes.get(String(el.properties.src ?? ''));
      el.properties = { ...el.properties, loading: 'lazy', decoding: 'async', ...(size ?? {}) };
    }
    if ('children' in node) for (const child of node.children) visit(child as HastContent);
  };
  return (tree: HastRoot) => visit(tree);
}

const parser = unified().use(remarkParse).use(remarkGfm);
/** Raw HTML is dropped (not passed through) and what remains is sanitised: no script,
 * no event handler, no `javascript:` link reaches a learner's browser. */
const toHtml = unified().use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize).use(imagesLazyAndSized).use(rehypeStringify);

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
