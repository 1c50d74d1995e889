import { ensureSpace, ink, pageBottom, write, type Doc } from './pdf-layout.ts';

export type TableColumn = { title: string; width: number; align?: 'left' | 'right' | 'center' };
export type TableCell = string | { text: string; color?: string; bold?: boolean };

const pad = 4;
const size = 9;
const border = '#9ca3af';
const headerFill = '#e2efda';
const zebraFill = '#f5f7f5';

const text = (cell: TableCell) => (typeof cell === 'string' ? cell : cell.text);

function rowHeight(doc: Doc, columns: TableColumn[], cells: TableCell[], bold: boolean): number {
  doc.font(bold ? 'bold' : 'regular').fontSize(size);
  return Math.max(...columns.map((c, i) => doc.heightOfString(text(cells[i] ?? ''), { width: c.width - 2 * pad }))) + 2 * pad;
}

function drawRow(doc: Doc, columns: TableColumn[], cells: TableCell[], y: number, height: number, fill: string | null, header: boolean): void {
  let x = doc.page.margins.left;
  const width = columns.reduce((w, c) => w + c.width, 0);
  if (fill) doc.rect(x, y, width, height).fill(fill);
  doc.lineWidth(0.5).strokeColor(border).rect(x, y, width, height).stroke();
  columns.forEach((c, i) => {
    const cell = cells[i] ?? '';
    if (i > 0)
      doc
        .moveTo(x, y)
        .lineTo(x, y + height)
        .stroke();
    const bold = header || (typeof cell !== 'string' && cell.bold === true);
    const color = typeof cell === 'string' ? ink : (cell.color ?? ink);
    write(doc, text(cell), bold ? 'bold' : 'regular', size, {
      x: x + pad,
      y: y + pad,
      width: c.width - 2 * pad,
      align: header ? 'center' : (c.align ?? 'left'),
      color,
    });
    x += c.width;
  });
}

/**
 * A bordered table that continues over as many pages as it needs, repeating its header at
 * the top of each, and never splitting a row across a page break.
 */
export function table(doc: Doc, columns: TableColumn[], rows: TableCell[][]): void {
  const titles = columns.map((c) => c.title);
  const headerHeight = rowHeight(doc, columns, titles, true);
  ensureSpace(doc, headerHeight + (rows[0] ? rowHeight(doc, columns, rows[0], false) : 0));
  // Our own cursor: each cell's text moves doc.y, which is not where the next row starts.
  let y = doc.y;
  const header = () => {
    drawRow(doc, columns, titles, y, headerHeight, headerFill, true);
    y += headerHeight;
  };
  header();
  rows.forEach((cells, i) => {
    const height = rowHeight(doc, columns, cells, false);
    if (y + height > pageBottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    drawRow(doc, columns, cells, y, height, i % 2 === 1 ? zebraFill : null, false);
    y += height;
  });
  doc.x = doc.page.margins.left;
  doc.y = y;
  doc.moveDown(0.8);
}
