import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { app } from './app.ts';

/**
 * The local Node entry: the same app as on Lambda under /api, plus the built web app from
 * `webDir` on the same origin (what CloudFront does when deployed), with the SPA's
 * index.html for any other path so deep links survive a reload.
 */
export function localApp(webDir: string) {
  const root = new Hono();
  root.route('/', app);
  // Published course images and attachments (S3 behind CloudFront when deployed).
  const mediaDir = process.env.MEDIA_DIR;
  if (mediaDir) root.get('/media/*', serveStatic({ root: mediaDir }));
  if (existsSync(webDir)) {
    // Compressed as CloudFront serves them, so what the browser tests measure is what a user gets.
    root.use('/assets/*', compress());
    root.use('/', compress());
    root.get('*', serveStatic({ root: webDir }));
    root.get('*', serveStatic({ path: join(webDir, 'index.html') }));
  }
  return root;
}

export type RunningServer = { url: string; port: number; close: () => Promise<void> };

export function startServer(options: { port: number; webDir: string; hostname?: string }): Promise<RunningServer> {
  const web = localApp(options.webDir);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: web.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://localhost:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
