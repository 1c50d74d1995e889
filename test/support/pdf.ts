import type { Browser } from 'playwright-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The text of every page of a PDF, as pdf.js reads it (so what a reader would copy out of it). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

/**
 * Draws the first page of a PDF with pdf.js in Chromium and returns it as PNG: the fonts
 * used are the ones embedded in the file, so what this shows is what any PC shows. `scale`
 * is pixels per PDF point.
 */
export async function renderPdfToPng(browser: Browser, bytes: Uint8Array, scale = 1.5): Promise<Buffer> {
  const files: Record<string, [string, () => Promise<Buffer | string>]> = {
    '/': [
      'text/html',
      async () => `<!doctype html><meta charset="utf-8"><canvas id="c"></canvas><script type="module">
      import * as pdfjs from '/pdf.mjs';
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
      const doc = await pdfjs.getDocument('/doc.pdf').promise;
      const page = await doc.getPage(1);
      const viewport = page.getViewport({ scale: ${scale} });
      const canvas = document.getElementById('c');
      canvas.width = viewport.width; canvas.height = viewport.height;
      await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
      document.body.dataset.done = '1';
    </script>`,
    ],
    '/pdf.mjs': ['text/javascript', () => readFile(require.resolve('pdfjs-dist/build/pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', () => readFile(require.resolve('pdfjs-dist/build/pdf.worker.mjs'))],
    '/doc.pdf': ['application/pdf', async () => Buffer.from(bytes)],
  };
  const server = createServer(async (req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(await file[1]());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('body[data-done="1"]', { timeout: 30_000 });
    const png = await page.locator('#c').screenshot();
    await page.close();
    return png;
  } finally {
    server.close();
  }
}

/** The images drawn on page 1 of a PDF, decoded by pdf.js to RGBA pixels (what a QR reader is given). */
export async function pdfImages(bytes: Uint8Array): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }[]> {
  const { getDocument, ImageKind, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const names = ops.fnArray.flatMap((op, i) => (op === OPS.paintImageXObject ? [String(ops.argsArray[i][0])] : []));
    return await Promise.all(
      names.map(async (name) => {
        const image = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(name, resolve));
        if (image.kind !== ImageKind.RGBA_32BPP) throw new Error(`image ${name}: pixel kind ${image.kind}, expected RGBA`);
        return { width: image.width, height: image.height, rgba: image.data };
      }),
    );
  } finally {
    await doc.destroy();
  }
}
