import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { fileURLToPath } from 'node:url';
import { helpGuides } from './help-plugin.ts';

export default defineConfig({
  plugins: [solid(), helpGuides(fileURLToPath(new URL('../../content/help', import.meta.url)))],
  // The manifest (dist/.vite/manifest.json) lets check-budget.ts and the benchmark count each page's JavaScript.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2019', assetsInlineLimit: 0, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
