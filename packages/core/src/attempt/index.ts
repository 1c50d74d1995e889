import * as v from 'valibot';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { isConditionFailure } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Course } from '../course/index.ts';
import { Person } from '../person/index.ts';
import { Progress } from '../progress/index.ts';
import { Quiz } from '../quiz/index.ts';

/**
 * A quiz attempt lives on the server from start to grade: the draw, the start, the deadline
 * and every saved answer are stored with it, so a reload or a lost connection resumes the
 * same attempt, and nothing the browser says about time or answers is taken on trust.
 */
export namespace Attempt {
  /** Answers arriving this long after the deadline still count: the network is not the learner's fault. */
  export const GRACE_MS = 30_000;

  type Stored = {
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
    result?: Quiz.Result;
  };

  const seedOf = (personId: string, bundle: Course.Bundle, n: number) => `${personId}:${bundle.slug}:${bundle.version}:${n}`;
  const expired = (a: Stored, now: number) => a.deadlineMs !== undefined && now > a.deadlineMs + GRACE_MS;

  function quizOf(bundle: Course.Bundle) {
    if (!bundle.quiz) throw new VisibleError('quiz.not_found', `Khoá học "${bundle.slug}" không có bài kiểm tra.`);
    return bundle.quiz;
  }

  /** What the learner sees of an attempt: questions without answers until it is graded. */
  function view(personId: string, bundle: Course.Bundle, a: Stored) {
    const quiz = quizOf(bundle);
    const learner = Quiz.forLearner(quiz, a.questionIds, seedOf(personId, bundle, a.n));
    return {
      n: a.n,
      status: a.status,
      startedAt: a.startedAt,
      deadline: a.deadlineMs === undefined ? null : new Date(a.deadlineMs).toISOString(),
      serverNow: new Date().toISOString(),
      questions: learner.questions,
      answers: a.answers,
      result: a.result ?? null,
    };
  }
  export type View = ReturnType<typeof view>;

