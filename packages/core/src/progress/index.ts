import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Course } from '../course/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Readiness } from '../readiness/index.ts';
import { addLessonDone, gradedUpdate, progressItem, progressOfPerson, readProgress as read, storedBestScore, type StoredProgress as Stored } from './store.ts';

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
    const { personId, course, lessonsDone, bestScore, quizPassed } = p;
    return progressItem({ personId, slug: course.slug, version: course.version, lessonsDone, bestScore, quizPassed });
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
   * shifts lessons under someone part-way through it; once they completed it, the newest, so a
   * retake (one a new version may require) is taken on what the course teaches now.
   */
  export async function courseFor(personId: string, slug: string): Promise<{ bundle: Course.Bundle; progress: Info }> {
    const { stored, completedAt, rollupPending } = await read(personId, slug);
    const bundle = await Course.get({ slug, version: completedAt ? undefined : stored.version });
    // A unit's own course (a province's, a ministry's) is opened only within its subtree; the installation's cost no read for this.
    if (bundle.unitId && !Course.openAt(bundle, await Org.get((await Person.get(personId)).unitId))) throw Course.notFound(slug);
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
   * The catalogue as one learner sees it — the installation's courses and their own subtree's
   * (Course.openAt) — in one query of their own partition whatever the number of courses, plus
   * a course version read only for a course they started on an older version, and their unit
   * only when some course belongs to a unit and the caller has not read it.
   */
  export async function catalogueFor(
    person: Pick<Person.Info, 'id' | 'unitId'>,
    /** What the caller has read already: the catalogue (a reminder run reads it once for thousands), the person's unit, their file (Person.file). */
    known: { courses?: Course.Summary[]; unit?: Org.Info; file?: Person.File } = {},
  ): Promise<(Course.Summary & { progress: Info })[]> {
    const personId = person.id;
    const [all, { stored: storedBy, completedAt: doneBy }] = await Promise.all([known.courses ?? Course.list(), progressOfPerson(personId, known.file)]);
    const unit = all.some((c) => c.unitId) ? (known.unit ?? (await Org.get(person.unitId))) : null;
    const summaries = unit ? all.filter((c) => Course.openAt(c, unit)) : all;
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

  /** What still stands between a learner and the course's completion: lessons not yet learnt, and the quiz if it must still be passed. */
  export type Remaining = { lessons: { id: string; title: string }[]; quiz: boolean };

  /**
   * The course's completion rule, as what is left of it: every page that says what remains
   * (the course, the quiz result) reads it from here, so none can disagree with the rule that
   * records the completion. A placement course also credits a passed quiz alone.
   */
  export function remaining(bundle: Course.Bundle, p: Pick<Info, 'lessonsDone' | 'quizPassed'>): Remaining {
    const quiz = bundle.completion.quiz !== 'none' && bundle.quiz !== null && !p.quizPassed;
    const lessonsCredited = bundle.completion.lessons === 'none' || (bundle.placement && bundle.quiz !== null && p.quizPassed);
    const lessons = lessonsCredited ? [] : bundle.lessons.filter((l) => !p.lessonsDone.includes(l.id)).map(({ id, title }) => ({ id, title }));
    return { lessons, quiz };
  }

  const meetsRule = (bundle: Course.Bundle, p: Info) => {
    const left = remaining(bundle, p);
    return !left.quiz && left.lessons.length === 0;
  };

  /**
   * Records the completion when the rule is met. With `repair` (a retried request), it runs
   * again even if the completion exists: recording is idempotent, and a request that died
   * between the completion and the trained marks leaves nothing half-written this way.
   */
  async function completeIfDone(person: Person.Info, bundle: Course.Bundle, repair = false, passedAgain = false): Promise<Info> {
    const { stored, completedAt } = await read(person.id, bundle.slug);
    const progress = view(bundle, stored, completedAt);
    if ((progress.completed && !repair && !passedAgain) || !meetsRule(bundle, progress)) return progress;
    // A pass after the course was completed is a retake: it may renew completions that lapse.
    await Readiness.recordCompletion({ person, slug: bundle.slug, version: bundle.version, again: progress.completed && passedAgain });
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
    const { already } = await addLessonDone(personId, slug, bundle.version, lessonId);
    // The lesson was already marked: a retried request, so finish whatever the first one may not have.
    return completeIfDone(person, bundle, already);
  });

  /**
   * The progress half of grading attempt `n`, for the transaction that closes the attempt:
   * the attempt stops being open and the best score and the pass land with the grade, so
   * no failure can leave a graded attempt whose pass is not counted. The best score read
   * here cannot move before the write: only closing the open attempt changes it, and the
   * write is conditional on attempt `n` still being the open one.
   */
  export async function gradedAttemptUpdate(personId: string, slug: string, n: number, result: { score: number; passed: boolean }) {
    const seen = await storedBestScore(personId, slug);
    return gradedUpdate(personId, slug, n, { best: Math.max(seen ?? 0, result.score), passed: result.passed });
  }

  /**
   * After an attempt is graded (its best score and pass already written with the grade):
   * records the completion, once and with its counters, when the course's rule is now met.
   * `repair` (a retried or raced submission) runs the recording again even if the completion
   * exists, to finish the trained marks the first request may not have reached. `passed`:
   * this grading passed the quiz (a retake of a completed course renews lapsing completions).
   */
  export function afterGrading(person: Person.Info, bundle: Course.Bundle, options: { repair?: boolean; passed?: boolean } = {}): Promise<Info> {
    return completeIfDone(person, bundle, options.repair, options.passed);
  }
}
