import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

let s3: S3Client | undefined;
// Loaded on first use: most API requests never touch a store (smaller cold start).
const client = async () =>
  (s3 ??= new (await import('@aws-sdk/client-s3')).S3Client({
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: Boolean(process.env.S3_ENDPOINT),
    ...(process.env.S3_ENDPOINT ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  }));

/** Lets tests point the stores at another S3 endpoint. */
export function resetObjectStores(): void {
  s3?.destroy();
  s3 = undefined;
}

export type ObjectStore = {
  put(key: string, body: Readable | Uint8Array, contentType: string, options?: { overwrite?: boolean; cacheControl?: string }): Promise<void>;
  get(key: string): Promise<Readable>;
};

/**
 * Files kept by key: in an S3 bucket when deployed (`bucket()` names it), in a folder
 * locally (`dir()`). Reports and published course media both live in one.
 */
export function objectStore(where: { bucket: () => string | undefined; dir: () => string }): ObjectStore {
  const localPath = (key: string) => {
    const root = resolve(where.dir());
    const path = resolve(root, key);
    if (!path.startsWith(`${root}/`)) throw new Error(`key escapes the store: ${key}`);
    return path;
  };
  return {
    async put(key, body, contentType, options = {}) {
      const bucket = where.bucket();
      if (bucket) {
        const { Upload } = await import('@aws-sdk/lib-storage');
        await new Upload({
          client: await client(),
          params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: options.cacheControl },
        }).done();
        return;
      }
      const path = localPath(key);
      await mkdir(dirname(path), { recursive: true });
      await pipeline(body instanceof Uint8Array ? Readable.from([body]) : body, createWriteStream(path, { flags: options.overwrite ? 'w' : 'wx' }));
    },
    async get(key) {
      const bucket = where.bucket();
      if (bucket) {
        const { GetObjectCommand } = await import('@aws-sdk/client-s3');
        const out = await (await client()).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body as Readable;
      }
      return createReadStream(localPath(key));
    },
  };
}

/**
 * Files only their readers' roles may fetch — generated reports, exemption evidence: a private
 * S3 bucket when deployed (REPORTS_BUCKET), a folder locally (REPORTS_DIR, `.data/reports`
 * under `npm start`). Each domain keeps its own key prefix (`reports/`, `evidence/`).
 */
export const privateFiles = objectStore({
  bucket: () => process.env.REPORTS_BUCKET,
  dir: () => process.env.REPORTS_DIR ?? join(tmpdir(), 'sansang-reports'),
});
