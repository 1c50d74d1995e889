import { addDays } from '../requirement/schema.ts';
import { defaultRenewalDays, type Info } from './schema.ts';

/**
 * How long finishing a target's programme counts, as pure functions of days (yyyy-mm-dd,
 * Vietnam calendar). A completion made inside a period's renewal window (the last
 * `renewalDays` of it) also covers the next period: whoever renews early loses nothing, and a
 * yearly target's December completion counts for the coming year as well.
 */
type Validity = Pick<Info, 'validity' | 'renewalDays'>;

/** The last day of the period that starts on `from`. */
function periodEnd(validity: NonNullable<Info['validity']>, from: string): string {
  if ('until' in validity) return `${from.slice(0, 4)}-12-31`;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const months = m - 1 + validity.months;
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  // 31 Jan + 1 month ends on the last day of February, not in March.
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return addDays(`${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`, -1);
}

export const renewalDaysOf = (target: Validity) => target.renewalDays ?? defaultRenewalDays;

/** The first day a completion valid until `until` counts as expiring soon (and a retake renews it). */
export const renewalOpens = (target: Validity, until: string) => addDays(until, -renewalDaysOf(target));

/**
 * The last day a completion made on `day` counts; null when the target's completions never
 * lapse. `previous`: the last day of the completion it renews, when it renews one still
 * valid on `day` — the new period then starts the day after it, so renewing early loses nothing.
 */
export function validUntil(target: Validity, day: string, previous?: string | null): string | null {
  if (!target.validity) return null;
  const from = previous && previous >= day ? addDays(previous, 1) : day;
  const end = periodEnd(target.validity, from);
  return day >= renewalOpens(target, end) ? periodEnd(target.validity, addDays(end, 1)) : end;
}

/** Where a completion valid until `until` stands on `today`. */
export type Phase = 'valid' | 'soon' | 'lapsed';
export function phaseOn(target: Validity, until: string | null | undefined, today: string): Phase {
  // A last valid day on a target without a validity comes from a course version that requires a retake.
  if (!until) return 'valid';
  if (today > until) return 'lapsed';
  return today >= renewalOpens(target, until) ? 'soon' : 'valid';
}

/** The days a completion valid until `until` changes phase: the daily job's due marks. */
export const phaseDays = (target: Validity, until: string | null): string[] => (until ? [renewalOpens(target, until), addDays(until, 1)] : []);
