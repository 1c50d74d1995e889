import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { objectStore } from '../object-store.ts';
import type { Bundle } from './bundle.ts';

/**
 * Where published course images and attachments go: the site bucket under `media/` when
 * deployed (MEDIA_BUCKET; CloudFront serves it), a folder locally (MEDIA_DIR, served by
 * the local server). Keys carry the course version, so a new version never changes the
 * files a learner on the old one sees.
 */
const store = objectStore({
  bucket: () => process.env.MEDIA_BUCKET,
  dir: () => process.env.MEDIA_DIR ?? join(tmpdir(), 'sansang-media'),
});

const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
/** File types a course may carry; anything that could run script in the site's origin (SVG, HTML) is not one. */
export const mediaTypes = Object.keys(TYPES);

export async function publishMedia(bundle: Pick<Bundle, 'slug' | 'version' | 'media'>, read: (path: string) => Promise<Uint8Array>): Promise<number> {
  for (const file of bundle.media) {
    const type = TYPES[file.path.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
    await store.put(`media/${bundle.slug}/${bundle.version}/${file.path}`, await read(file.path), type,
      { overwrite: true, cacheControl: 'public, max-age=31536000, immutable' });
  }
  return bundle.media.length;
}
