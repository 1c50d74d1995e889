import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatClockIn, formatDateTimeIn, formatDay, formatNumberIn, formatTimeIn, vnDayFrom, type Locale } from './format.ts';

/** What the browser's Intl shows for the same figure: the formatters must never read differently. */
const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const zone = { timeZone: 'Asia/Ho_Chi_Minh' } as const;
const intl = {
  number: (l: Locale, n: number, digits: number) => new Intl.NumberFormat(TAGS[l], { maximumFractionDigits: digits }).format(n),
  dateTime: (l: Locale) =>
    new Intl.DateTimeFormat(TAGS[l], { ...zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  time: new Intl.DateTimeFormat('vi-VN', { ...zone, timeStyle: 'medium' }),
  clock: new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  day: new Intl.DateTimeFormat('vi-VN', { ...zone, day: '2-digit', month: '2-digit', year: 'numeric' }),
  iso: new Intl.DateTimeFormat('en-CA', zone),
};
const locales: Locale[] = ['vi', 'en'];

describe('numbers and dates formatted without Intl', () => {
  it('read exactly as Intl formats numbers in Vietnamese and English', () => {
    const edges = [0, -0, 1, 999, 1000, 1234.5, 999.96, 0.05, 0.95, 1.005, 2.675, -0.04, -1234567.25, 36_828, 99.95, 100, 1e-7, 123_456_789_012, 12.3456];
    for (const l of locales)
      for (const digits of [0, 1, 2]) for (const n of edges) expect(formatNumberIn(l, n, digits), `${l} ${n} ${digits}`).toBe(intl.number(l, n, digits));
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.integer({ min: 0, max: 2 }),
        fc.oneof(
          fc.double({ min: -1e12, max: 1e12, noNaN: true }),
          fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000),
          fc.integer({ min: -10_000_000, max: 10_000_000 }),
        ),
        (l, digits, n) => formatNumberIn(l, n, digits) === intl.number(l, n, digits),
      ),
      { numRuns: 20_000 },
    );
  });

  it('give the same day, time and date-time as Intl in Vietnam for every day and hour from 2024 to 2031', () => {
    const formats = Object.fromEntries(locales.map((l) => [l, { dateTime: intl.dateTime(l) }])) as Record<Locale, { dateTime: Intl.DateTimeFormat }>;
    // Every hour for eight years, at a minute and second that move, crossing each UTC/Vietnam day boundary.
    const wrong: string[] = [];
    const same = (what: string, ours: string, theirs: string) => {
      if (ours !== theirs) wrong.push(`${what}: ${ours} ≠ ${theirs}`);
    };
    for (let at = Date.UTC(2024, 0, 1); at < Date.UTC(2032, 0, 1); at += 3_600_000 + 61_000) {
      const iso = new Date(at).toISOString();
      for (const l of locales) {
        same(`${l} date-time ${iso}`, formatDateTimeIn(l, iso), formats[l].dateTime.format(at));
      }
      same(`time ${iso}`, formatTimeIn(iso), intl.time.format(at));
      same(`clock ${iso}`, formatClockIn(iso), intl.clock.format(at));
      same(`day ${iso}`, formatDay(iso), intl.day.format(at));
      same(`iso day ${iso}`, vnDayFrom(at), intl.iso.format(at));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('read a date-only deadline as that day, and count days on from today', () => {
    expect(formatDay('2026-12-31')).toBe('31/12/2026');
    expect(formatDay('2026-09-05')).toBe('05/09/2026');
    expect(formatDateTimeIn('vi', '2026-09-05T01:02:00Z')).toBe('08:02 05/09/2026');
    expect(formatDateTimeIn('en', '2026-09-05T01:02:00Z')).toBe('05/09/2026, 08:02');
    // 20:00 UTC on 30 November is 03:00 on 1 December in Hà Nội.
    expect(vnDayFrom(Date.parse('2026-11-30T20:00:00Z'))).toBe('2026-12-01');
    expect(vnDayFrom(Date.parse('2026-12-31T16:59:59Z'), 1)).toBe('2027-01-01');
  });
});
