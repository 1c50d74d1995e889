import { create } from 'content-disposition';

/**
 * The file name in plain ASCII, for clients that ignore `filename*` (and for the header
 * itself, which may carry no other bytes): Vietnamese letters without their marks, anything
 * else that could end the quoted string or the header turned into '-'.
 */
export function asciiFileName(name: string): string {
  return name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * `Content-Disposition` for a download (RFC 6266): the ASCII name, plus the real Vietnamese
 * name percent-encoded in `filename*` (RFC 8187) when the two differ. Every download goes
 * through here, so a unit code or a slug can never add a header or change the extension.
 * A folder separator or a control character has no place in a saved file's name either.
 */
export function attachment(name: string): string {
  const real = name.normalize('NFC').replace(/[\p{Cc}/\\]/gu, '-');
  return create(real, { fallback: asciiFileName(real) });
}
