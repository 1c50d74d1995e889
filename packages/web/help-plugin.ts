import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Plugin } from 'vite';
import { imageSize, renderMarkdown } from '@sansang/content';

const ID = 'virtual:help';

/**
 * The guides in content/help/*.md, rendered at build time by the same Markdown pipeline as
 * the courses (remark → rehype-sanitize), with their screenshots emitted as assets under
 * /help/. The help pages then work offline like the rest of the app shell.
 */
export function helpGuides(dir: string): Plugin {
  return {
    name: 'sansang-help',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return;
      const order = ['hoc-vien', 'can-bo-to-chuc', 'giang-vien', 'quan-tri'];
      const guides = readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort((a, b) => order.indexOf(basename(a, '.md')) - order.indexOf(basename(b, '.md')))
        .map((file) => {
          const text = readFileSync(join(dir, file), 'utf8');
          this.addWatchFile(join(dir, file));
          const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
          const title = /^title:\s*(.+)$/m.exec(front?.[1] ?? '')?.[1]?.trim() ?? basename(file, '.md');
          let html = renderMarkdown(text.slice(front?.[0].length ?? 0));
          html = html.replace(/<img src="hinh\/([^"]+)"/g, (_, name: string) => {
            const bytes = readFileSync(join(dir, 'hinh', name));
            this.emitFile({ type: 'asset', fileName: `help/${name}`, source: bytes });
            const size = imageSize(bytes);
            return `<img src="/help/${name}"${size ? ` width="${size.width}" height="${size.height}"` : ''}`;
          });
          return { slug: basename(file, '.md'), title, html };
        });
      return `export default ${JSON.stringify(guides)};`;
    },
  };
}
