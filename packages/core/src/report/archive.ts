import { createHash, randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { VisibleError } from '../error.ts';
import * as store from './store.ts';
import { reportStore } from './store.ts';

/** What a report pack holds: the completion list (CSV, XLSX) and the summary for leadership (PDF). */
export const archiveKinds = {
  'completions.csv': { ext: 'csv', contentType: 'text/csv; charset=utf-8', label: 'Danh sách hoàn thành (CSV)' },
  'completions.xlsx': { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Báo cáo chi tiết (Excel)' },
  'summary.pdf': { ext: 'pdf', contentType: 'application/pdf', label: 'Báo cáo tổng hợp (PDF)' },
} as const;
export type ArchiveKind = keyof typeof archiveKinds;
export const archiveKindNames = Object.keys(archiveKinds) as ArchiveKind[];

export type Archive = {
  id: string;
  unitId: string;
  kind: ArchiveKind;
  status: 'pending' | 'running' | 'ready' | 'failed';
  requestedBy: string;
  createdAt: string;
  finishedAt?: string;
  sha256?: string;
  bytes?: number;
  key: string;
  scheduleId?: string;
};
export type ArchiveJob = { unitId: string; id: string };

/**
 * Records a report to be generated; the figures are frozen when the job runs, then never
 * change. The same `requestKey` (a retried request, or a schedule's period) gives the same
 * archive instead of a second one.
 */
export async function requestArchive(
  unitId: string,
  requestedBy: string,
  kind: ArchiveKind = 'completions.csv',
  options: { requestKey?: string; scheduleId?: string } = {},
): Promise<Archive & { existing?: boolean }> {
  const createdAt = new Date().toISOString();
  const id = `${createdAt.replace(/[-:.]/g, '')}-${randomBytes(6).toString('hex')}`;
  const archive: Archive = {
    id,
    unitId,
    kind,
    status: 'pending',
    requestedBy,
    createdAt,
    key: `reports/${unitId}/${id}.${archiveKinds[kind].ext}`,
    ...(options.scheduleId ? { scheduleId: options.scheduleId } : {}),
  };
  const requestHash = options.requestKey
    ? createHash('sha256').update(`${kind}\u0000${requestedBy}\u0000${options.requestKey}`).digest('hex').slice(0, 32)
    : null;
  if (!(await store.putArchive(archive, requestHash))) {
    return { ...(await getArchive(unitId, await store.archiveOfRequest(unitId, requestHash!))), existing: true };
  }
  return archive;
}

/**
 * Generates the file into the report store, streaming, with its SHA-256, and marks the
 * archive ready. `generate` is the report's stream for its kind.
 */
export async function runArchive(job: ArchiveJob, generate: (archive: Archive) => Readable | Promise<Readable>): Promise<Archive> {
  // Claim the job first: a retried or duplicated invocation finds it taken and stops.
  const archive = await store.claimArchive(job.unitId, job.id);
  if (!archive) return getArchive(job.unitId, job.id);
  const hash = createHash('sha256');
  let bytes = 0;
  // Hash exactly what is stored: a transform in the stream, not a listener beside it
  // (a 'data' listener would start the flow before the store reads and lose the head).
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    const body = await generate(archive);
    body.on('error', (err) => hashing.destroy(err));
    await reportStore.put(archive.key, body.pipe(hashing), archiveKinds[archive.kind].contentType);
    return await finish(job, { status: 'ready', sha256: hash.digest('hex'), bytes });
  } catch (err) {
    await finish(job, { status: 'failed' });
    throw err;
  }
}

async function finish(job: ArchiveJob, result: Pick<Archive, 'status'> & Partial<Archive>): Promise<Archive> {
  return store.finishArchive(job.unitId, job.id, { ...result, finishedAt: new Date().toISOString() });
}

export async function getArchive(unitId: string, id: string): Promise<Archive> {
  const archive = await store.getArchive(unitId, id);
  if (!archive) throw new VisibleError('report.not_found', 'Không tìm thấy báo cáo này.');
  return archive;
}

/** A unit's archived reports, newest first. */
export async function listArchives(unitId: string): Promise<Archive[]> {
  return (await store.listArchives(unitId)).reverse();
}

export async function openArchive(unitId: string, id: string): Promise<{ archive: Archive; body: Readable }> {
  const archive = await getArchive(unitId, id);
  if (archive.status !== 'ready') throw new VisibleError('report.not_ready', 'Báo cáo đang được tạo, vui lòng thử lại sau.');
  return { archive, body: await reportStore.get(archive.key) };
}
