import * as v from 'valibot';
import { defaultGraceDays, type Info as TargetInfo } from '../target/schema.ts';

/**
 * What a person owes for one target and how far they are:
 * - `done`: they hold the target's trained mark (the whole programme is complete);
 * - `overdue`: not done and today is past their due date, whatever they have started —
 *   the learner and HR must see the lateness first;
 * - `in-progress`: not done, not late, and some lesson, quiz or course of the programme begun;
 * - `not-started`: nothing of the programme begun, not late yet;
 * - `exempt`: HR has let them off it for now (`exemptUntil`), and they are not done;
 * - `renew`: done, but the completion lapses soon (`validUntil`): retaking the quizzes now renews it;
 * - `expired`: done once, but the completion lapsed on `validUntil`: they owe it again.
 */
export const Status = v.picklist(['done', 'overdue', 'in-progress', 'not-started', 'exempt', 'renew', 'expired']);
export type Status = v.InferOutput<typeof Status>;

const Day = v.pipe(v.string(), v.isoDate());

/** One course of the programme, as far as the person has gone in it. */
export const CourseStep = v.object({
  slug: v.string(),
  title: v.string(),
  done: v.boolean(),
  lessonsDone: v.number(),
  lessonCount: v.number(),
});
export type CourseStep = v.InferOutput<typeof CourseStep>;

export const Item = v.object({
  target: v.object({ id: v.string(), title: v.string(), percent: v.number(), deadline: Day }),
  /** The day by which the programme is owed (yyyy-mm-dd, Vietnam calendar). */
  dueDate: Day,
  /** Calendar days from today to the due date: 0 on the day itself, negative once overdue. */
  daysLeft: v.number(),
  status: Status,
  /** The last day of the exemption, when `exempt`. */
  exemptUntil: v.nullable(Day),
  /** When the programme was completed (ISO time), when `done`, `renew` or `expired`. */
  trainedAt: v.nullable(v.string()),
  /** The last day the completion counts, for a target whose completions lapse; else null. */
  validUntil: v.nullable(Day),
  /** The programme's courses in the target's order. */
  courses: v.array(CourseStep),
});
export type Item = v.InferOutput<typeof Item>;

// Calendar days are counted on UTC midnights of yyyy-mm-dd strings: no time zone or
// daylight-saving shift can move a day, and the caller says which day "today" is.
const DAY_MS = 86_400_000;
const epochDay = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/** `day` (yyyy-mm-dd) plus `days` calendar days. */
export const addDays = (day: string, days: number): string => new Date((epochDay(day) + days) * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => epochDay(to) - epochDay(from);

/**
 * The day a person owes a target's programme by: its deadline; for someone who started too
 * late to have the grace period before it, their start date plus the target's `graceDays`
 * (60 when the target sets none); for someone back from an exemption of it (or of every
 * target), the day they owe again plus the grace period — whichever is latest.
 */
export function dueDate(target: Pick<TargetInfo, 'id' | 'deadline' | 'graceDays'>, person: { startDate?: string; resumed?: Record<string, string> }): string {
  const grace = target.graceDays ?? defaultGraceDays;
  const starts = [person.startDate, person.resumed?.[target.id], person.resumed?.['*']].filter((d): d is string => Boolean(d));
  return starts.map((d) => addDays(d, grace)).reduce((latest, d) => (d > latest ? d : latest), target.deadline);
}

/** Whether the programme is late on `today` (yyyy-mm-dd): only from the day after the due date. */
export const isOverdue = (due: string, today: string): boolean => today > due;

const rank = (item: Pick<Item, 'status'>) =>
  item.status === 'done' ? 3 : item.status === 'exempt' ? 2 : item.status === 'overdue' || item.status === 'expired' ? 0 : 1;

/** Overdue and lapsed first, then by due date, exempt and then done last; a tie keeps the target's id order. */
export const byUrgency = (a: Item, b: Item): number => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.target.id.localeCompare(b.target.id);
