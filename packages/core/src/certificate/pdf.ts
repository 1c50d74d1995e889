import { fontFile } from '../pdf-fonts.ts';
import type { Certificate } from './index.ts';
import { issuerOf } from './issuer.ts';
import { vnDate } from '../report/labels.ts';

const GREEN = '#14532d';
const INK = '#111827';
const GREY = '#374151';

/** "Minh Sơn, ngày 05 tháng 12 năm 2025": the dated line above an official signature, in Vietnam's calendar. */
function placeAndDate(place: string, iso: string): string {
  const [day, month, year] = vnDate(iso).split('/');
  return `${place}, ngày ${day} tháng ${month} năm ${year}`;
}

/**
 * The QR code of the public verification address, as PNG. Loaded on first use like pdfkit,
 * so the API's cold start does not carry it. Level M survives a crease or a smudge on paper.
 */
async function verifyQrPng(verifyUrl: string): Promise<Buffer> {
  // CommonJS: once bundled, its functions come only as the default export.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 8 });
}

/**
 * A one-page A4 landscape certificate, in Vietnamese, as PDF bytes, laid out as a province
 * prints one: the issuing body and the national motto at the head, the learner and the course,
 * and at the foot the QR code to the verification page beside the dated signature block.
 */
export async function renderCertificate(info: Certificate.Info, options: { verifyUrl: string }): Promise<Buffer> {
  // Loaded on first use: pdfkit and its font engine are large and most requests never need them.
  const [{ default: PDFDocument }, qr] = await Promise.all([import('pdfkit'), verifyQrPng(options.verifyUrl)]);
  const issuer = issuerOf(info);
  // `font`: never load the standard Helvetica metrics from disk (they are not in the Lambda bundle).
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 50,
    font: fontFile('400Regular'),
    info: { Title: `Chứng nhận hoàn thành: ${info.courseTitle}`, Author: issuer.name.replace(/\s+/g, ' ') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', fontFile('400Regular'));
  doc.registerFont('bold', fontFile('700Bold'));
  const { width, height } = doc.page;
  doc
    .lineWidth(3)
    .strokeColor(GREEN)
    .rect(25, 25, width - 50, height - 50)
    .stroke();
  doc
    .lineWidth(1)
    .rect(33, 33, width - 66, height - 66)
    .stroke();

  /** Centred lines in a column; `gap` is the space after them in points. */
  const write = (text: string, font: 'regular' | 'bold', size: number, at: { x: number; w: number }, gap = 0, color = INK) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, at.x, doc.y, { width: at.w, align: 'center' })
      .moveDown(gap / size);
  /** A short rule under a heading, kept clear of the letters above it. */
  const rule = (at: { x: number; w: number }, length: number) => {
    const y = doc.y + 4;
    doc
      .lineWidth(0.8)
      .strokeColor(INK)
      .moveTo(at.x + (at.w - length) / 2, y)
      .lineTo(at.x + (at.w + length) / 2, y)
      .stroke();
  };

  // Head: the issuing body on the left, the national name and motto on the right.
  const left = { x: 50, w: 330 };
  const right = { x: 400, w: width - 450 };
  doc.y = 58;
  if (issuer.parent) write(issuer.parent, 'regular', 12, left);
  write(issuer.name, 'bold', 12, left);
  rule(left, 90);
  const headBottom = doc.y;
  doc.y = 58;
  write('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12, right);
  write('Độc lập - Tự do - Hạnh phúc', 'bold', 12, right);
  rule(right, 170);

  // Body: who completed what, and when.
  const body = { x: 60, w: width - 120 };
  doc.y = Math.max(headBottom, doc.y) + 26;
  write('CHỨNG NHẬN HOÀN THÀNH KHOÁ HỌC', 'bold', 26, body, 12, GREEN);
  write('Chứng nhận Ông/Bà', 'regular', 14, body, 4);
  write(info.fullName, 'bold', 24, body, 4);
  write(info.unitName, 'regular', 14, body, 12);
  write('đã hoàn thành khoá học', 'regular', 14, body, 4);
  write(info.courseTitle, 'bold', 18, body, 4, GREEN);
  write(`phiên bản ${info.version}, ngày ${vnDate(info.completedAt)}`, 'regular', 12, body);
  // A course whose completion lapses says until when; after that day the code still verifies, saying it lapsed.
  if (info.validUntil) write(`Có giá trị đến hết ngày ${vnDate(`${info.validUntil}T12:00:00+07:00`)}`, 'bold', 12, body);

  // Foot: the QR code and the code in words on the left, the signature block on the right.
  const footTop = Math.max(doc.y + 18, height - 200);
  const qrSize = 112;
  doc.image(qr, 62, footTop, { width: qrSize, height: qrSize });
  const beside = { x: 62 + qrSize + 14, w: 290 };
  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(`Mã xác minh: ${info.code}`, beside.x, footTop + 16, { width: beside.w });
  doc.moveDown(0.4).font('regular').fontSize(10).fillColor(GREY).text('Quét mã QR hoặc mở địa chỉ sau để kiểm tra chứng nhận:', { width: beside.w });
  // On one line however long the origin (an address broken in two cannot be typed from
  // paper), made smaller when it would run into the signature block.
  const sign = { x: width - 330, w: 270 };
  const room = sign.x - beside.x - 10;
  doc.fontSize(Math.min(10, (10 * room) / doc.widthOfString(options.verifyUrl))).text(options.verifyUrl, { lineBreak: false });
  doc.y = footTop;
  write(placeAndDate(issuer.place, info.issuedAt), 'regular', 12, sign, 4);
  write(issuer.signerTitle, 'bold', 12, sign, 62);
  write(issuer.signerName, 'bold', 13, sign);
  doc.end();
  return done;
}
