import * as v from 'valibot';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Course } from '../course/index.ts';
import { Person } from '../person/index.ts';
import { Readiness } from '../readiness/index.ts';

export namespace Progress {
  export type Info = {
    version: number | null;
    lessonsDone: string[];
    lessonCount: number;
    quizPassed: boolean;
    bestScore: number | null;
    attemptsUsed: number;
    /** The attempt started and not yet graded, if any. */
    openAttempt: number | null;
    completed: boolean;
    completedAt: string | null;
  };

  /** A progress record as an item, for bulk writes (seed, import). */
  export function item(p: {
    personId: string;
    course: Pick<Course.Bundle, 'slug' | 'version'>;
    lessonsDone: string[];
    bestScore: number | null;
    quizPassed: boolean;
  }) {
    return {
      ...keys.progress(p.personId, p.course.slug),
      type: 'progress',
      version: p.course.version,
      ...(p.lessonsDone.length > 0 ? { lessonsDone: new Set(p.lessonsDone) } : {}),
      ...(p.bestScore === null ? {} : { bestScore: p.bestScore }),
      quizPassed: p.quizPassed,
    };
  }

  type Stored = { version?: number; lessonsDone?: Set<string>; quizPassed?: boolean; bestScore?: number; attempts?: number; openAttempt?: number };

  async function read(personId: string, slug: string) {
    const [progress, completion] = await Promise.all([
      db().send(new GetCommand({ TableName: tableName(), Key: keys.progress(personId, slug) })),
      db().send(new GetCommand({ TableName: tableName(), Key: keys.completion(personId, slug) })),
    ]);
    return {
      stored: (progress.Item ?? {}) as Stored,
      completedAt: (completion.Item?.completedAt as string | undefined) ?? null,
      // Still in the sparse roll-up index: the subtree totals (or a trained mark) are not finished.
      rollupPending: completion.Item?.gsi2pk !== undefined,
    };
  }

  function view(bundle: Course.Bundle, stored: Stored, completedAt: string | null): Info {
    const lessonsDone = bundle.lessons.map((l) => l.id).filter((id) => stored.lessonsDone?.has(id));
    return {
      version: stored.version ?? null,
      lessonsDone,
      lessonCount: bundle.lessons.length,
      quizPassed: stored.quizPassed ?? false,
      bestScore: stored.bestScore ?? null,
      attemptsUsed: stored.attempts ?? 0,
      openAttempt: stored.openAttempt ?? null,
      completed: completedAt !== null,
      completedAt,
    };
  }

  /**
   * The course version a learner sees: the one they started, so a republished course never
   * shifts lessons under someone part-way through it.
   */
  export async function courseFor(personId: string, slug: string): Promise<{ bundle: Course.Bundle; progress: Info }> {
    const { stored, completedAt, rollupPending } = await read(personId, slug);
    const bundle = await Course.get({ slug, version: stored.version });
    const progress = view(bundle, stored, completedAt);
    if ((progress.completed && !rollupPending) || !meetsRule(bundle, progress)) return { bundle, progress };
    // The rule is met and the completion is missing, or its roll-up to the unit's ancestors
    // (and its trained marks') is unfinished: the request that met it died or was throttled
    // half-way. A reload finishes it (recording counts once), so the learner is not left
    // "not completed", perhaps with no attempt left, nor the officers above them a count short.
    const person = await Person.get(personId);
    if (person.status !== 'active') return { bundle, progress };
    return { bundle, progress: await completeIfDone(person, bundle, rollupPending) };
  }

  /**
   * The catalogue as one learner sees it: two queries of their own partition whatever the
   * number of courses, plus a course version read only for a course they started on an
   * older version.
   */
  export async function catalogueFor(personId: string): Promise<(Course.Summary & { progress: Info })[]> {
    const [summaries, stored, completions] = await Promise.all([
      Course.list(),
      queryList<Stored & { sk: string }>({ pk: keys.personPartition(personId), skPrefix: keys.progressPrefix }),
      queryList<{ sk: string; completedAt: string }>({ pk: keys.personPartition(personId), skPrefix: keys.completionPrefix }),
    ]);
    const storedBy = new Map(stored.map((s) => [s.sk.slice(keys.progressPrefix.length), s]));
    const doneBy = new Map(completions.map((c) => [c.sk.slice(keys.completionPrefix.length), c.completedAt]));
    return Promise.all(
      summaries.map(async (summary) => {
        const mine: Stored = storedBy.get(summary.slug) ?? {};
        const completedAt = doneBy.get(summary.slug) ?? null;
        if (mine.version !== undefined && mine.version !== summary.version) {
          const bundle = await Course.get({ slug: summary.slug, version: mine.version });
          return { ...Course.summarize(bundle), progress: view(bundle, mine, completedAt) };
        }
        // A learner's lessons are always of the version they are on, so the stored set is exact.
        const lessonsDone = [...(mine.lessonsDone ?? [])].sort();
        return {
          ...summary,
          progress: {
            version: mine.version ?? null,
            lessonsDone,
            lessonCount: summary.lessonCount,
            quizPassed: mine.quizPassed ?? false,
            bestScore: mine.bestScore ?? null,
            attemptsUsed: mine.attempts ?? 0,
            openAttempt: mine.openAttempt ?? null,
            completed: completedAt !== null,
            completedAt,
          },
        };
      }),
    );
  }

