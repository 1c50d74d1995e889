import { fontFile } from '../pdf-fonts.ts';
import type { Certificate } from './index.ts';
import { vnDate } from '../report/labels.ts';

/** A one-page A4 landscape certificate, in Vietnamese, as PDF bytes. */
export async function renderCertificate(info: Certificate.Info, options: { verifyUrl: string }): Promise<Buffer> {
  // Loaded on first use: pdfkit and its font engine are large and most requests never need them.
  const { default: PDFDocument } = await import('pdfkit');
  // `font`: never load the standard Helvetica metrics from disk (they are not in the Lambda bundle).
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 50,
    font: fontFile('400Regular'),
    info: { Title: `Chứng nhận hoàn thành: ${info.courseTitle}`, Author: 'Sẵn Sàng' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', fontFile('400Regular'));
  doc.registerFont('bold', fontFile('700Bold'));
  const { width, height } = doc.page;
  doc
    .lineWidth(3)
    .strokeColor('#14532d')
    .rect(25, 25, width - 50, height - 50)
    .stroke();
  doc
    .lineWidth(1)
    .rect(33, 33, width - 66, height - 66)
    .stroke();
  const center = (text: string, font: 'regular' | 'bold', size: number, gap = 10, color = '#111827') =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 60, doc.y, { width: width - 120, align: 'center' })
      .moveDown(gap / size);
  doc.y = 70;
  center('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 13, 2);
  center('Độc lập - Tự do - Hạnh phúc', 'regular', 12, 24);
  center('CHỨNG NHẬN HOÀN THÀNH KHOÁ HỌC', 'bold', 26, 18, '#14532d');
  center('Chứng nhận Ông/Bà', 'regular', 14, 6);
  center(info.fullName, 'bold', 24, 6);
  center(info.unitName, 'regular', 14, 18);
  center('đã hoàn thành khoá học', 'regular', 14, 6);
  center(info.courseTitle, 'bold', 18, 6, '#14532d');
  center(`phiên bản ${info.version}, ngày ${vnDate(info.completedAt)}`, 'regular', 12, 28);
  center(`Mã xác minh: ${info.code}`, 'bold', 13, 4);
  center(`Kiểm tra tính xác thực tại ${options.verifyUrl}`, 'regular', 11, 4, '#374151');
  doc.end();
  return done;
}
