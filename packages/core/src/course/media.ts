import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { objectStore } from '../objects/store.ts';
import { mediaContentType, type Bundle } from './schema.ts';

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

export async function publishMedia(bundle: Pick<Bundle, 'slug' | 'version' | 'media'>, read: (path: string) => Promise<Uint8Array>): Promise<number> {
  for (const file of bundle.media) {
    const type = mediaContentType(file.path);
    await store.put(`media/${bundle.slug}/${bundle.version}/${file.path}`, await read(file.path), type, {
      overwrite: true,
      cacheControl: 'public, max-age=31536000, immutable',
    });
  }
  return bundle.media.length;
}
