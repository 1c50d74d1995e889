import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
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

const fields = ({ id, unitId, kind, status, requestedBy, createdAt, finishedAt, sha256, bytes, key, scheduleId }: Archive): Archive => ({
  id,
  unitId,
  kind: kind ?? 'completions.csv',
  status,
  requestedBy,
  createdAt,
  finishedAt,
  sha256,
  bytes,
  key,
  ...(scheduleId ? { scheduleId } : {}),
});

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
  const requestKey = options.requestKey
    ? keys.reportRequest(unitId, createHash('sha256').update(`${kind}\u0000${requestedBy}\u0000${options.requestKey}`).digest('hex').slice(0, 32))
    : null;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.reportArchive(unitId, id), type: 'report', ...archive },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(requestKey
            ? [
                {
                  Put: {
                    TableName: tableName(),
                    Item: { ...requestKey, type: 'report-request', archiveId: id },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : []),
        ],
      }),
    );
  } catch (err) {
    if (!requestKey || !isConditionFailure(err)) throw err;
    const seen = await db().send(new GetCommand({ TableName: tableName(), Key: requestKey, ConsistentRead: true }));
    return { ...(await getArchive(unitId, String(seen.Item!.archiveId))), existing: true };
  }
  return archive;
}

/**
 * Generates the file into the report store, streaming, with its SHA-256, and marks the
 * archive ready. `generate` is the report's stream for its kind.
 */
export async function runArchive(job: ArchiveJob, generate: (archive: Archive) => Readable | Promise<Readable>): Promise<Archive> {
  // Claim the job first: a retried or duplicated invocation finds it taken and stops.
  let archive: Archive;
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.reportArchive(job.unitId, job.id),
        UpdateExpression: 'SET #s = :running',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':pending': 'pending' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    archive = fields(out.Attributes as Archive);
  } catch (err) {
    if (isConditionFailure(err)) return getArchive(job.unitId, job.id);
    throw err;
  }
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
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.reportArchive(job.unitId, job.id),
      UpdateExpression: 'SET #s = :s, finishedAt = :f, sha256 = :h, bytes = :b',
      ConditionExpression: '#s = :running',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':s': result.status,
        ':f': new Date().toISOString(),
        ':h': result.sha256 ?? null,
        ':b': result.bytes ?? null,
        ':running': 'running',
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return fields(out.Attributes as Archive);
}

export async function getArchive(unitId: string, id: string): Promise<Archive> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reportArchive(unitId, id) }));
  if (!out.Item) throw new VisibleError('report.not_found', 'Không tìm thấy báo cáo này.');
  return fields(out.Item as Archive);
}

/** A unit's archived reports, newest first. */
export async function listArchives(unitId: string): Promise<Archive[]> {
  const items = await queryList<Archive>({ pk: keys.unitPartition(unitId), skPrefix: keys.reportArchivePrefix });
  return items.map(fields).reverse();
}

export async function openArchive(unitId: string, id: string): Promise<{ archive: Archive; body: Readable }> {
  const archive = await getArchive(unitId, id);
  if (archive.status !== 'ready') throw new VisibleError('report.not_ready', 'Báo cáo đang được tạo, vui lòng thử lại sau.');
  return { archive, body: await reportStore.get(archive.key) };
}
