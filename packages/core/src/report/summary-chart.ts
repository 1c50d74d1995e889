import { count, percentText } from './labels.ts';
import type { ChildFigures } from './model.ts';
import { contentWidth, ensureSpace, muted, pageBottom, write, type Doc } from './pdf-layout.ts';

const labelWidth = 165;
const valueWidth = 45;
const pitch = 15;
const barHeight = 10;
const axisHeight = 16;
const meets = '#15803d';
const short = '#d97706';
const targetLine = '#b91c1c';

/**
 * Horizontal bars of the child units' completion, best first, with the target drawn across
 * them: leadership sees at once who is behind. Split over pages like a table, each part with
 * its own axis and target line.
 */
export function childrenChart(doc: Doc, children: ChildFigures[], targetPercent: number): void {
  const left = doc.page.margins.left;
  const barLeft = left + labelWidth;
  const barWidth = contentWidth(doc) - labelWidth - valueWidth;
  const at = (percent: number) => barLeft + (barWidth * Math.min(100, Math.max(0, percent))) / 100;
  const sorted = [...children].sort((a, b) => b.percent - a.percent || a.code.localeCompare(b.code));

  // A short chart stays whole on one page; a long one starts where it is and runs on.
  ensureSpace(doc, 40 + axisHeight + pitch * Math.min(12, sorted.length));
  write(doc, 'Tỷ lệ hoàn thành của các đơn vị trực thuộc', 'bold', 10.5);
  write(doc, `Đường đỏ: chỉ tiêu ${count(targetPercent)}%. Xanh: đạt chỉ tiêu; cam: chưa đạt.`, 'regular', 8.5, { color: muted });
  doc.moveDown(0.5);

  let next = 0;
  while (next < sorted.length) {
    if (pageBottom(doc) - doc.y < axisHeight + pitch * 2) doc.addPage();
    const fits = Math.floor((pageBottom(doc) - doc.y - axisHeight) / pitch);
    const part = sorted.slice(next, next + fits);
    const top = doc.y;
    const plotTop = top + axisHeight;
    const plotBottom = plotTop + part.length * pitch;
    for (const tick of [0, 25, 50, 75, 100]) {
      write(doc, `${tick}%`, 'regular', 7.5, { x: at(tick) - 15, y: top, width: 30, align: 'center', color: muted, lineBreak: false });
      doc.lineWidth(0.4).strokeColor('#d1d5db').moveTo(at(tick), plotTop).lineTo(at(tick), plotBottom).stroke();
    }
    part.forEach((child, i) => {
      const y = plotTop + i * pitch;
      write(doc, child.name, 'regular', 8.5, { x: left, y: y + 1, width: labelWidth - 6, height: pitch - 2, ellipsis: true, align: 'right' });
      const end = at(child.percent);
      if (end > barLeft) doc.rect(barLeft, y + (pitch - barHeight) / 2, end - barLeft, barHeight).fill(child.meetsTarget ? meets : short);
      write(doc, percentText(child.percent), 'regular', 8, { x: end + 3, y: y + 2, width: valueWidth - 3, lineBreak: false });
    });
    doc
      .lineWidth(1.2)
      .strokeColor(targetLine)
      .dash(3, { space: 2 })
      .moveTo(at(targetPercent), plotTop - 2)
      .lineTo(at(targetPercent), plotBottom + 2)
      .stroke()
      .undash();
    doc.y = plotBottom + 6;
    next += part.length;
  }
  doc.x = left;
  doc.moveDown(0.8);
}
