import * as v from 'valibot';

/**
 * A tenant: a province or ministry (any unit) that shows its own name and logo on its people's
 * pages and on the reports of its subtree. Who is in it is the org tree's business: a unit
 * belongs to the nearest tenant at or above it.
 */

/** The name printed above a unit's own on its reports and beside the logo in the header: "UBND TỈNH MINH SƠN". */
export const Name = v.pipe(v.string(), v.trim(), v.normalize('NFC'), v.minLength(1, 'cần tên hiển thị'), v.maxLength(120, 'tên hiển thị tối đa 120 ký tự'));

export const logoTypes = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof logoTypes)[number];
/** A logo travels with every report and page of the tenant: small, and a picture a PDF and a workbook can carry. */
export const MAX_LOGO_BYTES = 100_000;
export const MAX_LOGO_SIDE = 1024;

/** `version`: changes with each new logo, so a browser may keep one for as long as it likes. */
export type Logo = { type: LogoType; width: number; height: number; version: string };

export type Info = { unitId: string; name: string; logo: Logo | null; updatedAt: string; updatedBy: string };

/** What a page needs to show a person's tenant: its name, and where its logo is when it has one. */
export type Brand = { unitId: string; name: string; logo: string | null };

/**
 * A PNG or JPEG's type and size in pixels from its header, or what is wrong with it. Only the
 * header is read: the picture is drawn by the browser, pdfkit and Excel, never decoded here.
 */
export function inspectLogo(bytes: Uint8Array): { type: LogoType; width: number; height: number } | { problem: string } {
  if (bytes.length === 0) return { problem: 'Tệp biểu trưng trống.' };
  if (bytes.length > MAX_LOGO_BYTES) return { problem: `Biểu trưng tối đa ${MAX_LOGO_BYTES / 1000} KB; tệp này ${Math.ceil(bytes.length / 1000)} KB.` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  let found: { type: LogoType; width: number; height: number } | null = null;
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') {
    found = { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  } else if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG: walk the segments to the frame header (SOF0-SOF15 but DHT, JPG and DAC), which holds the size.
    for (let at = 2; at + 9 <= bytes.length;) {
      if (bytes[at] !== 0xff) break;
      const marker = bytes[at + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        found = { type: 'image/jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
        break;
      }
      at += 2 + view.getUint16(at + 2);
    }
  }
  if (!found) return { problem: 'Biểu trưng phải là ảnh PNG hoặc JPEG.' };
  if (found.width < 1 || found.height < 1 || found.width > MAX_LOGO_SIDE || found.height > MAX_LOGO_SIDE)
    return { problem: `Biểu trưng tối đa ${MAX_LOGO_SIDE}×${MAX_LOGO_SIDE} điểm ảnh; ảnh này ${found.width}×${found.height}.` };
  return found;
}
