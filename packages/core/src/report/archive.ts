import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { reportStore } from './store.ts';

export type Archive = {
  id: string; unitId: string; kind: 'completions.csv'; status: 'pending' | 'running' | 'ready' | 'failed';
  requestedBy: string; createdAt: string; finishedAt?: string; sha256?: string; bytes?: number; key: string;
};
export type ArchiveJob = { unitId: string; id: string };

const fields = ({ id, unitId, kind, status, requestedBy, createdAt, finishedAt, sha256, bytes, key }: Archive): Archive =>
  ({ id, unitId, kind, status, requestedBy, createdAt, finishedAt, sha256, bytes, key });

/** Records a report to be generated; the figures are frozen when the job runs, then never change. */
export async function requestArchive(unitId: string, requestedBy: string): Promise<Archive> {
  const createdAt = new Date().toISOString();
  const id = `${createdAt.replace(/[-:.]/g, '')}-${randomBytes(6).toString('hex')}`;
  const archive: Archive = { id, unitId, kind: 'completions.csv', status: 'pending', requestedBy, createdAt, key: `reports/${unitId}/${id}.csv` };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.reportArchive(unitId, id), type: 'report', ...archive }, ConditionExpression: 'attribute_not_exists(pk)' }));
  return archive;
}

/**
 * Generates the file into the report store, streaming, with its SHA-256, and marks the
 * archive ready. `generate` is the report's stream (e.g. Report.completionsCsv).
 */
export async function runArchive(job: ArchiveJob, generate: (unitId: string) => Readable): Promise<Archive> {
  // Claim the job first: a retried or duplicated invocation finds it taken and stops.
  let archive: Archive;
  try {
    const out = await db().send(new UpdateCommand({
      TableName: tableName(), Key: keys.reportArchive(job.unitId, job.id),
      UpdateExpression: 'SET #s = :running', ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':running': 'running', ':pending': 'pending' },
      ReturnValues: 'ALL_NEW',
    }));
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
    await reportStore.put(archive.key, generate(job.unitId).pipe(hashing), 'text/csv; charset=utf-8');
    return await finish(job, { status: 'ready', sha256: hash.digest('hex'), bytes });
  } catch (err) {
    await finish(job, { status: 'failed' });
    throw err;
  }
}

async function finish(job: ArchiveJob, result: Pick<Archive, 'status'> & Partial<Archive>): Promise<Archive> {
  const out = await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: keys.reportArchive(job.unitId, job.id),
    UpdateExpression: 'SET #s = :s, finishedAt = :f, sha256 = :h, bytes = :b',
    ConditionExpression: '#s = :running',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':s': result.status, ':f': new Date().toISOString(), ':h': result.sha256 ?? null, ':b': result.bytes ?? null, ':running': 'running' },
    ReturnValues: 'ALL_NEW',
  }));
  return fields(out.Attributes as Archive);
}

/**
 * Starts the job: the reports Lambda, invoked asynchronously, when deployed
 * (REPORTS_FUNCTION); in this process otherwise (the local stack and tests).
 */
export async function dispatchArchive(job: ArchiveJob, runLocally: (job: ArchiveJob) => Promise<unknown>): Promise<void> {
  const fn = process.env.REPORTS_FUNCTION;
  if (fn) {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
    await new LambdaClient({}).send(new InvokeCommand({ FunctionName: fn, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(job)) }));
    return;
  }
  runLocally(job).catch((err) => console.error(JSON.stringify({ level: 'error', event: 'report.failed', job, error: String(err) })));
}

export async function getArchive(unitId: string, id: string): Promise<Archive> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reportArchive(unitId, id) }));
  if (!out.Item) throw new VisibleError('report.not_found', 'Không tìm thấy báo cáo này.', 404);
  return fields(out.Item as Archive);
}

/** A unit's archived reports, newest first. */
export async function listArchives(unitId: string): Promise<Archive[]> {
  const items = await queryList<Archive>({ pk: keys.unitPartition(unitId), skPrefix: keys.reportArchivePrefix });
  return items.map(fields).reverse();
}

export async function openArchive(unitId: string, id: string): Promise<{ archive: Archive; body: Readable }> {
  const archive = await getArchive(unitId, id);
  if (archive.status !== 'ready') throw new VisibleError('report.not_ready', 'Báo cáo đang được tạo, vui lòng thử lại sau.', 409);
  return { archive, body: await reportStore.get(archive.key) };
}
