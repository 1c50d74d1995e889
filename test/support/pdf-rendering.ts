import type { Browser } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { renderPdfToPng } from './pdf.ts';
import { fontFile } from '@sansang/core/testing';

/** The fonts every PDF of ours embeds, by PostScript name. */
export const beVietnamPro = { 'BeVietnamPro-Regular': fontFile('400Regular'), 'BeVietnamPro-Bold': fontFile('700Bold') };

/** Pixels per PDF point: at 11 pt an accent is then ~20 pixels, far above rounding noise. */
const SCALE = 3;

/** A character of the PDF's text whose drawn pixels do not match the font's own drawing of it. */
export type MisdrawnCharacter = { line: string; index: number; char: string; blocks: number };

type Line = { text: string; font: string; x: number; baseline: number; size: number };

/**
 * Compares, character by character, the first page of a PDF as pdf.js draws it in Chromium
 * with the same text drawn by Chromium itself from the font files (`fonts`: PostScript name →
 * .ttf). Text extraction reads the ToUnicode map, not the glyphs: it cannot see a glyph that
 * draws as a box or a blank, a mark left off, or a font the viewer failed to load; pixels can.
 * `expected` turns each extracted line into what should be on the page, so a test can prove
 * the comparison notices a difference as small as a missing diacritic.
 */
export async function checkRenderedText(
  browser: Browser,
  pdf: Uint8Array,
  fonts: Record<string, string>,
  expected: (line: string) => string = (line) => line,
): Promise<{ png: Buffer; misdrawn: MisdrawnCharacter[] }> {
  const lines = await textLines(pdf);
  const unknown = [...new Set(lines.map((l) => l.font))].filter((f) => !(f in fonts));
  if (unknown.length > 0) throw new Error(`the PDF draws text in fonts that are not the expected ones: ${unknown.join(', ')}`);
  const fontData = Object.fromEntries(await Promise.all(Object.entries(fonts).map(async ([name, file]) => [name, (await readFile(file)).toString('base64')])));
  const png = await renderPdfToPng(browser, pdf, SCALE);
  const page = await browser.newPage();
  try {
    // esbuild (tsx, vitest) may wrap named functions in `__name(...)`, which the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    const misdrawn = await page.evaluate(compareInPage, { png: png.toString('base64'), fontData, lines: lines.map((l) => ({ ...l, text: expected(l.text) })) });
    return { png, misdrawn };
  } finally {
    await page.close();
  }
}

/** Each line of text on page 1, where pdf.js puts it at SCALE, and the embedded font's name without its subset tag. */
async function textLines(pdf: Uint8Array): Promise<Line[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: SCALE });
    // The operator list loads the page's fonts into commonObjs, where their names are.
    await page.getOperatorList();
    const content = await page.getTextContent();
    return content.items.flatMap((item) => {
      if (!('str' in item) || item.str.trim() === '') return [];
      const [, , c, d, e, f] = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
      const font = String((page.commonObjs.get(item.fontName) as { name: string }).name).replace(/^[A-Z]{6}\+/, '');
      return [{ text: item.str, font, x: e!, baseline: f!, size: Math.hypot(c!, d!) }];
    });
  } finally {
    await doc.destroy();
  }
}

/**
 * Runs in the page: draws every line with the real font where pdf.js drew it, marks the
 * pixels where one drawing has ink and the other has none within 1 px (rounding of glyph
 * positions), and counts, per character, the 2×2 blocks of such pixels. Rounding leaves at
 * most 1-px slivers along edges, so no block; a missing accent leaves several even at 11 pt.
 */
async function compareInPage({ png, fontData, lines }: { png: string; fontData: Record<string, string>; lines: Line[] }): Promise<MisdrawnCharacter[]> {
  const MIN_BLOCKS = 3;
  const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  for (const [name, data] of Object.entries(fontData)) document.fonts.add(await new FontFace(`ref-${name}`, bytes(data)).load());
  const bitmap = await createImageBitmap(new Blob([bytes(png)], { type: 'image/png' }));
  const { width, height } = bitmap;
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  const inkOf = (draw: () => void) => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    draw();
    const { data } = ctx.getImageData(0, 0, width, height);
    const ink = new Uint8Array(width * height);
    // Any text colour on the certificate (black, dark green, grey) is darker than this.
    for (let i = 0; i < ink.length; i++) ink[i] = Math.min(data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!) < 128 ? 1 : 0;
    return ink;
  };
  const drawn = inkOf(() => ctx.drawImage(bitmap, 0, 0));
  const reference = inkOf(() => {
    ctx.fillStyle = '#000';
    for (const l of lines) {
      ctx.font = `${l.size}px "ref-${l.font}"`;
      ctx.fillText(l.text, l.x, l.baseline);
    }
  });
  const near = (ink: Uint8Array, at: number) =>
    ink[at - width - 1] ||
    ink[at - width] ||
    ink[at - width + 1] ||
    ink[at - 1] ||
    ink[at] ||
    ink[at + 1] ||
    ink[at + width - 1] ||
    ink[at + width] ||
    ink[at + width + 1];
  const differs = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      differs[at] = (drawn[at] && !near(reference, at)) || (reference[at] && !near(drawn, at)) ? 1 : 0;
    }
  }
  const found: MisdrawnCharacter[] = [];
  for (const l of lines) {
    ctx.font = `${l.size}px "ref-${l.font}"`;
    const chars = [...l.text];
    // Stacked Vietnamese marks rise above the capitals; descenders go below the baseline.
    const top = Math.max(0, Math.floor(l.baseline - 1.25 * l.size));
    const bottom = Math.min(height - 2, Math.ceil(l.baseline + 0.35 * l.size));
    let before = 0;
    chars.forEach((char, index) => {
      const after = ctx.measureText(chars.slice(0, index + 1).join('')).width;
      const left = Math.max(0, Math.floor(l.x + before));
      const right = Math.min(width - 2, Math.ceil(l.x + after));
      before = after;
      let ink = 0;
      let blocks = 0;
      for (let y = top; y <= bottom; y++) {
        for (let x = left; x < right; x++) {
          const at = y * width + x;
          ink += drawn[at]! + reference[at]!;
          if (differs[at] && differs[at + 1] && differs[at + width] && differs[at + width + 1]) blocks++;
        }
      }
      if (char.trim() !== '' && (ink === 0 || blocks >= MIN_BLOCKS)) found.push({ line: l.text, index, char, blocks });
    });
  }
  return found;
}
