import type { QuizBundle } from '../course/schema.ts';
import { vnDay } from '../vn-day.ts';
import type { AttemptSummary } from './store.ts';

/**
 * The attempt policy of issue 19, as pure functions of a quiz's settings, the learner's
 * newest attempts and the time: when the next attempt may start. attempt/index.ts reads the
 * attempts and enforces the answer; what a graded attempt shows is quiz/disclosure.ts's.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

type Settings = Pick<QuizBundle, 'attemptsPerDay' | 'waitAfterFailures'>;

/** How many of the learner's newest attempts the policy needs to see: never more than a few. */
export const attemptsToRead = (quiz: Settings) => Math.max(quiz.attemptsPerDay ?? 0, quiz.waitAfterFailures?.failures ?? 0);

export type Gate = {
  /** Attempts the daily limit leaves for today (Vietnam calendar day); null when there is no daily limit. */
  attemptsLeftToday: number | null;
  /** When the learner may start again, if a start now would be refused; null when it would not. */
  retryAt: Date | null;
  /** Which rule holds the learner back until `retryAt` (the later one when both do). */
  reason: 'daily_limit' | 'wait' | null;
};

/** Midnight starting the Vietnam day after `now` (Vietnam keeps UTC+7 all year). */
const nextVnMidnight = (now: Date) => new Date(Date.parse(`${vnDay(now)}T00:00:00+07:00`) + DAY_MS);

const failed = (a: AttemptSummary) => a.status === 'submitted' && a.result?.passed === false && a.submittedAt !== undefined;

/**
 * When the wait after repeated failure ends, if the newest attempts call for one: the last
 * `failures` attempts all failed, one straight after another. A pause as long as the wait
 * between two of them breaks the run — the learner already waited (or spaced the tries out),
 * so after a wait they get `failures` more tries before the next one. A pass breaks it too.
 */
function waitEnd(wait: Settings['waitAfterFailures'], newestFirst: AttemptSummary[]): Date | null {
  if (wait === null || newestFirst.length < wait.failures) return null;
  const run = newestFirst.slice(0, wait.failures);
  if (!run.every(failed)) return null;
  const pause = wait.hours * HOUR_MS;
  for (let i = 0; i + 1 < run.length; i++) {
    if (Date.parse(run[i]!.startedAt) - Date.parse(run[i + 1]!.submittedAt!) >= pause) return null;
  }
  // Whole minutes, so the time a learner is told is never earlier than the time that holds.
  return new Date(Math.ceil((Date.parse(run[0]!.submittedAt!) + pause) / MINUTE_MS) * MINUTE_MS);
}

/** Whether the learner may start an attempt at `now`, given their newest attempts (newest first, all graded). */
export function attemptGate(quiz: Settings, newestFirst: AttemptSummary[], now: Date): Gate {
  const today = vnDay(now);
  const startedToday = newestFirst.filter((a) => vnDay(new Date(a.startedAt)) === today).length;
  const attemptsLeftToday = quiz.attemptsPerDay === null ? null : Math.max(0, quiz.attemptsPerDay - startedToday);
  const holds: { at: Date; reason: 'daily_limit' | 'wait' }[] = [];
  if (attemptsLeftToday === 0) holds.push({ at: nextVnMidnight(now), reason: 'daily_limit' });
  const wait = waitEnd(quiz.waitAfterFailures, newestFirst);
  if (wait !== null && wait > now) holds.push({ at: wait, reason: 'wait' });
  const last = holds.sort((x, y) => y.at.getTime() - x.at.getTime())[0];
  return { attemptsLeftToday, retryAt: last?.at ?? null, reason: last?.reason ?? null };
}

/** Vietnamese date and time in Vietnam, as a refusal tells it: "14:05 ngày 08/12/2026". */
export function vnDateTime(at: Date): string {
  const [y, m, d] = vnDay(at).split('-');
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${time} ngày ${d}/${m}/${y}`;
}
