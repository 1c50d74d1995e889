import type { Readable } from 'node:stream';
import {
  childrenMeetingText,
  count,
  originText,
  validityText,
  deadlineText,
  meetsLabel,
  paceText,
  percentText,
  projectionText,
  statusLabel,
} from './labels.ts';
import type { TargetFigures, UnitSummary } from './model.ts';
import { childrenChart } from './summary-chart.ts';
import { contentWidth, documentHeader, ensureSpace, heading, keyValues, muted, pdfReport, write, type Brand, type Doc } from './pdf-layout.ts';
import { table, type TableColumn } from './pdf-table.ts';

const childColumns: TableColumn[] = [
  { title: 'STT', width: 30, align: 'right' },
  { title: 'Mã đơn vị', width: 62 },
  { title: 'Đơn vị', width: 133 },
  { title: 'Trong diện', width: 50, align: 'right' },
  { title: 'Được miễn', width: 45, align: 'right' },
  { title: 'Đã hoàn thành', width: 60, align: 'right' },
  { title: 'Tỷ lệ', width: 50, align: 'right' },
  { title: 'Đạt chỉ tiêu', width: 65, align: 'center' },
];

function figures(t: TargetFigures): [string, string][] {
  const pace = t.projection.weeklyPace === null ? '' : ` — tốc độ gần đây ${paceText(t.projection.weeklyPace)} người/tuần`;
  return [
    ['Tỷ lệ hoàn thành', `${percentText(t.percent)} (chỉ tiêu ${count(t.target.percent)}%) — ${meetsLabel(t.meetsTarget)} chỉ tiêu`],
    ['Trong diện', `${count(t.inScope)} người, trong đó được miễn ${count(t.exempt)} người (nghỉ thai sản, ốm dài ngày, biệt phái, đi học…)`],
    ['Đã hoàn thành / phải hoàn thành', `${count(t.trained)} / ${count(t.staff)} người — chưa hoàn thành ${count(t.owing)} người`],
    ...(t.target.validity
      ? ([
          [
            'Hiệu lực',
            `${validityText(t.target.validity)}: sắp hết hiệu lực (trong ${count(t.target.renewalDays)} ngày) ${count(t.expiringSoon)} người; đã hết hiệu lực, phải học lại ${count(t.expired)} người; từng hoàn thành ${count(t.everTrained)} người`,
          ],
        ] as [string, string][])
      : []),
    ['Còn phải đào tạo', `${count(t.gap)} người`],
    ['Hạn', deadlineText(t.target.deadline, t.daysLeft)],
    ['Dự báo', `${projectionText(t.projection)}${pace}`],
  ];
}

function target(doc: Doc, t: TargetFigures, index: number): void {
  heading(doc, `${index + 1}. ${t.target.title}`);
  keyValues(doc, [['Đơn vị giao', originText(t)]]);
  if (!t.applicable) {
    // Nobody here is in the target's scope: no figures, no "Chưa đạt", no forecast.
    keyValues(doc, [
      ['Chỉ tiêu', `${count(t.target.percent)}% số người trong diện hoàn thành, hạn ${deadlineText(t.target.deadline, t.daysLeft)}`],
      ['Tình trạng', 'Không áp dụng — đơn vị không có ai trong diện của chỉ tiêu này'],
    ]);
    doc.moveDown(1);
    return;
  }
  keyValues(doc, figures(t));
  doc.moveDown(0.5);
  if (t.children.length === 0) {
    write(doc, 'Đơn vị không có đơn vị trực thuộc.', 'regular', 10, { color: muted });
    doc.moveDown(1);
    return;
  }
  const applicable = t.children.filter((c) => c.applicable);
  const others = t.children.filter((c) => !c.applicable);
  write(
    doc,
    applicable.length > 0
      ? `Đơn vị trực thuộc: ${childrenMeetingText(t.childrenMeeting)}.`
      : 'Đơn vị trực thuộc: không đơn vị nào có người trong diện của chỉ tiêu này.',
    'bold',
    10,
  );
  if (applicable.length > 0 && others.length > 0)
    write(doc, `${count(others.length)} đơn vị trực thuộc không có ai trong diện: chỉ tiêu không áp dụng (cuối bảng).`, 'regular', 9, { color: muted });
  doc.moveDown(0.5);
  // Those the target applies to in the order given (worst first from the figures), then those it does not.
  table(
    doc,
    childColumns,
    [...applicable, ...others].map((c, i) => [
      String(i + 1),
      c.code,
      c.name,
      count(c.inScope),
      count(c.exempt),
      count(c.trained),
      c.applicable ? percentText(c.percent) : '—',
      c.applicable ? { text: statusLabel(c), color: c.meetsTarget ? '#15803d' : '#b91c1c', bold: !c.meetsTarget } : { text: statusLabel(c), color: muted },
    ]),
  );
  write(doc, 'Tỷ lệ = số đã hoàn thành / (số trong diện − số được miễn).', 'regular', 8, { color: muted });
  if (applicable.length > 0) childrenChart(doc, applicable, t.target.percent);
}

/** The preparer and the head of unit sign on paper: the layout of an administrative report. */
function signatures(doc: Doc, requestedBy: string): void {
  ensureSpace(doc, 130);
  doc.moveDown(1);
  const top = doc.y;
  const half = contentWidth(doc) / 2;
  const left = doc.page.margins.left;
  write(doc, 'Người lập biểu', 'bold', 11, { x: left, y: top, width: half, align: 'center' });
  write(doc, '(Ký, ghi rõ họ tên)', 'regular', 9, { x: left, width: half, align: 'center', color: muted });
  write(doc, requestedBy, 'regular', 10, { x: left, y: top + 85, width: half, align: 'center' });
  write(doc, 'Thủ trưởng đơn vị', 'bold', 11, { x: left + half, y: top, width: half, align: 'center' });
  write(doc, '(Ký, ghi rõ họ tên, đóng dấu)', 'regular', 9, { x: left + half, width: half, align: 'center', color: muted });
  doc.x = left;
}

/**
 * The one-document summary for leadership: each target's headline figures, the child units
 * as a table and a chart, and the signature block; in Vietnamese, A4 portrait.
 */
export function summaryPdf(summary: UnitSummary, brand: Brand = null): Readable {
  const title = `Báo cáo kết quả bồi dưỡng kỹ năng số — ${summary.unit.name}`;
  return pdfReport(title, (doc) => {
    documentHeader(doc, summary.unit.name, 'BÁO CÁO KẾT QUẢ BỒI DƯỠNG KỸ NĂNG SỐ', summary.generatedAt, brand);
    write(doc, `Đơn vị: ${summary.unit.name} (mã ${summary.unit.code})`, 'bold', 11, { align: 'center' });
    doc.moveDown(1.2);
    if (summary.targets.length === 0) write(doc, 'Chưa có chỉ tiêu bồi dưỡng nào được giao.', 'regular', 10, { color: muted });
    summary.targets.forEach((t, i) => target(doc, t, i));
    signatures(doc, summary.requestedBy);
  });
}
