import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Be Vietnam Pro, embedded (subset) in every PDF we make so the diacritics print right on
 * any PC. On Lambda the files travel in `fonts/` beside the bundle (infra/bundle.ts puts
 * them there); locally they come from the npm package. FONT_DIR overrides both.
 */
export function fontFile(weight: '400Regular' | '700Bold'): string {
  const name = `BeVietnamPro_${weight}.ttf`;
  const dir = process.env.FONT_DIR ?? (process.env.LAMBDA_TASK_ROOT ? join(process.env.LAMBDA_TASK_ROOT, 'fonts') : undefined);
  if (dir) return join(dir, name);
  return createRequire(import.meta.url).resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/${name}`);
}
