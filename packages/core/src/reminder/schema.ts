import * as v from 'valibot';
import { addDays, daysBetween, type Item } from '../requirement/schema.ts';
import { renewalOpens } from '../target/validity.ts';
import type { Info as TargetInfo } from '../target/schema.ts';

/**
 * Why a learner is reminded of one requirement on a day:
 * - `start`: their own clock for it starts that day (a late joiner's start date, a return from an exemption);
 * - `due-30`, `due-7`: 30 and 7 days before their due date;
 * - `overdue-1`: the day after the due date passed (or a completion lapsed) with the programme not done;
 * - `lapse`: a completion enters its renewal window (30 days before its last valid day by default).
 */
export const reasons = ['start', 'due-30', 'due-7', 'overdue-1', 'lapse'] as const;
export const Reason = v.picklist(reasons);
export type Reason = v.InferOutput<typeof Reason>;

/** How many days before the due date each advance reminder goes out. */
export const ADVANCE_DAYS: Partial<Record<Reason, number>> = { 'due-30': 30, 'due-7': 7 };

/** One requirement a message names: only what its reader owes. */
export const Due = v.object({
  reason: Reason,
  targetId: v.string(),
  title: v.string(),
  dueDate: v.string(),
  validUntil: v.nullable(v.string()),
});
export type Due = v.InferOutput<typeof Due>;

export const Language = v.picklist(['vi', 'en']);
export type Language = v.InferOutput<typeof Language>;

/** One message to one person on one day, several due items in it. */
export type Planned = {
  personId: string;
  fullName: string;
  email: string | null;
  unitId: string;
  language: Language;
  items: Due[];
  /** In a preview: where today's message to them already stands, when a run has recorded it (a run skips those sent). */
  state?: State;
};

/**
 * Where a day's message to a person stands: `pending` (the intent is recorded, nothing sent),
 * `sending` (a run holds it until `leaseUntil`), `sent` (SES accepted it), `no-address` (no
 * e-mail on the roster: the in-app notice alone), `withdrawn` (left unsent on its day and, when
 * a later run retried it, the person no longer owed what it named).
 */
export const State = v.picklist(['pending', 'sending', 'sent', 'no-address', 'withdrawn']);
export type State = v.InferOutput<typeof State>;

/** What SES reported after accepting a message: delivered to the reader's server, bounced for good, complained of, or rejected. */
export const Delivery = v.picklist(['delivered', 'bounced', 'complained', 'rejected']);
export type Delivery = v.InferOutput<typeof Delivery>;

/** A message as the history lists it. */
export type Sent = {
  day: string;
  personId: string;
  fullName: string;
  unitId: string;
  reasons: Reason[];
  state: State;
  messageId: string | null;
  sentAt: string | null;
  delivery: Delivery | null;
};

export type Notice = { id: string; at: string; title: string; body: string; read: boolean };

/**
 * What a run did. `quiet`: it fell in the quiet hours and sent nothing. `earlier`: messages of
 * earlier days left unsent that it retried (counted in sent, noAddress, already, busy and failed
 * too), `withdrawn` those of them no longer owed.
 */
export type RunOutcome = {
  day: string;
  quiet: boolean;
  /** It stopped at its `stopAt` with candidates left: a later run (`continueDay`) finishes the day. */
  unfinished: boolean;
  planned: number;
  sent: number;
  noAddress: number;
  already: number;
  busy: number;
  failed: number;
  earlier: number;
  withdrawn: number;
};

const hourInVietnam = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' });

/** Nothing goes out from 21:00 to 07:00 Vietnam time: a run then plans and sends nothing. */
export const isQuietHour = (at: Date): boolean => {
  const hour = Number(hourInVietnam.format(at));
  return hour >= 21 || hour < 7;
};

/**
 * The reason one requirement is reminded of on `day`, or null. `startsOn`: the days the
 * person's own clock for the target starts (their start date, their return from an exemption).
 */
export function reasonFor(item: Item, target: Pick<TargetInfo, 'validity' | 'renewalDays'>, day: string, startsOn: string[]): Reason | null {
  if (item.status === 'done' || item.status === 'exempt') return null;
  if (item.status === 'renew') return item.validUntil && renewalOpens(target, item.validUntil) === day ? 'lapse' : null;
  const left = daysBetween(day, item.dueDate);
  if (left === -1) return 'overdue-1';
  if (item.status === 'expired' || item.status === 'overdue') return null;
  if (startsOn.includes(day)) return 'start';
  for (const reason of reasons) if (ADVANCE_DAYS[reason] === left) return reason;
  return null;
}

/** The days a deadline puts reminders on for those who owe it by the deadline itself. */
export const deadlineDays = (deadline: string): string[] => [...Object.values(ADVANCE_DAYS).map((d) => addDays(deadline, -d)), addDays(deadline, 1)];

/** dd/mm/yyyy, the one way the app writes a day for people. */
export const shownDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
