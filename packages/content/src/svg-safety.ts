import { readFileSync } from 'node:fs';
import { SaxesParser, type SaxesAttributeNS } from 'saxes';
import type { Diagnostics, Position } from './diagnostic.ts';
import { decodeText } from './text-file.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** Elements that change another attribute over time: pointed at `href` they can turn a link into `javascript:`. */
const ANIMATIONS = new Set(['animate', 'set', 'animatetransform', 'animatemotion']);
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

export type SvgProblem = Position & { code: 'svg.invalid' | 'svg.script' | 'svg.foreign_object' | 'svg.event_handler' | 'svg.external_reference'; message: string };
export type SvgSize = { width: number; height: number };
export type SvgCheck = { safe: boolean; size: SvgSize | null };

const number = (value: string | undefined) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value ?? '');
  return m ? Math.round(Number(m[1])) : null;
};

/** Width and height from the root's attributes, else from its viewBox, so the page reserves the figure's room. */
function rootSize(attributes: Record<string, SaxesAttributeNS>): SvgSize | null {
  const width = number(attributes['width']?.value);
  const height = number(attributes['height']?.value);
  if (width && height) return { width, height };
  const box = (attributes['viewBox']?.value ?? '').trim().split(/[\s,]+/).map(Number);
  return box.length === 4 && box[2]! > 0 && box[3]! > 0 ? { width: Math.round(box[2]!), height: Math.round(box[3]!) } : null;
}

/**
 * Reads an SVG with a real XML parser and finds what could run script or reach outside the
 * file when it is opened on its own (a lesson shows it as `<img>`, where neither can happen,
 * but a learner may open the figure's address directly): script and foreign (HTML) content,
 * event handler attributes, and references to anything but a fragment of the same file.
 * Character references are already decoded by the parser, so `&#106;avascript:` is caught.
 */
