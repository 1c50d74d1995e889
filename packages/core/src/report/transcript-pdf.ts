import type { Readable } from 'node:stream';
import { categoryLabel, count, percentText, vnDate } from './labels.ts';
import type { Transcript } from './model.ts';
import { documentHeader, heading, keyValues, muted, pdfReport, write, type Brand, type Doc } from './pdf-layout.ts';
import { table, type TableColumn } from './pdf-table.ts';

const courseColumns: TableColumn[] = [
  { title: 'Khoá học', width: 155 },
  { title: 'Phiên bản', width: 45, align: 'center' },
  { title: 'Bài đã học', width: 50, align: 'center' },
  { title: 'Điểm cao nhất', width: 55, align: 'right' },
  { title: 'Ngày hoàn thành', width: 85, align: 'center' },
  { title: 'Mã chứng nhận', width: 105, align: 'center' },
];

const none = (doc: Doc, text: string) => {
  write(doc, text, 'regular', 10, { color: muted });
  doc.moveDown(1);
};

function identity(doc: Doc, t: Transcript): void {
  heading(doc, 'I. Thông tin cán bộ');
  keyValues(
    doc,
    [
      ['Họ và tên', t.person.fullName],
      ['Mã cán bộ', t.person.employeeCode],
      ['Phân loại', categoryLabel[t.person.category]],
      ['Chức vụ', t.person.position || '—'],
      ['Đơn vị', `${t.unit.name} (mã ${t.unit.code})`],
      ['Tình trạng', t.person.status === 'active' ? 'Đang công tác' : 'Đã nghỉ việc'],
    ],
    120,
  );
  doc.moveDown(1);
}

function moves(doc: Doc, t: Transcript): void {
  heading(doc, 'II. Quá trình công tác');
  if (t.moves.length === 0) return none(doc, 'Không có thay đổi đơn vị.');
  for (const m of t.moves) {
    write(doc, `${vnDate(m.at)}: chuyển từ ${m.fromUnitName} sang ${m.toUnitName}`, 'regular', 10);
    doc.moveDown(0.2);
  }
  doc.moveDown(0.8);
}

function courses(doc: Doc, t: Transcript): void {
  heading(doc, 'III. Kết quả học tập');
  if (t.courses.length === 0) return none(doc, 'Chưa bắt đầu khoá học nào.');
  table(
    doc,
    courseColumns,
    t.courses.map((c) => [
      c.title,
      c.version === null ? '—' : String(c.version),
      `${count(c.lessonsDone)}/${count(c.lessonCount)}`,
      c.bestScore === null ? '—' : percentText(c.bestScore),
      c.completedAt ? vnDate(c.completedAt) : { text: 'Chưa hoàn thành', color: muted },
      c.certificateCode ?? '—',
    ]),
  );
}

function targets(doc: Doc, t: Transcript): void {
  heading(doc, 'IV. Chỉ tiêu bồi dưỡng');
  if (t.targets.length === 0) return none(doc, 'Không thuộc diện chỉ tiêu nào.');
  for (const target of t.targets) {
    const status = target.trainedAt ? `Đã hoàn thành ngày ${vnDate(target.trainedAt)}` : 'Chưa hoàn thành';
    write(doc, `${target.title} (hạn ${vnDate(target.deadline)}): `, 'regular', 10, { continued: true })
      .font('bold')
      .fillColor(target.trainedAt ? '#15803d' : '#b91c1c')
      .text(status);
    doc.moveDown(0.2);
  }
}

/**
 * One person's learning record on paper, for their file or a transfer: who they are, where
 * they have worked, each course they started, and where they stand on each target.
 */
export function transcriptPdf(t: Transcript, brand: Brand = null): Readable {
  return pdfReport(`Phiếu kết quả học tập — ${t.person.fullName}`, (doc) => {
    documentHeader(doc, t.unit.name, 'PHIẾU KẾT QUẢ HỌC TẬP', t.generatedAt, brand);
    identity(doc, t);
    moves(doc, t);
    courses(doc, t);
    targets(doc, t);
  });
}
