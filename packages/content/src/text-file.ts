import { readFile, writeFile } from 'node:fs/promises';
import type { Diagnostics, Position } from './diagnostic.ts';

/**
 * Letters that only appear when Vietnamese typed with a legacy font encoding is read as
 * Unicode: TCVN3 (ABC, fonts .VnTime…) puts tone-marked vowels on Latin-1 symbols such as
 * µ ¸ ¶ Ö ñ (“ViÖt Nam”, “hoµ”), VNI puts accents after the vowel as ø û ï ä ë (“Vieät”, “hoøa”).
 */
const TCVN3 = /[A-Za-z][A-Za-z]*[¡¢£¤¥¦§¨ª«¬®µ¶·¸¹ÆÇËÎÏÑÖ×ØÛÜÞßåæçëîïñö÷øûüþ]|[¡¢£¤¥¦§¨ª«¬®µ¶·¸¹ÆÇËÎÏÑÖ×ØÛÜÞßåæçëîïñö÷øûüþ][a-z]/g;
const VNI = /[aeiouyAEIOUY][øûïäëö][a-z]?/g;

function legacyEncoding(line: string): 'TCVN3' | 'VNI' | null {
  const tcvn = line.match(TCVN3)?.length ?? 0;
  const vni = line.match(VNI)?.length ?? 0;
  // One odd letter may be a foreign name; two in a line is a pattern.
  if (tcvn >= 2 && /[µ¸¶·¹¨«®]/.test(line)) return 'TCVN3';
  if (vni >= 2) return 'VNI';
  if (tcvn >= 2) return 'TCVN3';
  return null;
}

export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

const firstLine = (text: string, bad: (line: string) => boolean): Position | null => {
  const lines = text.split('\n');
  const i = lines.findIndex(bad);
  return i < 0 ? null : { line: i + 1, col: 1 };
};

/**
 * Reads a content file as text: UTF-8 (with or without BOM) or UTF-16 with BOM. Reports
 * other encodings, text typed in TCVN3/VNI, and text that is not NFC; with `fix`, rewrites a
 * non-NFC file normalised (as UTF-8) so the next check is clean.
 */
export async function readText(path: string, diags: Diagnostics, fix = false): Promise<string | null> {
  const bytes = await readFile(path);
  let text = decodeText(bytes);
  if (text === null) {
    diags.error({ line: 1, col: 1 }, 'file.not_utf8', 'Tệp không được lưu ở mã UTF-8 (có thể là TCVN3/VNI hoặc Windows-1258); hãy mở bằng trình soạn thảo và lưu lại với mã hoá UTF-8.');
    return null;
  }
  let fenced = false;
  for (const [i, line] of text.split('\n').entries()) {
    // Code spans and blocks are where a lesson shows what garbled text looks like.
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const legacy = fenced ? null : legacyEncoding(line.replace(/`[^`]*`/g, ''));
    if (legacy) {
      diags.error({ line: i + 1, col: 1 }, 'text.legacy_encoding',
        `Dòng này có vẻ được gõ bằng bảng mã ${legacy} cũ (phông .Vn/VNI) nên hiển thị sai dấu; hãy chuyển sang Unicode (ví dụ công cụ chuyển mã của Unikey) rồi lưu lại.`);
    }
  }
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    const at = firstLine(text, (l) => l !== l.normalize('NFC'))!;
    if (fix) {
      await writeFile(path, nfc);
      diags.warn(at, 'text.not_nfc', 'Chữ tiếng Việt ở dạng tổ hợp (không phải NFC); --fix đã chuẩn hoá và ghi lại tệp.');
    } else {
      diags.error(at, 'text.not_nfc', 'Chữ tiếng Việt ở dạng tổ hợp (không phải NFC), tìm kiếm và so khớp sẽ sai; chạy "content check --fix" để chuẩn hoá.');
    }
    text = nfc;
  }
  return text;
}