export function inspectSvg(text: string): { problems: SvgProblem[]; size: SvgSize | null } {
  const lines = text.split('\n');
  const problems: SvgProblem[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const here = (name?: string): Position => {
    const at = parser.line;
    const upTo = parser.columnIndex;
    const col = name ? (lines[at - 1] ?? '').lastIndexOf(name, upTo) : -1;
    return { line: at, col: col >= 0 ? col + 1 : Math.max(1, upTo) };
  };
  const add = (at: Position, code: SvgProblem['code'], message: string) => problems.push({ ...at, code, message });

  /** CSS (a style element or attribute, or a presentation attribute such as fill) may only name this file's fragments. */
  const checkCss = (css: string, at: Position) => {
    if (/@import/i.test(css)) add(at, 'svg.external_reference', 'CSS trong hình không được dùng @import để nạp tệp khác.');
    if (css.includes('\\')) add(at, 'svg.external_reference', 'CSS trong hình không được dùng ký tự thoát "\\" (có thể che giấu địa chỉ bên ngoài).');
    for (const m of css.matchAll(CSS_URL)) {
      if (!m[2]!.trim().startsWith('#')) add(at, 'svg.external_reference', `url(${m[2]}) trỏ ra ngoài tệp hình; chỉ được dùng url(#mã) tới phần tử trong cùng tệp.`);
    }
  };

  const attributeAt = new Map<string, Position>();
  let root: { size: SvgSize | null } | null = null;
  let tagAt: Position = { line: 1, col: 1 };
  let styleDepth = 0;
  let failed = false;

  parser.on('error', (err) => {
    if (!failed) add({ line: parser.line, col: Math.max(1, parser.column) }, 'svg.invalid', `Tệp không phải XML hợp lệ nên không kiểm tra được (bộ đọc XML báo: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}).`);
    failed = true;
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') add({ line: parser.line, col: 1 }, 'svg.external_reference', 'Chỉ dẫn <?xml-stylesheet?> nạp một tệp CSS bên ngoài; hãy bỏ nó.');
  });
  parser.on('opentagstart', (tag) => {
    const name = here(tag.name);
    tagAt = { line: name.line, col: Math.max(1, name.col - 1) }; // at its "<"
    attributeAt.clear();
  });
  parser.on('attribute', (attr) => attributeAt.set(attr.name, here(attr.name)));
  parser.on('opentag', (tag) => {
    const local = tag.local.toLowerCase();
    if (!root) {
      root = { size: null };
      if (local !== 'svg' || tag.uri !== SVG_NS) add(tagAt, 'svg.invalid', `Phần tử gốc phải là <svg xmlns="${SVG_NS}">; ở đây là <${tag.name}>.`);
      else root.size = rootSize(tag.attributes as Record<string, SaxesAttributeNS>);
    }
    if (local === 'script') add(tagAt, 'svg.script', 'Hình SVG không được chứa <script>.');
    else if (local === 'foreignobject') add(tagAt, 'svg.foreign_object', 'Hình SVG không được chứa <foreignObject> (nội dung HTML nhúng).');
    else if (tag.uri === XHTML_NS) add(tagAt, 'svg.foreign_object', `Hình SVG không được chứa phần tử HTML <${tag.name}>.`);
    if (local === 'style') styleDepth++;
    for (const attr of Object.values(tag.attributes as Record<string, SaxesAttributeNS>)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      const at = attributeAt.get(attr.name) ?? tagAt;
      const name = attr.local.toLowerCase();
      const value = attr.value.trim();
      if (name.startsWith('on')) add(at, 'svg.event_handler', `Thuộc tính sự kiện ${attr.name} (chạy mã khi người dùng thao tác) không được phép trong hình.`);
      else if (name === 'href' || name === 'src') {
        if (value !== '' && !value.startsWith('#')) add(at, 'svg.external_reference', `${attr.name}="${value}" trỏ ra ngoài tệp hình; chỉ được trỏ tới phần tử trong cùng tệp (#mã).`);
      } else if (ANIMATIONS.has(local) && name === 'attributename' && /(^|:)href$/i.test(value)) {
        add(at, 'svg.external_reference', `<${tag.name}> không được thay đổi thuộc tính ${value} (có thể biến nó thành liên kết chạy mã).`);
      } else checkCss(attr.value, at);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local.toLowerCase() === 'style') styleDepth--;
  });
  const styleText = (css: string) => {
    if (styleDepth === 0) return;
    // The parser reports text once it has read it: its first line is the current one less the lines it spans.
    const start = parser.line - (css.match(/\n/g)?.length ?? 0);
    css.split('\n').forEach((line, i) => checkCss(line, { line: start + i, col: 1 }));
  };
  parser.on('text', styleText);
  parser.on('cdata', styleText);

  parser.write(text).close();
  if (!root && !failed) add({ line: 1, col: 1 }, 'svg.invalid', 'Tệp không có phần tử <svg> nào.');
  return { problems, size: (root as { size: SvgSize | null } | null)?.size ?? null };
}

/**
 * Checks one SVG file a course references, reporting at its own `path:line:col` (where an
 * author fixes it), and whether it may be published with its drawn size.
 */
export function checkSvgFile(path: string, d: Diagnostics): SvgCheck {
  const text = decodeText(readFileSync(path));
  if (text === null) {
    d.error({ line: 1, col: 1 }, 'file.not_utf8', 'Tệp hình SVG không được lưu ở mã UTF-8; hãy xuất lại hình với mã hoá UTF-8.');
    return { safe: false, size: null };
  }
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    const line = text.split('\n').findIndex((l) => l !== l.normalize('NFC')) + 1;
    d.error({ line, col: 1 }, 'text.not_nfc', 'Chữ tiếng Việt trong hình ở dạng tổ hợp (không phải NFC); hãy gõ lại hoặc chuẩn hoá tệp về NFC.');
  }
  const { problems, size } = inspectSvg(nfc);
  for (const { code, message, ...at } of problems) d.error(at, code, message);
  return { safe: problems.length === 0, size };
}
