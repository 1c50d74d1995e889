import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import type { PersonFile } from '../db/person-file.ts';
import { queryList } from '../db/query.ts';

/**
 * A learner's progress item per course (version started, lessons done, best score, pass,
 * attempts taken and the open one) and the completion record beside it in their partition.
 * Reads and writes only; what the figures mean is progress/index.ts's.
 */
export type StoredProgress = { version?: number; lessonsDone?: Set<string>; quizPassed?: boolean; bestScore?: number; attempts?: number; openAttempt?: number };

/** A progress record as an item, for bulk writes (seed, import). */
export function progressItem(p: { personId: string; slug: string; version: number; lessonsDone: string[]; bestScore: number | null; quizPassed: boolean }) {
  return {
    ...keys.progress(p.personId, p.slug),
    type: 'progress',
    version: p.version,
    ...(p.lessonsDone.length > 0 ? { lessonsDone: new Set(p.lessonsDone) } : {}),
    ...(p.bestScore === null ? {} : { bestScore: p.bestScore }),
    quizPassed: p.quizPassed,
  };
}

/** One course's progress and completion (two GetItems at once). */
export async function readProgress(personId: string, slug: string): Promise<{ stored: StoredProgress; completedAt: string | null; rollupPending: boolean }> {
  const [progress, completion] = await Promise.all([
    db().send(new GetCommand({ TableName: tableName(), Key: keys.progress(personId, slug) })),
    db().send(new GetCommand({ TableName: tableName(), Key: keys.completion(personId, slug) })),
  ]);
  return {
    stored: (progress.Item ?? {}) as StoredProgress,
    completedAt: (completion.Item?.completedAt as string | undefined) ?? null,
    // Still in the sparse roll-up index: the subtree totals (or a trained mark) are not finished.
    rollupPending: completion.Item?.gsi2pk !== undefined,
  };
}

/**
 * Every course's progress and completion time of one learner, by slug: one query of their
 * partition from the first completion to the last progress (what sorts between — the person,
 * their exemptions, credits and moves — is a few small items, skipped here).
 */
export async function progressOfPerson(
  personId: string,
  file?: PersonFile,
): Promise<{ stored: Map<string, StoredProgress>; completedAt: Map<string, string> }> {
  type Item = StoredProgress & { sk: string; completedAt?: string };
  const items = file
    ? ([...file.of(keys.completionPrefix), ...file.of(keys.progressPrefix)] as Item[])
    : await queryList<Item>({ pk: keys.personPartition(personId), skFrom: keys.completionPrefix, skUpTo: `${keys.progressPrefix}\uffff` });
  const stored = new Map<string, StoredProgress>();
  const completedAt = new Map<string, string>();
  for (const item of items) {
    if (item.sk.startsWith(keys.progressPrefix)) stored.set(item.sk.slice(keys.progressPrefix.length), item);
    else if (item.sk.startsWith(keys.completionPrefix) && item.completedAt) completedAt.set(item.sk.slice(keys.completionPrefix.length), item.completedAt);
  }
  return { stored, completedAt };
}

/** Adds a lesson to the done set (the course version is kept if one was started); says whether it was there already. */
export async function addLessonDone(personId: string, slug: string, version: number, lessonId: string): Promise<{ already: boolean }> {
  const before = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.progress(personId, slug),
      UpdateExpression: 'SET version = if_not_exists(version, :v), #t = :t ADD lessonsDone :l',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':v': version, ':t': 'progress', ':l': new Set([lessonId]) },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  return { already: (before.Attributes?.lessonsDone as Set<string> | undefined)?.has(lessonId) ?? false };
}

/** The best score stored so far, read consistently: what a grade is compared with. */
export async function storedBestScore(personId: string, slug: string): Promise<number | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.progress(personId, slug), ConsistentRead: true }));
  return (out.Item as StoredProgress | undefined)?.bestScore;
}

/**
 * A transaction item: sets the best score (and the pass, when `passed`) and closes attempt
 * `n`, on condition that it is still the open one.
 */
export function gradedUpdate(personId: string, slug: string, n: number, grade: { best: number; passed: boolean }) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.progress(personId, slug),
      UpdateExpression: `SET bestScore = :best${grade.passed ? ', quizPassed = :passed' : ''} REMOVE openAttempt`,
      ConditionExpression: 'openAttempt = :n',
      ExpressionAttributeValues: { ':n': n, ':best': grade.best, ...(grade.passed ? { ':passed': true } : {}) },
    },
  };
}
