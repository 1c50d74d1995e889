import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import type { Quiz } from '../quiz/index.ts';

/**
 * Quiz attempts as stored in the learner's partition, one item per attempt, and the graded
 * ones listed by course version in the index. Reads and conditional writes only: when an
 * attempt may be saved or graded is attempt/index.ts's to say; a write whose condition did
 * not hold comes back as `false`.
 */
export type StoredAttempt = {
  slug: string;
  version: number;
  n: number;
  questionIds: string[];
  startedAt: string;
  /** Epoch ms; absent when the quiz has no time limit. */
  deadlineMs?: number;
  answers: Quiz.Answers;
  status: 'open' | 'submitted';
  submittedAt?: string;
  result?: Quiz.Graded;
};

/** One item of a TransactWriteItems: another domain's half of a transaction. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempt `n` of a learner's course, read consistently; null when there is none. */
export async function loadAttempt(personId: string, slug: string, n: number): Promise<StoredAttempt | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.attempt(personId, slug, n), ConsistentRead: true }));
  return (out.Item as StoredAttempt | undefined) ?? null;
}

/**
 * Starts attempt `n`: in one transaction the progress item takes the attempt number (on
 * condition that `n` attempts were taken and none is open) and the attempt is written (on
 * condition it is new). False when someone else took the number first.
 */
export function beginAttempt(personId: string, attempt: StoredAttempt): Promise<boolean> {
  const { slug, version, n } = attempt;
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.progress(personId, slug),
              UpdateExpression: 'SET version = if_not_exists(version, :v), #t = :t, attempts = :next, openAttempt = :n',
              ConditionExpression: '(attribute_not_exists(attempts) OR attempts = :n) AND attribute_not_exists(openAttempt)',
              ExpressionAttributeNames: { '#t': 'type' },
              ExpressionAttributeValues: { ':v': version, ':t': 'progress', ':next': n + 1, ':n': n },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.attempt(personId, slug, n), type: 'attempt', ...attempt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    ),
  );
}

/** Saves one answer while the attempt is open, the question is in it and its deadline is not before `cutoffMs`. False otherwise. */
export function saveAnswer(personId: string, slug: string, n: number, questionId: string, answer: unknown, cutoffMs: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.attempt(personId, slug, n),
        UpdateExpression: 'SET answers.#q = :a',
        ConditionExpression: '#s = :open AND contains(questionIds, :q) AND (attribute_not_exists(deadlineMs) OR deadlineMs >= :cut)',
        ExpressionAttributeNames: { '#q': questionId, '#s': 'status' },
        ExpressionAttributeValues: { ':a': answer, ':open': 'open', ':q': questionId, ':cut': cutoffMs },
      }),
    ),
  );
}

/** Saves several answers at once while the attempt is open. False when it was closed. */
export function saveAnswers(personId: string, slug: string, n: number, answers: Quiz.Answers): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.attempt(personId, slug, n),
        UpdateExpression: `SET ${Object.keys(answers)
          .map((_, i) => `answers.#q${i} = :a${i}`)
          .join(', ')}`,
        ConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status', ...Object.fromEntries(Object.keys(answers).map((q, i) => [`#q${i}`, q])) },
        ExpressionAttributeValues: { ':open': 'open', ...Object.fromEntries(Object.values(answers).map((ans, i) => [`:a${i}`, ans])) },
      }),
    ),
  );
}

/**
 * Closes an open attempt with its grade, listed among the graded attempts of its course
 * version, in one transaction with `progress` (the progress half: best score, pass, the
 * attempt no longer open). False when the attempt was no longer open, or the progress
 * half's condition failed.
 */
export function closeAttempt(
  personId: string,
  attempt: Pick<StoredAttempt, 'slug' | 'version' | 'n'>,
  graded: { submittedAt: string; result: Quiz.Graded },
  progress: TransactItem,
): Promise<boolean> {
  const index = keys.gradedAttemptIndex(attempt.slug, attempt.version, graded.submittedAt, personId);
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.attempt(personId, attempt.slug, attempt.n),
              UpdateExpression: 'SET #s = :submitted, submittedAt = :at, #r = :r, gsi1pk = :g, gsi1sk = :gs',
              ConditionExpression: '#s = :open',
              ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
              ExpressionAttributeValues: {
                ':submitted': 'submitted',
                ':open': 'open',
                ':at': graded.submittedAt,
                ':r': graded.result,
                ':g': index.gsi1pk,
                ':gs': index.gsi1sk,
              },
            },
          },
          progress,
        ],
      }),
    ),
  );
}

/** The graded attempts of one course version (open ones are not in the index): one partition of it. */
export function gradedAttempts(slug: string, version: number): Promise<{ result: Quiz.Graded }[]> {
  return queryList<{ result: Quiz.Graded }>({ index: 'gsi1', pk: keys.gradedAttemptsOf(slug, version) });
}

/** What the attempt policy needs of a past attempt, and the score the learner is shown of it. */
export type AttemptSummary = Pick<StoredAttempt, 'n' | 'startedAt' | 'status' | 'submittedAt'> & { result?: { passed: boolean; score: number } };

/**
 * The learner's `limit` newest attempts of a course with a number below `before`, newest
 * first, read consistently: one Query of their own partition, however many attempts they made.
 */
export async function recentAttempts(personId: string, slug: string, before: number, limit: number): Promise<AttemptSummary[]> {
  if (limit < 1 || before < 1) return [];
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#n': 'n', '#s': 'status', '#r': 'result' },
      ExpressionAttributeValues: {
        ':pk': keys.personPartition(personId),
        ':from': keys.attempt(personId, slug, 0).sk,
        ':to': keys.attempt(personId, slug, before - 1).sk,
      },
      ProjectionExpression: '#n, startedAt, #s, submittedAt, #r.passed, #r.score',
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as AttemptSummary[];
}
