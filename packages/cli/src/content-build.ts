import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Course } from '@sansang/core';

/**
 * `content build`: one JSON bundle per course version (`<slug>/<version>.json`, named by
 * version so older ones stay beside newer ones) plus its media, ready to publish or review.
 */
export async function writeBundles(courses: Course.Bundle[], contentDir: string, outDir: string): Promise<number> {
  let files = 0;
  for (const bundle of courses) {
    const base = join(outDir, bundle.slug);
    await mkdir(base, { recursive: true });
    await writeFile(join(base, `${bundle.version}.json`), JSON.stringify(bundle, null, 1));
    files++;
    for (const m of bundle.media) {
      const target = join(base, String(bundle.version), m.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(contentDir, 'courses', bundle.slug, m.path), target);
      files++;
    }
  }
  return files;
}
