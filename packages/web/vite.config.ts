import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2019', assetsInlineLimit: 0 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
