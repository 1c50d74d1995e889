import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Course } from '../course/index.ts';
import { Person } from '../person/index.ts';
import { Progress } from '../progress/index.ts';
import { Quiz } from '../quiz/index.ts';
import { attemptGate, attemptsToRead, vnDateTime, type Gate } from './policy.ts';
import {
  beginAttempt,
  closeAttempt,
  gradedAttempts,
  loadAttempt as load,
  recentAttempts,
  saveAnswer as storeAnswer,
  saveAnswers,
  type StoredAttempt as Stored,
} from './store.ts';

/**
 * A quiz attempt lives on the server from start to grade: the draw, the start, the deadline
 * and every saved answer are stored with it, so a reload or a lost connection resumes the
 * same attempt, and nothing the browser says about time or answers is taken on trust.
 */
export namespace Attempt {
  /** Answers arriving this long after the deadline still count: the network is not the learner's fault. */
  export const GRACE_MS = 30_000;

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
      result: a.result ? Quiz.shown(quiz, a.result, a.n) : null,
    };
  }
  export type View = ReturnType<typeof view>;

  async function mustLoad(personId: string, slug: string, n: number): Promise<Stored> {
    const a = await load(personId, slug, n);
    if (!a) throw new VisibleError('attempt.not_found', `Không có lần làm bài số ${n + 1} của khoá học "${slug}".`);
    return a;
  }

  /**
   * Grades an open attempt as its stored answers stand and closes it, once: a second caller
   * (a retried request, another tab, the deadline sweep) finds it closed and gets the same
   * result. One pass: grade (pure); store the graded attempt with its progress half (the best
   * score and the pass) in one transaction; record the completion, which contributes to the
   * readiness counters (Progress.afterGrading → Readiness.recordCompletion). The completion
   * and its counters are their own contribution after the grade, and any later read finishes
   * it if this request dies in between (see Progress.courseFor).
   */
  async function finalize(person: Person.Info, bundle: Course.Bundle, a: Stored): Promise<{ result: Quiz.Graded; progress: Progress.Info }> {
    const result = Quiz.grade(quizOf(bundle), a.questionIds, a.answers);
    const submittedAt = new Date().toISOString();
    const progressHalf = await Progress.gradedAttemptUpdate(person.id, bundle.slug, a.n, result);
    const closed = await closeAttempt(person.id, { slug: bundle.slug, version: bundle.version, n: a.n }, { submittedAt, result }, progressHalf);
    if (!closed) {
      // Graded by someone else a moment ago: finish what that request may not have.
      const theirs = await mustLoad(person.id, bundle.slug, a.n);
      return { result: theirs.result ?? result, progress: await Progress.afterGrading(person, bundle, { repair: true }) };
    }
    return { result, progress: await Progress.afterGrading(person, bundle, { passed: result.passed }) };
  }

  /** The open attempt, graded first if its time ran out while nobody was looking. */
  async function openOf(person: Person.Info, bundle: Course.Bundle, progress: Progress.Info): Promise<Stored | null> {
    if (progress.openAttempt === null) return null;
    const a = await mustLoad(person.id, bundle.slug, progress.openAttempt);
    if (a.status === 'open' && !expired(a, Date.now())) return a;
    if (a.status === 'open') await finalize(person, bundle, a);
    return null;
  }

  /**
   * Whether attempt `n` (the next) may start now under the quiz's daily limit and wait. It
   * reads the attempts numbered below `n` only, which are all graded when `n` is free to take;
   * start takes `n` on condition that it still is, so what was counted cannot change meanwhile.
   */
  async function gateOf(personId: string, slug: string, quiz: Course.QuizBundle, n: number): Promise<Gate> {
    return attemptGate(quiz, await recentAttempts(personId, slug, n, attemptsToRead(quiz)), new Date());
  }

  /** How many of the learner's graded attempts a page lists, newest first, so a learner coming back sees how they did. */
  export const EARLIER_SHOWN = 5;

  /**
   * Where the learner stands with the quiz's limits after `progress.attemptsUsed` attempts:
   * attempts left, today's allowance, when a start refused now would be allowed again, and
   * their latest scores. One Query of their own partition serves the policy and the scores.
   */
  export async function standing(personId: string, bundle: Course.Bundle, progress: Progress.Info) {
    const quiz = quizOf(bundle);
    const used = progress.attemptsUsed;
    const attemptsLeft = quiz.attempts === null ? null : Math.max(0, quiz.attempts - used);
    const recent = await recentAttempts(personId, bundle.slug, used, Math.max(attemptsToRead(quiz), EARLIER_SHOWN));
    const gate = attemptsLeft === 0 ? null : attemptGate(quiz, recent, new Date());
    return {
      attemptsUsed: used,
      attemptsLeft,
      /** What the daily limit leaves for today; null without a daily limit (or attempts left at all). */
      attemptsLeftToday: gate?.attemptsLeftToday ?? null,
      /** When a new attempt may start, while the daily limit or the wait holds the learner back; null otherwise. */
      retryAt: gate?.retryAt?.toISOString() ?? null,
      retryReason: gate?.reason ?? null,
      /** The learner's latest graded attempts, newest first (n counts from 0). */
      earlier: recent
        .filter((a) => a.status === 'submitted' && a.result !== undefined)
        .slice(0, EARLIER_SHOWN)
        .map((a) => ({ n: a.n, score: a.result!.score, passed: a.result!.passed, submittedAt: a.submittedAt ?? null })),
    };
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
    return {
      course: { title: bundle.title },
      quiz: {
        title: quiz.title,
        passMark: quiz.passMark,
        timeLimitMinutes: quiz.timeLimitMinutes,
        attempts: quiz.attempts,
        questionCount: Quiz.draw(quiz, '').length,
        explanations: quiz.explanations,
        attemptsPerDay: quiz.attemptsPerDay,
        waitAfterFailures: quiz.waitAfterFailures,
      },
      attempt: open ? view(personId, bundle, open) : null,
      ...(await standing(personId, bundle, after)),
      progress: after,
      remaining: Progress.remaining(bundle, after),
    };
  });

  /**
   * Starts the next attempt, or returns the one already open (two tabs, a double click and
   * a retry all land on the same attempt). The attempt number is taken with a condition on
   * the learner's progress item, so the attempt limit holds under any concurrency, and so do
   * the daily limit and the wait: they are judged on the attempts below that number, and two
   * starts that judged on the same ones cannot both take it.
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
    const gate = await gateOf(personId, slug, quiz, n);
    if (gate.retryAt) refuse(quiz, gate.reason!, gate.retryAt);
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
    if (!(await beginAttempt(personId, attempt))) {
      // Someone else (another tab) started one a moment ago: that is the attempt.
      const again = await Progress.courseFor(personId, slug);
      const theirs = await openOf(person, bundle, again.progress);
      if (theirs) return view(personId, bundle, theirs);
      throw new VisibleError('attempt.conflict', 'Bài kiểm tra vừa thay đổi ở nơi khác; hãy tải lại trang.');
    }
    return view(personId, bundle, attempt);
  });

  function refuse(quiz: Course.QuizBundle, reason: 'daily_limit' | 'wait', retryAt: Date): never {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
    const when = vnDateTime(retryAt);
    if (reason === 'daily_limit') {
      throw new VisibleError('quiz.daily_limit', `Hôm nay bạn đã làm đủ ${quiz.attemptsPerDay} lần bài kiểm tra này. Bạn có thể làm lại từ ${when}.`, {
        retryAfterSeconds,
      });
    }
    throw new VisibleError(
      'quiz.wait',
      `Bài của bạn chưa đạt ${quiz.waitAfterFailures!.failures} lần liên tiếp. Hãy ôn lại các bài học rồi làm lại từ ${when}.`,
      {
        retryAfterSeconds,
      },
    );
  }

  /**
   * Saves one answer of an open attempt. Refused after the deadline (plus grace): the
   * attempt is then graded as it stands and the learner is told time is up.
   */
  export const saveAnswer = fn(
    v.object({ ...Ref.entries, n: N, questionId: v.pipe(v.string(), v.maxLength(100)), answer: Quiz.Answer }),
    async ({ personId, slug, n, questionId, answer }) => {
      const now = Date.now();
      if (await storeAnswer(personId, slug, n, questionId, answer, now - GRACE_MS)) return { savedAt: new Date(now).toISOString() };
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
      return {
        result: Quiz.shown(quizOf(bundle), a.result!, a.n),
        progress: await Progress.afterGrading(person, bundle, { repair: true }),
        attempt: view(personId, bundle, a),
      };
    }
    const inTime = !expired(a, Date.now());
    const accepted = Object.fromEntries(Object.entries(answers).filter(([q]) => a.questionIds.includes(q)));
    if (inTime && Object.keys(accepted).length > 0) {
      await saveAnswers(personId, slug, n, accepted); // closed meanwhile: graded as it stood, read below
      a = await mustLoad(personId, slug, n);
    }
    const graded =
      a.status === 'submitted'
        ? { result: a.result!, progress: await Progress.afterGrading(person, bundle, { repair: true }) }
        : await finalize(person, bundle, a);
    const closed = await mustLoad(personId, slug, n);
    return { result: Quiz.shown(quizOf(bundle), graded.result, n), progress: graded.progress, attempt: view(personId, bundle, closed) };
  });

  /**
   * Item statistics of one course version from its graded attempts (open ones are not in
   * the index). Reads one partition of the index: fine for a trainer's page, not a request path
   * that learners hit.
   */
  export const statistics = fn(v.object({ slug: Course.Slug, version: v.optional(v.number()) }), async ({ slug, version }) => {
    const bundle = await Course.get({ slug, version });
    const graded = await gradedAttempts(slug, bundle.version);
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
