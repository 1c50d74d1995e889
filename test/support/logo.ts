import { crc32, inflateSync } from 'node:zlib';
import { encodePng } from '@sansang/core';

/** A real PNG of one colour (a test logo a browser, pdfkit and Excel all draw), `width` × `height`. */
export function pngLogo(width = 48, height = 48, rgb: [number, number, number] = [200, 16, 46]): Buffer {
  const pixels = new Uint8Array(width * height * 4);
  for (let at = 0; at < pixels.length; at += 4) pixels.set([...rgb, 255], at);
  return encodePng(width, height, pixels);
}

/**
 * The pixels of a PNG as `encodePng` writes them (8-bit RGBA, unfiltered rows), after checking
 * what a decoder would: the signature, every chunk's CRC, the header and an IDAT that inflates
 * to exactly its rows. Throws, saying what is wrong, on anything else.
 */
export function readPng(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature');
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    if (body.length !== length + 4 || at + 12 + length > png.length) throw new Error(`chunk at ${at} runs past the end`);
    if (png.readUInt32BE(at + 8 + length) !== crc32(body)) throw new Error(`chunk at ${at}: bad CRC`);
    chunks.push({ type: body.subarray(0, 4).toString('ascii'), data: body.subarray(4) });
    at += 12 + length;
  }
  const types = chunks.map((c) => c.type);
  if (types[0] !== 'IHDR' || types.at(-1) !== 'IEND' || !types.includes('IDAT')) throw new Error(`chunks ${types.join(', ')}`);
  const header = chunks[0]!.data;
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  if (!header.subarray(8).equals(Buffer.from([8, 6, 0, 0, 0]))) throw new Error('not 8-bit RGBA, deflate, unfiltered, not interlaced');
  const rows = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  if (rows.length !== height * (stride + 1)) throw new Error(`${rows.length} bytes of rows, not ${height} × ${stride + 1}`);
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    if (rows[y * (stride + 1)] !== 0) throw new Error(`row ${y} is filtered`);
    rgba.set(rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, rgba };
}

/** The head of a baseline JPEG (SOI, APP0, SOF0) of `width` × `height`: what a logo check reads, no picture. */
export function jpegHead(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}
