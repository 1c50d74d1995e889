import type { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import { Org } from '../org/index.ts';
import { changePeople, sameLapse } from './person-change.ts';
import { ownersOf } from './reach.ts';
import {
  deleteLapseDue,
  lapseDueKey,
  lapseDueUpTo,
  markLapseDueWorked,
  LAPSE_DUE_SHARDS,
  personTrainedMarks,
  putLapseDue,
  renewTrainedMark,
  setMarkRetake,
  setMarkValidUntil,
  type TrainedMark,
  unitCompletions,
  unitTrainedMarks,
} from './store.ts';

export { sameLapse };

/**
 * Completions that lapse: a target with a `validity` gives each trained mark a `validUntil`.
 * The mark is the source; the person's `lapse` (where each of their marks stands today:
 * inside its renewal window, or lapsed) follows from the marks, and the counters follow from
 * the person through the one person-change path, as an exemption's do. The daily job moves
 * people whose marks change phase on a day from an index of those days (due marks), so its
 * cost is what changes that day, never the roster.
 */

/** A trained mark as validity reads it. */
export type Mark = TrainedMark;

/** The due marks of a trained mark valid until `until`: the day it enters its renewal window and the day it lapses. */
export function lapseDueItems(personId: string, target: Pick<Target.Info, 'id' | 'validity' | 'renewalDays'>, until: string | null): Record<string, unknown>[] {
  return Target.phaseDays(target, until).map((day) => ({ ...lapseDueKey(day, personId, target.id), type: 'lapse-due', personId, targetId: target.id }));
}

/** Where each of a person's marks stands on `today`, leaving out the plainly valid: what their `lapse` should be. */
export function lapseOn(marks: Mark[], targets: Map<string, Target.Info>, today: string): NonNullable<Person.Info['lapse']> {
  const lapse: NonNullable<Person.Info['lapse']> = {};
  for (const m of [...marks].sort((a, b) => a.targetId.localeCompare(b.targetId))) {
    const target = targets.get(m.targetId);
    if (!target) continue;
    const phase = Target.phaseOn(target, m.validUntil, today);
    if (phase !== 'valid') lapse[m.targetId] = phase;
  }
  return lapse;
}

const marksOf = (personId: string): Promise<Mark[]> => personTrainedMarks(personId);

/** The person a lapse was due for is no longer in the roster: nothing to bring in line. */
class NotInRoster extends Error {}

/**
 * Brings a person's `lapse` in line with their trained marks on `today`, moving the counters
 * with it (a lapsed mark counts as expired, not trained). Idempotent: writes nothing when
 * nothing changed. The marks are read again after the write: a retake that renewed one
 * meanwhile is not undone by a stale reading. Someone not in the roster is left alone.
 */
export async function syncLapse(personId: string, today = vnDay(), known?: Target.Info[]): Promise<void> {
  const targets = new Map((known ?? (await Target.list())).map((t) => [t.id, t]));
  let marks = await marksOf(personId);
  for (let round = 1; round <= 3; round++) {
    const lapse = lapseOn(marks, targets, today);
    try {
      await changePeople(
        [
          {
            personId,
            reason: 'lapse',
            next: (current) => {
              if (!current) throw new NotInRoster();
              const { lapse: _, ...rest } = current;
              return Object.keys(lapse).length > 0 ? { ...rest, lapse } : rest;
            },
          },
        ],
        { actor: 'system', owners: ownersOf([...targets.values()]) },
      );
    } catch (err) {
      if (err instanceof NotInRoster) return;
      throw err;
    }
    const again = await marksOf(personId);
    if (JSON.stringify(again) === JSON.stringify(marks)) return;
    marks = again;
  }
}

/**
 * Renews a person's mark of a target with a retake: it counts again from the day after its
 * old last day (or from today, once lapsed) for a new period, with new due marks. Written on
 * condition the mark still holds the `validUntil` read, so two retakes renew it once.
 */
export async function renewMark(personId: string, target: Target.Info, mark: Mark, at: string): Promise<boolean> {
  const today = vnDay(new Date(at));
  // On a target without a validity, the retake a new course version asked for makes it count for good again.
  const until = Target.validUntil(target, today, mark.validUntil ?? null);
  if (!(await renewTrainedMark(personId, target.id, { at, from: mark.trainedAt, until, old: mark.validUntil ?? null }))) return false;
  await putLapseDue(lapseDueItems(personId, target, until));
  return true;
}

/**
 * Sets the `validUntil` of a mark made before its target had a validity (or after the
 * validity changed), from the day it was made, with its due marks: the recount job's part.
 */
export async function setMarkValidity(personId: string, target: Target.Info, mark: Mark): Promise<boolean> {
  const until = Target.validUntil(target, vnDay(new Date(mark.trainedAt)));
  if ((until ?? undefined) === mark.validUntil) return false;
  await setMarkValidUntil(personId, target.id, until);
  await putLapseDue(lapseDueItems(personId, target, until));
  return true;
}

/**
 * The daily job's part: every person with a mark entering its renewal window or lapsing on
 * or before `today` is brought in line. The due marks of earlier days then go; today's stay,
 * marked worked, for the day's reminders (whoever lapsed today is owed again, `overdue-1`) and
 * go in the next day's run. O(what is due): the marks of past days are gone. A crash leaves
 * the rest for the next run; `stopAt` (epoch ms) stops before a Lambda's timeout.
 */
export async function runLapsesDue(today = vnDay(), options: { stopAt?: number } = {}): Promise<{ people: number }> {
  const done = new Set<string>();
  const targets = await Target.list();
  for (let shard = 0; shard < LAPSE_DUE_SHARDS; shard++) {
    for await (const item of lapseDueUpTo(shard, today)) {
      if (Date.now() >= (options.stopAt ?? Infinity)) return { people: done.size };
      if (!item.worked && !done.has(item.personId)) {
        await syncLapse(item.personId, today, targets);
        done.add(item.personId);
      }
      if (item.day < today) await deleteLapseDue(item.key);
      else if (!item.worked) await markLapseDueWorked(item.key);
    }
  }
  return { people: done.size };
}

/**
 * A course version that requires a retake: everyone holding a mark of a target that counts the
 * course, whose completion of it is on an earlier version, has that mark lapse on `by` (or
 * earlier, if it lapses anyway) until they complete the course on this version. Target by
 * target, unit by unit (two queries each); a job run when the version is published, never a
 * request. Idempotent: a mark already set for this version is left as it is.
 */
export async function requireRetake(course: { slug: string; version: number; by: string }, today = vnDay()): Promise<{ marks: number }> {
  const all = await Target.list();
  let marks = 0;
  for (const target of all.filter((t) => t.programme.includes(course.slug))) {
    const queue = await Org.children(null);
    while (queue.length > 0) {
      const unit = queue.shift()!;
      queue.push(...(await Org.children(unit.id)));
      const [completions, held] = await Promise.all([unitCompletions(unit.id), unitTrainedMarks(target.id, unit.id)]);
      const versionOf = new Map(completions.filter((c) => c.slug === course.slug).map((c) => [String(c.personId), Number(c.lastVersion ?? c.version)]));
      for (const mark of held) {
        if ((versionOf.get(mark.personId) ?? course.version) >= course.version || (mark.retake?.[course.slug] ?? 0) >= course.version) continue;
        const until = mark.validUntil && mark.validUntil < course.by ? mark.validUntil : course.by;
        await setMarkRetake({ pk: mark.pk, sk: mark.sk }, until, { ...(mark.retake ?? {}), [course.slug]: course.version });
        await putLapseDue(lapseDueItems(mark.personId, target, until));
        await syncLapse(mark.personId, today, all);
        marks++;
      }
    }
  }
  return { marks };
}
