import { existsSync, readFileSync, statSync } from 'node:fs';
import { imageSize } from './image-size.ts';
import { imageSizes } from './markdown.ts';
import type { SvgCheck } from './svg-safety.ts';
import { dirname, join, normalize, relative, sep } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { Course } from '@sansang/core/schema';
import type { Diagnostics } from './diagnostic.ts';

/** Where a course's files are, and where the published copies will be served from. */
export type MediaContext = {
  courseDir: string;
  /** e.g. `/media/chu-ky-so/2`: the URL prefix the published files get. */
  mediaBase: string;
  /** Course-relative paths of the files the Markdown references, collected while checking. */
  used: Set<string>;
  /** Checks an SVG the Markdown references (once per file, at the SVG's own lines); its size when safe. */
  checkSvg: (path: string) => SvgCheck;
};

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

function walk(node: Nodes, visit: (n: Nodes) => void) {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/**
 * Checks the links and images of one Markdown file: a relative target must exist inside the
 * course folder (it is then published beside the course and the URL rewritten to it);
 * raw HTML and `javascript:` links are reported because they will be removed.
 */
export function checkLinks(root: Root, file: string, bodyLine: number, media: MediaContext, diags: Diagnostics) {
  walk(root, (node) => {
    const at = { line: (node.position?.start.line ?? 1) + bodyLine - 1, col: node.position?.start.column ?? 1 };
    if (node.type === 'html') {
      diags.warn(at, 'markdown.raw_html', 'Mã HTML viết trực tiếp sẽ bị loại bỏ khi hiển thị; hãy dùng cú pháp Markdown.');
      return;
    }
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const url = node.url.trim();
    if (/^javascript:/i.test(url)) {
      diags.warn(at, 'link.unsafe', 'Liên kết "javascript:" sẽ bị loại bỏ vì không an toàn.');
      return;
    }
    if (url === '' || url.startsWith('#') || url.startsWith('/') || EXTERNAL.test(url)) return;
    const target = decodeURIComponent(url.split(/[?#]/)[0]!);
    const absolute = normalize(join(dirname(file), target));
    const inCourse = relative(media.courseDir, absolute);
    if (inCourse.startsWith('..') || inCourse === '') {
      diags.error(at, 'link.broken', `"${url}" trỏ ra ngoài thư mục khoá học; hãy đặt tệp cạnh bài học.`);
      return;
    }
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      diags.error(at, 'link.broken', `Không tìm thấy tệp "${target}" mà ${node.type === 'image' ? 'hình' : 'liên kết'} này trỏ tới.`);
      return;
    }
    const path = inCourse.split(sep).join('/');
    const published = `${media.mediaBase}/${path.split('/').map(encodeURIComponent).join('/')}`;
    const ext = path.split('.').pop()!.toLowerCase();
    if (!Course.mediaTypes.includes(ext)) {
      diags.error(at, 'link.file_type', `Tệp "${target}" có đuôi .${ext} không được đăng kèm khoá học; chỉ nhận ${Course.mediaTypes.join(', ')}.`);
      return;
    }
    if (ext === 'svg') {
      // A figure is read by screen readers and shown when the picture cannot be, only through its alt text.
      if (node.type === 'image' && !node.alt?.trim()) {
        diags.error(at, 'image.missing_alt', `Hình "${target}" thiếu lời mô tả: hãy viết ![mô tả nội dung hình](${node.url}) để người không xem được hình vẫn hiểu.`);
      }
      const svg = media.checkSvg(path);
      if (!svg.safe) return;
      if (node.type === 'image' && svg.size) imageSizes.set(published, svg.size);
    } else if (node.type === 'image') {
      const size = imageSize(readFileSync(absolute));
      if (size) imageSizes.set(published, size);
    }
    media.used.add(path);
    node.url = published;
  });
}
