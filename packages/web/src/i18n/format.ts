/**
 * Numbers and dates as Intl formats them for vi-VN and en-GB in Vietnam's time zone, without
 * calling Intl. The first Intl formatter a page makes costs 20–50 ms of one core while the
 * browser loads its locale data (four times that on the slow phone Lighthouse emulates), and
 * the dashboard needs one before its first figure can be painted. Vietnam keeps UTC+7 all
 * year (no daylight saving since 1975), so a day or an hour there is a fixed offset from UTC.
 * format.test.ts checks every output against Intl itself.
 */
export type Locale = 'vi' | 'en';

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = { vi: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } };
const INTL_TAG: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * `n` rounded to at most `digits` decimals, half away from zero, as [integer, fraction]
 * digit strings. It rounds the shortest decimal that reads back as `n` (what Intl rounds,
 * so 1.005 gives 1.01), not the binary value behind it.
 */
function roundDecimal(abs: number, digits: number): [string, string] {
  const text = String(abs);
  // Below 1e-6 String() switches to exponent form; such a figure rounds to 0 at the few decimals shown.
  if (text.includes('e')) return ['0', ''];
  const [int, frac = ''] = text.split('.') as [string, string?];
  if (frac.length <= digits) return [int, frac.replace(/0+$/, '')];
  const kept = (int + frac.slice(0, digits)).split('').map(Number);
  if (frac.charCodeAt(digits) >= 53 /* '5' */) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i]! += 1;
    else kept.unshift(1);
  }
  const all = kept.join('');
  const cut = all.length - digits;
  return [all.slice(0, cut) || '0', all.slice(cut).replace(/0+$/, '')];
}

/** As `new Intl.NumberFormat(vi-VN | en-GB, { maximumFractionDigits: digits }).format(n)`. */
export function formatNumberIn(locale: Locale, n: number, digits = 0): string {
  // Never met in figures the API sends; Intl knows how these read.
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: digits }).format(n);
  const { group, decimal } = SEPARATORS[locale];
  const [int, frac] = roundDecimal(Math.abs(n), digits);
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, group);
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock in Vietnam at `at` (an ISO date or date-time, as `new Date` reads it). */
function vnClock(at: string | number) {
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** As Intl's `timeStyle: 'medium'`: "08:02:03" in both languages. */
export function formatTimeIn(iso: string): string {
  const c = vnClock(iso);
  return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** As Intl's `hour: '2-digit', minute: '2-digit'` in 24-hour time: "00:00", the hour a quiz opens again. */
export function formatClockIn(iso: string): string {
  const c = vnClock(iso);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * One way to write a day everywhere, in both languages: dd/mm/yyyy in Vietnam, as certificates
 * and reports print it, so the page and the paper agree (as Intl's vi-VN with 2-digit day and month).
 */
export function formatDay(iso: string): string {
  const c = vnClock(iso);
  return `${pad(c.day)}/${pad(c.month)}/${c.year}`;
}

/** The day as formatDay writes it with the hour: "08:02 05/09/2026", "05/09/2026, 08:02" (as Intl's vi-VN and en-GB). */
export function formatDateTimeIn(locale: Locale, iso: string): string {
  const c = vnClock(iso);
  const time = `${pad(c.hour)}:${pad(c.minute)}`;
  return locale === 'vi' ? `${time} ${formatDay(iso)}` : `${formatDay(iso)}, ${time}`;
}

/** The day in Vietnam `offsetDays` from `now`, as yyyy-mm-dd. */
export function vnDayFrom(now: number, offsetDays = 0): string {
  const c = vnClock(now + offsetDays * 86_400_000);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}
