import * as v from 'valibot';
import { fn } from '../fn.ts';
import type { Course } from '../course/index.ts';
import { Exemption } from '../exemption/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Progress } from '../progress/index.ts';
import { Readiness } from '../readiness/index.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import * as schema from './schema.ts';

/**
 * What a person owes: every target that applies at their unit (Target.applyingAt) and whose scope covers them, by their own due date. Read
 * from the person's own records and the targets, never from anyone else's.
 */
export namespace Requirement {
  export const Status = schema.Status;
  export type Status = schema.Status;
  export const Item = schema.Item;
  export type Item = schema.Item;
  export type CourseStep = schema.CourseStep;
  export const dueDate = schema.dueDate;
  export const addDays = schema.addDays;
  export const daysBetween = schema.daysBetween;
  export const isOverdue = schema.isOverdue;

  const begun = (p: Progress.Info) => p.completed || p.lessonsDone.length > 0 || p.quizPassed || p.attemptsUsed > 0 || p.openAttempt !== null;

  /**
   * A person's requirements on `today` (yyyy-mm-dd in Vietnam; today when absent), overdue
   * first, then by due date, done last. Someone who left owes nothing. A fixed handful of
   * reads whatever the size of the roster: the person, their unit, the targets, the
   * catalogue, their progress, completions and trained marks.
   */
  export const forPerson = fn(
    v.object({
      personId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      today: v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'))),
    }),
    async ({ personId, today = vnDay() }): Promise<Item[]> => {
      const person = await Person.get(personId);
      if (person.status !== 'active') return [];
      const [unit, targets] = await Promise.all([Org.get(person.unitId), Target.list()]);
      return owedBy({ person, unit, targets, today });
    },
  );

  /**
   * The same rule for a caller that has already read the person, their unit, the targets and
   * perhaps the catalogue (a reminder run reads them once for thousands): one read of the
   * person's own records.
   */
  export async function owedBy({
    person,
    unit,
    targets,
    courses,
    today,
  }: {
    person: Person.Info;
    unit: Org.Info;
    targets: Target.Info[];
    courses?: Course.Summary[];
    today: string;
  }): Promise<Item[]> {
    if (person.status !== 'active') return [];
    const personId = person.id;
    // Their progress, trained marks and exemptions in one read of their own partition.
    const file = await Person.file(personId);
    const [catalogue, marks, exemptions] = await Promise.all([
      Progress.catalogueFor(person, { unit, file, ...(courses ? { courses } : {}) }),
      Readiness.trainedMarksOf(personId, file),
      Exemption.ofPerson(personId, file),
    ]);
    // Read from the records on `today`, not from the person's `exempt` (which the daily job brings up to date).
    const activeOn = exemptions.filter((e) => Exemption.stateOn(e, today) === 'active');
    const exemptUntil = (targetId: string) =>
      activeOn
        .filter((e) => e.targetId === null || e.targetId === targetId)
        .map(Exemption.lastDay)
        .sort()
        .at(-1) ?? null;
    const courseOf = new Map(catalogue.map((c) => [c.slug, c]));
    const markOf = new Map(marks.map((m) => [m.targetId, m]));
    const personClass = Target.classOf(person, unit);
    const items = Target.applyingAt(unit, targets)
      .filter((target) => Target.covers(target, personClass))
      .map((target): Item => {
        const due = dueDate(target, person);
        const courses = target.programme.map((slug): CourseStep => {
          const course = courseOf.get(slug);
          return course
            ? {
                slug,
                title: course.title,
                done: course.progress.completed,
                lessonsDone: course.progress.lessonsDone.length,
                lessonCount: course.progress.lessonCount,
              }
            : { slug, title: slug, done: false, lessonsDone: 0, lessonCount: 0 };
        });
        const mark = markOf.get(target.id);
        const doneAt = mark?.trainedAt ?? null;
        const validUntil = mark?.validUntil ?? null;
        const phase = Target.phaseOn(target, validUntil, today);
        const started = target.programme.some((slug) => {
          const course = courseOf.get(slug);
          return course !== undefined && begun(course.progress);
        });
        const until = exemptUntil(target.id);
        const status: Status =
          doneAt !== null && phase === 'valid'
            ? 'done'
            : until !== null
              ? 'exempt'
              : doneAt !== null
                ? phase === 'soon'
                  ? 'renew'
                  : 'expired'
                : isOverdue(due, today)
                  ? 'overdue'
                  : started
                    ? 'in-progress'
                    : 'not-started';
        // A completion that lapses is owed again by its last valid day.
        const owedBy = doneAt !== null && validUntil !== null && phase !== 'valid' ? validUntil : due;
        return {
          target: { id: target.id, title: target.title, percent: target.percent, deadline: target.deadline },
          dueDate: owedBy,
          daysLeft: daysBetween(today, owedBy),
          status,
          exemptUntil: until,
          trainedAt: doneAt,
          validUntil,
          courses,
        };
      });
    return items.sort(schema.byUrgency);
  }
}
