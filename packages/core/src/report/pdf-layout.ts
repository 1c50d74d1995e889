import type { Readable } from 'node:stream';
import { fontFile } from '../pdf-fonts.ts';
import { deferredStream } from './deferred-stream.ts';
import { nfc, vnDate } from './labels.ts';

/** The page furniture the report PDFs share: an A4 document with Be Vietnam Pro, the official header, headings, page numbers. */

export type Doc = PDFKit.PDFDocument;
export type Font = 'regular' | 'bold';

export const ink = '#111827';
export const muted = '#4b5563';
export const green = '#14532d';

/**
 * An A4 portrait document streamed as it is drawn. pdfkit is loaded on first use (it and its
 * font engine are large and most requests never need them). Pages are kept until the end so
 * each can say "Trang 2/5".
 */
export function pdfReport(title: string, draw: (doc: Doc) => void): Readable {
  return deferredStream(async (out) => {
    const { default: PDFDocument } = await import('pdfkit');
    // `font`: never load the standard Helvetica metrics from disk (they are not in the Lambda bundle).
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 60, left: 50, right: 50 },
      bufferPages: true,
      font: fontFile('400Regular'),
      info: { Title: nfc(title), Author: 'Sẵn Sàng' },
      lang: 'vi-VN',
    });
    doc.on('error', (err: Error) => out.destroy(err));
    doc.pipe(out);
    doc.registerFont('regular', fontFile('400Regular'));
    doc.registerFont('bold', fontFile('700Bold'));
    doc.font('regular').fillColor(ink);
    draw(doc);
    numberPages(doc);
    doc.end();
  });
}

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` still fits, so a block is not split from its heading. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

/** Text in NFC: a decomposed name would otherwise print its accents as separate, misplaced marks. */
export function write(
  doc: Doc,
  text: string,
  font: Font,
  size: number,
  options: PDFKit.Mixins.TextOptions & { x?: number; y?: number; color?: string } = {},
): Doc {
  const { x = doc.page.margins.left, y = doc.y, color = ink, ...rest } = options;
  return doc
    .font(font)
    .fontSize(size)
    .fillColor(color)
    .text(nfc(text), x, y, { width: contentWidth(doc) - (x - doc.page.margins.left), ...rest });
}

/** The tenant a report's unit belongs to (issue 20): its name above the unit's, its logo above both. */
export type Brand = { name: string; logo: { bytes: Uint8Array } | null } | null;

/**
 * The header of an administrative document: the issuing unit on the left (under its tenant's
 * logo and name, when it has one), the national motto on the right, then the title and the
 * date the figures were read.
 */
export function documentHeader(doc: Doc, unitName: string, title: string, generatedAt: string, brand: Brand = null): void {
  const top = doc.y;
  const left = doc.page.margins.left;
  const right = left + 215;
  const rightWidth = contentWidth(doc) - 215;
  let y = top;
  if (brand?.logo) {
    try {
      doc.image(Buffer.from(brand.logo.bytes), left + 100 - 20, top, { fit: [40, 40], align: 'center', valign: 'center' });
      y = top + 44;
    } catch {
      // A picture pdfkit cannot read (its header passed, its body did not): the report goes out without it.
    }
  }
  const upper = unitName.toLocaleUpperCase('vi-VN');
  const brandName = brand?.name.toLocaleUpperCase('vi-VN');
  if (brandName && brandName !== upper) {
    write(doc, brandName, 'regular', 10.5, { x: left, y, width: 200, align: 'center' });
    y = doc.y;
  }
  write(doc, upper, 'bold', 10.5, { x: left, y, width: 200, align: 'center' });
  const leftEnd = doc.y;
  write(doc, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 10.5, { x: right, y: top, width: rightWidth, align: 'center' });
  write(doc, 'Độc lập - Tự do - Hạnh phúc', 'bold', 11.5, { x: right, width: rightWidth, align: 'center' });
  const mottoWidth = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  const lineY = doc.y + 2;
  doc
    .lineWidth(0.7)
    .strokeColor(ink)
    .moveTo(right + (rightWidth - mottoWidth) / 2, lineY)
    .lineTo(right + (rightWidth + mottoWidth) / 2, lineY)
    .stroke()
    .moveTo(left + 70, leftEnd + 2)
    .lineTo(left + 130, leftEnd + 2)
    .stroke();
  doc.y = Math.max(leftEnd, lineY) + 28;
  write(doc, title, 'bold', 15, { align: 'center', color: green });
  doc.moveDown(0.3);
  write(doc, `Ngày lập: ${vnDate(generatedAt)}`, 'regular', 10.5, { align: 'center', color: muted });
  doc.moveDown(1.2);
}

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 80);
  write(doc, text, 'bold', 12.5, { color: green });
  doc.moveDown(0.4);
}

/** "Label: value" lines with the labels in one column, so the figures line up for reading at a glance. */
export function keyValues(doc: Doc, pairs: [string, string][], labelWidth = 170): void {
  const left = doc.page.margins.left;
  for (const [label, value] of pairs) {
    ensureSpace(doc, 16);
    const y = doc.y;
    write(doc, `${label}:`, 'regular', 10, { x: left, y, width: labelWidth, color: muted });
    const labelEnd = doc.y;
    write(doc, value, 'bold', 10, { x: left + labelWidth, y });
    doc.y = Math.max(doc.y, labelEnd) + 3;
  }
  doc.x = left;
}

function numberPages(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit open yet another page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    write(doc, `Trang ${i + 1}/${count}`, 'regular', 8.5, { y: doc.page.height - 38, align: 'center', color: muted, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