  /** The course's completion rule; a placement course also credits a passed quiz alone. */
  const meetsRule = (bundle: Course.Bundle, p: Info) => {
    const quizDone = bundle.completion.quiz === 'none' || bundle.quiz === null || p.quizPassed;
    const lessonsDone =
      bundle.completion.lessons === 'none' || p.lessonsDone.length === bundle.lessons.length || (bundle.placement && bundle.quiz !== null && p.quizPassed);
    return quizDone && lessonsDone;
  };

  /**
   * Records the completion when the rule is met. With `repair` (a retried request), it runs
   * again even if the completion exists: recording is idempotent, and a request that died
   * between the completion and the trained marks leaves nothing half-written this way.
   */
  async function completeIfDone(person: Person.Info, bundle: Course.Bundle, repair = false): Promise<Info> {
    const { stored, completedAt } = await read(person.id, bundle.slug);
    const progress = view(bundle, stored, completedAt);
    if ((progress.completed && !repair) || !meetsRule(bundle, progress)) return progress;
    await Readiness.recordCompletion({ person, slug: bundle.slug, version: bundle.version });
    const after = await read(person.id, bundle.slug);
    return view(bundle, after.stored, after.completedAt);
  }

  const Ref = v.object({ personId: v.string(), slug: Course.Slug });

  export const markLessonDone = fn(v.object({ ...Ref.entries, lessonId: v.pipe(v.string(), v.maxLength(100)) }), async ({ personId, slug, lessonId }) => {
    const person = await Person.get(personId);
    const { bundle } = await courseFor(personId, slug);
    if (!bundle.lessons.some((l) => l.id === lessonId)) {
      throw new VisibleError('course.lesson_not_found', `Khoá học "${slug}" không có bài "${lessonId}".`);
    }
    const before = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.progress(personId, slug),
        UpdateExpression: 'SET version = if_not_exists(version, :v), #t = :t ADD lessonsDone :l',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':v': bundle.version, ':t': 'progress', ':l': new Set([lessonId]) },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    // The lesson was already marked: a retried request, so finish whatever the first one may not have.
    const retried = (before.Attributes?.lessonsDone as Set<string> | undefined)?.has(lessonId) ?? false;
    return completeIfDone(person, bundle, retried);
  });

  /**
   * The progress half of grading attempt `n`, for the transaction that closes the attempt:
   * the attempt stops being open and the best score and the pass land with the grade, so
   * no failure can leave a graded attempt whose pass is not counted. The best score read
   * here cannot move before the write: only closing the open attempt changes it, and the
   * write is conditional on attempt `n` still being the open one.
   */
  export async function gradedAttemptUpdate(personId: string, slug: string, n: number, result: { score: number; passed: boolean }) {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.progress(personId, slug), ConsistentRead: true }));
    const seen = (out.Item as Stored | undefined)?.bestScore;
    return {
      Update: {
        TableName: tableName(),
        Key: keys.progress(personId, slug),
        UpdateExpression: `SET bestScore = :best${result.passed ? ', quizPassed = :passed' : ''} REMOVE openAttempt`,
        ConditionExpression: 'openAttempt = :n',
        ExpressionAttributeValues: { ':n': n, ':best': Math.max(seen ?? 0, result.score), ...(result.passed ? { ':passed': true } : {}) },
      },
    };
  }

  /**
   * After an attempt is graded (its best score and pass already written with the grade):
   * records the completion, once and with its counters, when the course's rule is now met.
   * `repair` (a retried or raced submission) runs the recording again even if the completion
   * exists, to finish the trained marks the first request may not have reached.
   */
  export function afterGrading(person: Person.Info, bundle: Course.Bundle, options: { repair?: boolean } = {}): Promise<Info> {
    return completeIfDone(person, bundle, options.repair);
  }
}
