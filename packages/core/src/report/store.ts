import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld, isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { privateFiles } from '../objects/store.ts';
import type { Person } from '../person/index.ts';
import { fromItem as personFromItem } from '../person/store.ts';
import type { Archive } from './archive.ts';
import type { Frequency, Schedule } from './schedule.ts';

/** Where generated reports are kept, under `reports/...`. */
export const reportStore = privateFiles;

// What a report reads of a unit and a person.

/** Everyone listed under a unit in the members index, those who left included. */
export async function unitMembers(unitId: string): Promise<Person.Info[]> {
  return (await queryList({ index: 'gsi1', pk: keys.membersOf(unitId) })).map(personFromItem);
}

/** The completions listed under a unit. */
export async function unitCompletions(unitId: string): Promise<{ personId: string; slug: string; completedAt: string; credit: boolean }[]> {
  return (await queryList({ index: 'gsi1', pk: keys.completionsOf(unitId) })).map((c) => ({
    personId: String(c.personId),
    slug: String(c.slug),
    completedAt: String(c.completedAt),
    // Completed by credit for prior learning (an equivalent certificate HR approved), not by taking the course.
    credit: typeof c.creditId === 'string',
  }));
}

/** The trained marks of a target listed under a unit. */
export async function unitTrained(targetId: string, unitId: string): Promise<{ personId: string; trainedAt: string; validUntil: string | null }[]> {
  return (await queryList({ index: 'gsi1', pk: keys.trainedOf(targetId, unitId) })).map((t) => ({
    personId: String(t.personId),
    trainedAt: String(t.trainedAt),
    validUntil: typeof t.validUntil === 'string' ? t.validUntil : null,
  }));
}

/** A person's moves between units, oldest first. */
export function personMoves(personId: string): Promise<{ at: string; effective: string; fromUnitName: string; toUnitName: string }[]> {
  return queryList({ pk: keys.personPartition(personId), skPrefix: keys.movePrefix });
}

/** A person's trained marks, one per target. */
export function personTrained(personId: string): Promise<{ targetId: string; trainedAt: string }[]> {
  return queryList({ pk: keys.personPartition(personId), skPrefix: keys.trainedPrefix });
}

// Archived reports.

const archiveFields = ({ id, unitId, kind, status, requestedBy, createdAt, finishedAt, sha256, bytes, key, scheduleId }: Archive): Archive => ({
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
 * Writes a new archive and, with `requestHash`, the request key that remembers it, in one
 * transaction. False when that request key exists already (the request was made before).
 */
export async function putArchive(archive: Archive, requestHash: string | null): Promise<boolean> {
  const requestKey = requestHash ? keys.reportRequest(archive.unitId, requestHash) : null;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.reportArchive(archive.unitId, archive.id), type: 'report', ...archive },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(requestKey
            ? [
                {
                  Put: {
                    TableName: tableName(),
                    Item: { ...requestKey, type: 'report-request', archiveId: archive.id },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (!requestKey || !isConditionFailure(err)) throw err;
    return false;
  }
}

/** The archive a request key made (read consistently: it may have been written a moment ago). */
export async function archiveOfRequest(unitId: string, requestHash: string): Promise<string> {
  const seen = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reportRequest(unitId, requestHash), ConsistentRead: true }));
  return String(seen.Item!.archiveId);
}

/** Moves an archive from pending to running; null when it was not pending (taken already). */
export async function claimArchive(unitId: string, id: string): Promise<Archive | null> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.reportArchive(unitId, id),
        UpdateExpression: 'SET #s = :running',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':pending': 'pending' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return archiveFields(out.Attributes as Archive);
  } catch (err) {
    if (isConditionFailure(err)) return null;
    throw err;
  }
}

/** Records how a running archive ended (a condition error when it is not running). */
export async function finishArchive(unitId: string, id: string, result: Pick<Archive, 'status'> & Partial<Archive> & { finishedAt: string }): Promise<Archive> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.reportArchive(unitId, id),
      UpdateExpression: 'SET #s = :s, finishedAt = :f, sha256 = :h, bytes = :b',
      ConditionExpression: '#s = :running',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':s': result.status,
        ':f': result.finishedAt,
        ':h': result.sha256 ?? null,
        ':b': result.bytes ?? null,
        ':running': 'running',
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return archiveFields(out.Attributes as Archive);
}

export async function getArchive(unitId: string, id: string): Promise<Archive | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.reportArchive(unitId, id) }));
  return out.Item ? archiveFields(out.Item as Archive) : null;
}

/** A unit's archives, oldest first (their ids start with the creation time). */
export async function listArchives(unitId: string): Promise<Archive[]> {
  return (await queryList<Archive>({ pk: keys.unitPartition(unitId), skPrefix: keys.reportArchivePrefix })).map(archiveFields);
}

// Report schedules.

const scheduleFields = ({ id, unitId, unitName, frequency, createdBy, createdAt, nextRun, lastRun }: Schedule): Schedule => ({
  id,
  unitId,
  unitName,
  frequency,
  createdBy,
  createdAt,
  nextRun,
  ...(lastRun ? { lastRun } : {}),
});

/** Writes a schedule, replacing the unit's one of the same frequency. */
export async function putSchedule(schedule: Schedule): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.schedule(schedule.unitId, schedule.frequency), type: 'schedule', ...schedule } }));
}

export async function deleteSchedule(unitId: string, frequency: Frequency): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.schedule(unitId, frequency) }));
}

/** Every schedule, in one query. */
export async function listSchedules(): Promise<Schedule[]> {
  return (await queryList<Schedule>({ pk: keys.schedules })).map(scheduleFields);
}

/** Moves a schedule's next run on, only if it is still `schedule.nextRun`: false when another run claimed it. */
export async function advanceSchedule(schedule: Schedule, nextRun: string, lastRun: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.schedule(schedule.unitId, schedule.frequency),
        UpdateExpression: 'SET nextRun = :next, lastRun = :now',
        ConditionExpression: 'nextRun = :due',
        ExpressionAttributeValues: { ':next': nextRun, ':now': lastRun, ':due': schedule.nextRun },
      }),
    ),
  );
}
