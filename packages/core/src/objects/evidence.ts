import { VisibleError } from '../error.ts';

/** The largest evidence file accepted: a scanned decision, a medical certificate, a certificate of prior learning. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** The file kinds evidence may be, told by their first bytes (a name or a declared type proves nothing). */
const signatures: { contentType: string; ext: string; matches: (b: Uint8Array) => boolean }[] = [
  { contentType: 'application/pdf', ext: 'pdf', matches: (b) => ascii(b, 0, 5) === '%PDF-' },
  { contentType: 'image/png', ext: 'png', matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { contentType: 'image/jpeg', ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { contentType: 'image/webp', ext: 'webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
];

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The kind of an evidence file by its content, or null when it is neither a PDF nor a PNG, JPEG or WebP image. */
export function evidenceKind(bytes: Uint8Array): { contentType: string; ext: string } | null {
  const found = signatures.find((s) => s.matches(bytes));
  return found ? { contentType: found.contentType, ext: found.ext } : null;
}

/** An evidence file as a request carries it: its name, and its bytes in base64. */
export type EvidenceUpload = { fileName: string; data: string };

/**
 * The bytes of an evidence file sent as base64 (a `data:` URL prefix allowed), checked: at
 * most 5 MB, and a PDF or an image by its content. Throws the error HR reads otherwise.
 */
export function readEvidence(file: EvidenceUpload): { bytes: Uint8Array; contentType: string; ext: string } {
  const data = file.data.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1)
    throw new VisibleError('evidence.encoding', `Tệp minh chứng "${file.fileName}" không đọc được (dữ liệu base64 hỏng).`);
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  if (bytes.length > MAX_EVIDENCE_BYTES)
    throw new VisibleError(
      'evidence.too_large',
      `Tệp minh chứng "${file.fileName}" nặng ${(bytes.length / 1024 / 1024).toFixed(1).replace('.', ',')} MB, quá giới hạn 5 MB.`,
    );
  const kind = evidenceKind(bytes);
  if (!kind)
    throw new VisibleError(
      'evidence.type',
      `Tệp minh chứng "${file.fileName}" không phải PDF hay ảnh (PNG, JPEG, WebP) — nội dung tệp được kiểm tra, không dựa vào tên tệp.`,
    );
  return { bytes, ...kind };
}
