import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Attempt, Course, Progress, Readiness } from '@sansang/core';
import { db } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { allRight, bundle, smallProvince } from '../../../../test/support/fixtures.ts';

/** One attempt only, so a learner whose pass went missing could not simply try again. */
const oneTry = bundle({ slug: 'mot-lan', hash: 'ml-1', completion: { lessons: 'none', quiz: 'pass' }, quiz: { ...bundle().quiz!, attempts: 1 } });

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);
const CUT = 'test-request-dies';

/**
 * From now on the request in flight dies right after its first write to DynamoDB: every
 * later call of it fails, as when a Lambda times out or its client goes away. DynamoDB
 * Local itself is untouched; `restore` is the next request.
 */
function dieAfterFirstWrite(): void {
  let written = false;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      if (written) throw new Error('the request died here (test)');
      const out = await next(args);
      if (WRITES.has(context.commandName ?? '')) written = true;
      return out;
    },
    { step: 'initialize', name: CUT, priority: 'high' },
  );
}
const restore = () => db().middlewareStack.remove(CUT);

let tree: Awaited<ReturnType<typeof smallProvince>>;
const completions = (personId: string, slug: string) => queryList({ pk: keys.personPartition(personId), skPrefix: `${keys.completionPrefix}${slug}` });

describe('a request that dies half-way through grading or a lesson', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await Course.publish(oneTry);
  });
  afterEach(restore);

  it('loses no pass: a reload of the quiz finishes the completion, counted once', async () => {
    const learner = tree.people[0]!.id;
    const a = await Attempt.start({ personId: learner, slug: oneTry.slug });
    for (const [questionId, answer] of Object.entries(allRight)) await Attempt.saveAnswer({ personId: learner, slug: oneTry.slug, n: a.n, questionId, answer });
    dieAfterFirstWrite();
    await expect(Attempt.submit({ personId: learner, slug: oneTry.slug, n: a.n })).rejects.toThrow('the request died here');
    restore();

    const reloaded = await Attempt.current({ personId: learner, slug: oneTry.slug });
    expect(reloaded.attemptsLeft).toBe(0);
    expect(reloaded.progress).toMatchObject({ quizPassed: true, bestScore: 100, openAttempt: null, completed: true });
    expect((await Attempt.get({ personId: learner, slug: oneTry.slug, n: a.n })).result).toMatchObject({ passed: true, score: 100 });
    // The submit retried after all, and another reload: still one completion, counters exact.
    expect((await Attempt.submit({ personId: learner, slug: oneTry.slug, n: a.n })).progress.completed).toBe(true);
    await Progress.courseFor(learner, oneTry.slug);
    expect(await completions(learner, oneTry.slug)).toHaveLength(1);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('loses no completion when marking the last lesson dies after the lesson is saved: the course page finishes it', async () => {
    const learner = tree.people[1]!.id;
    await Attempt.submit({ personId: learner, slug: 'khoa-mau', n: (await Attempt.start({ personId: learner, slug: 'khoa-mau' })).n, answers: allRight });
    await Progress.markLessonDone({ personId: learner, slug: 'khoa-mau', lessonId: 'bai-mot' });
    dieAfterFirstWrite();
    await expect(Progress.markLessonDone({ personId: learner, slug: 'khoa-mau', lessonId: 'bai-hai' })).rejects.toThrow('the request died here');
    restore();

    const { progress } = await Progress.courseFor(learner, 'khoa-mau');
    expect(progress).toMatchObject({ lessonsDone: ['bai-mot', 'bai-hai'], quizPassed: true, completed: true });
    expect(await completions(learner, 'khoa-mau')).toHaveLength(1);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });
});