  async function load(personId: string, slug: string, n: number): Promise<Stored | null> {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.attempt(personId, slug, n), ConsistentRead: true }));
    return (out.Item as Stored | undefined) ?? null;
  }

  async function mustLoad(personId: string, slug: string, n: number): Promise<Stored> {
    const a = await load(personId, slug, n);
    if (!a) throw new VisibleError('attempt.not_found', `Không có lần làm bài số ${n + 1} của khoá học "${slug}".`);
    return a;
  }

  /**
   * Grades an open attempt as its stored answers stand and closes it, once: a second caller
   * (a retried request, another tab, the deadline sweep) finds it closed and gets the same
   * result. Closing, the best score and the pass are one transaction; the completion and its
   * counters are their own contribution after it, and any later read finishes it if this
   * request dies in between (see Progress.courseFor).
   */
  async function finalize(person: Person.Info, bundle: Course.Bundle, a: Stored): Promise<{ result: Quiz.Result; progress: Progress.Info }> {
    const result = Quiz.grade(quizOf(bundle), a.questionIds, a.answers);
    const submittedAt = new Date().toISOString();
    const graded = keys.gradedAttemptIndex(bundle.slug, bundle.version, submittedAt, person.id);
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: keys.attempt(person.id, bundle.slug, a.n),
                UpdateExpression: 'SET #s = :submitted, submittedAt = :at, #r = :r, gsi1pk = :g, gsi1sk = :gs',
                ConditionExpression: '#s = :open',
                ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
                ExpressionAttributeValues: {
                  ':submitted': 'submitted',
                  ':open': 'open',
                  ':at': submittedAt,
                  ':r': result,
                  ':g': graded.gsi1pk,
                  ':gs': graded.gsi1sk,
                },
              },
            },
            await Progress.gradedAttemptUpdate(person.id, bundle.slug, a.n, result),
          ],
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Graded by someone else a moment ago: finish what that request may not have.
      const closed = await mustLoad(person.id, bundle.slug, a.n);
      return { result: closed.result ?? result, progress: await Progress.afterGrading(person, bundle, { repair: true }) };
    }
    return { result, progress: await Progress.afterGrading(person, bundle) };
  }

  /** The open attempt, graded first if its time ran out while nobody was looking. */
  async function openOf(person: Person.Info, bundle: Course.Bundle, progress: Progress.Info): Promise<Stored | null> {
    if (progress.openAttempt === null) return null;
    const a = await mustLoad(person.id, bundle.slug, progress.openAttempt);
    if (a.status === 'open' && !expired(a, Date.now())) return a;
    if (a.status === 'open') await finalize(person, bundle, a);
    return null;
  }

  const Ref = v.object({ personId: v.string(), slug: Course.Slug });
  const N = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999));

  /** The quiz as a learner finds it: the attempt in progress (to resume), or what the next one would be. */
  export const current = fn(Ref, async ({ personId, slug }) => {
    const person = await Person.get(personId);
    const { bundle, progress } = await Progress.courseFor(personId, slug);
    const quiz = quizOf(bundle);
    const open = await openOf(person, bundle, progress);
    const after = open ? progress : (await Progress.courseFor(personId, slug)).progress;
    const used = after.attemptsUsed;
    return {
      quiz: {
        title: quiz.title,
        passMark: quiz.passMark,
        timeLimitMinutes: quiz.timeLimitMinutes,
        attempts: quiz.attempts,
        questionCount: Quiz.draw(quiz, '').length,
        explanations: quiz.explanations,
      },
      attempt: open ? view(personId, bundle, open) : null,
      attemptsUsed: used,
      attemptsLeft: quiz.attempts === null ? null : Math.max(0, quiz.attempts - used),
      progress: after,
    };
  });

  /**
   * Starts the next attempt, or returns the one already open (two tabs, a double click and
   * a retry all land on the same attempt). The attempt number is taken with a condition on
   * the learner's progress item, so the attempt limit holds under any concurrency.
   */
  export const start = fn(Ref, async ({ personId, slug }): Promise<View> => {
    const person = await Person.get(personId);
    const { bundle, progress } = await Progress.courseFor(personId, slug);
    const quiz = quizOf(bundle);
    const open = await openOf(person, bundle, progress);
    if (open) return view(personId, bundle, open);
    const n = (await Progress.courseFor(personId, slug)).progress.attemptsUsed;
    if (quiz.attempts !== null && n >= quiz.attempts) {
      throw new VisibleError('quiz.no_attempts_left', `Bạn đã dùng hết ${quiz.attempts} lần làm bài kiểm tra này.`);
    }
    const now = Date.now();
    const attempt: Stored = {
      slug,
      version: bundle.version,
      n,
      questionIds: Quiz.draw(quiz, seedOf(personId, bundle, n)),
      startedAt: new Date(now).toISOString(),
      ...(quiz.timeLimitMinutes === null ? {} : { deadlineMs: now + quiz.timeLimitMinutes * 60_000 }),
      answers: {},
      status: 'open',
    };
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: keys.progress(personId, slug),
                UpdateExpression: 'SET version = if_not_exists(version, :v), #t = :t, attempts = :next, openAttempt = :n',
                ConditionExpression: '(attribute_not_exists(attempts) OR attempts = :n) AND attribute_not_exists(openAttempt)',
                ExpressionAttributeNames: { '#t': 'type' },
                ExpressionAttributeValues: { ':v': bundle.version, ':t': 'progress', ':next': n + 1, ':n': n },
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
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Someone else (another tab) started one a moment ago: that is the attempt.
      const again = await Progress.courseFor(personId, slug);
      const theirs = await openOf(person, bundle, again.progress);
      if (theirs) return view(personId, bundle, theirs);
      throw new VisibleError('attempt.conflict', 'Bài kiểm tra vừa thay đổi ở nơi khác; hãy tải lại trang.');
    }
    return view(personId, bundle, attempt);
  });

  /**
   * Saves one answer of an open attempt. Refused after the deadline (plus grace): the
   * attempt is then graded as it stands and the learner is told time is up.
   */
  export const saveAnswer = fn(
    v.object({ ...Ref.entries, n: N, questionId: v.pipe(v.string(), v.maxLength(100)), answer: Quiz.Answer }),
    async ({ personId, slug, n, questionId, answer }) => {
      const now = Date.now();
      try {
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: keys.attempt(personId, slug, n),
            UpdateExpression: 'SET answers.#q = :a',
            ConditionExpression: '#s = :open AND contains(questionIds, :q) AND (attribute_not_exists(deadlineMs) OR deadlineMs >= :cut)',
            ExpressionAttributeNames: { '#q': questionId, '#s': 'status' },
            ExpressionAttributeValues: { ':a': answer, ':open': 'open', ':q': questionId, ':cut': now - GRACE_MS },
          }),
        );
        return { savedAt: new Date(now).toISOString() };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const a = await mustLoad(personId, slug, n);
      if (a.status !== 'open') throw new VisibleError('attempt.closed', 'Lần làm bài này đã được nộp và chấm điểm.');
      if (!a.questionIds.includes(questionId)) throw new VisibleError('attempt.unknown_question', `Câu "${questionId}" không có trong lần làm bài này.`);
      const person = await Person.get(personId);
      await finalize(person, await Course.get({ slug, version: a.version }), a);
      throw new VisibleError('attempt.time_up', 'Đã hết giờ làm bài; bài đã được chấm với các câu trả lời đã lưu trước đó.');
    },
  );

  /**
   * Submits an attempt: the answers sent with it are saved first if time allows, then it is
   * graded once. A retry of a submission that went through returns the same result.
   */
  export const submit = fn(v.object({ ...Ref.entries, n: N, answers: v.optional(Quiz.Answers, {}) }), async ({ personId, slug, n, answers }) => {
    const person = await Person.get(personId);
    let a = await mustLoad(personId, slug, n);
    const bundle = await Course.get({ slug, version: a.version });
    if (a.status === 'submitted') {
      // A retry: the grade stands; what followed it (the completion, trained marks) is made sure of.
      return { result: a.result!, progress: await Progress.afterGrading(person, bundle, { repair: true }), attempt: view(personId, bundle, a) };
    }
    const inTime = !expired(a, Date.now());
    const accepted = Object.fromEntries(Object.entries(answers).filter(([q]) => a.questionIds.includes(q)));
    if (inTime && Object.keys(accepted).length > 0) {
      try {
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: keys.attempt(personId, slug, n),
            UpdateExpression: `SET ${Object.keys(accepted)
              .map((_, i) => `answers.#q${i} = :a${i}`)
              .join(', ')}`,
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status', ...Object.fromEntries(Object.keys(accepted).map((q, i) => [`#q${i}`, q])) },
            ExpressionAttributeValues: { ':open': 'open', ...Object.fromEntries(Object.values(accepted).map((ans, i) => [`:a${i}`, ans])) },
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      a = await mustLoad(personId, slug, n);
    }
    const graded =
      a.status === 'submitted'
        ? { result: a.result!, progress: await Progress.afterGrading(person, bundle, { repair: true }) }
        : await finalize(person, bundle, a);
    const closed = await mustLoad(personId, slug, n);
    return { ...graded, attempt: view(personId, bundle, closed) };
  });

  /**
   * Item statistics of one course version from its graded attempts (open ones are not in
   * the index). Reads one partition of the index: fine for a trainer's page, not a request path
   * that learners hit.
   */
  export const statistics = fn(v.object({ slug: Course.Slug, version: v.optional(v.number()) }), async ({ slug, version }) => {
    const bundle = await Course.get({ slug, version });
    const graded = await queryList<{ result: Quiz.Result }>({ index: 'gsi1', pk: keys.gradedAttemptsOf(slug, bundle.version) });
    return {
      slug,
      version: bundle.version,
      ...Quiz.statistics(
        quizOf(bundle).questions.map((q) => q.id),
        graded.map((a) => ({ score: a.result.score, questions: a.result.questions })),
      ),
    };
  });

  /** One attempt of the learner, as they may see it (answers and explanations only once graded). */
  export const get = fn(v.object({ ...Ref.entries, n: N }), async ({ personId, slug, n }): Promise<View> => {
    const a = await mustLoad(personId, slug, n);
    const bundle = await Course.get({ slug, version: a.version });
    if (a.status === 'open' && expired(a, Date.now())) {
      await finalize(await Person.get(personId), bundle, a);
      return view(personId, bundle, await mustLoad(personId, slug, n));
    }
    return view(personId, bundle, a);
  });
}
