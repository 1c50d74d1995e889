import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';

/**
 * Where generated reports are kept: a private S3 bucket when deployed (REPORTS_BUCKET), a
 * folder locally (REPORTS_DIR, `.data/reports` under `npm start`). Keys are `reports/...`.
 */
let s3: S3Client | undefined;
// Loaded on first use: most API requests never touch the report store (smaller cold start).
const client = async () =>
  (s3 ??= new (await import('@aws-sdk/client-s3')).S3Client({
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: Boolean(process.env.S3_ENDPOINT),
    ...(process.env.S3_ENDPOINT ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  }));

const localPath = (key: string) => {
  const root = resolve(process.env.REPORTS_DIR ?? join(tmpdir(), 'sansang-reports'));
  const path = resolve(root, key);
  if (!path.startsWith(`${root}/`)) throw new Error(`report key escapes the store: ${key}`);
  return path;
};

export async function putReport(key: string, body: Readable, contentType: string): Promise<void> {
  const bucket = process.env.REPORTS_BUCKET;
  if (bucket) {
    const { Upload } = await import('@aws-sdk/lib-storage');
    await new Upload({ client: await client(), params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType } }).done();
    return;
  }
  const path = localPath(key);
  await mkdir(dirname(path), { recursive: true });
  await pipeline(body, createWriteStream(path, { flags: 'wx' }));
}

export async function getReport(key: string): Promise<Readable> {
  const bucket = process.env.REPORTS_BUCKET;
  if (bucket) {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const out = await (await client()).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return out.Body as Readable;
  }
  return createReadStream(localPath(key));
}

/** Lets tests point the store at another S3 endpoint. */
export function resetReportStore(): void {
  s3?.destroy();
  s3 = undefined;
}
