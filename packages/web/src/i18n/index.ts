import { createSignal } from 'solid-js';
import type { ErrorCode } from '@sansang/core/schema';
import { vi } from './vi.ts';
import { ApiError } from '../data/api.ts';
import { formatClockIn, formatDateTimeIn, formatDay, formatNumberIn, formatTimeIn, vnDayFrom, type Locale } from './format.ts';

export type { Locale };
export type Key = keyof typeof vi;
/**
 * Every error code the server or this client can give (core's error-codes.ts) has a message:
 * one missing from vi.ts fails the type check here, naming it (en.ts is typed by vi's keys).
 */
type NoneMissing<Missing extends never> = Missing;
export type EveryErrorCodeTranslated = NoneMissing<Exclude<`error.${ErrorCode}`, Key>>;

/**
 * Vietnamese is in the first page's JavaScript; English is fetched when someone chooses it
 * (or chose it before), so most users on a slow line never download it.
 */
const dictionaries: Partial<Record<Locale, Record<Key, string>>> = { vi };
const [locale, setLocaleSignal] = createSignal<Locale>('vi');
export { locale };

export async function setLocale(next: Locale) {
  dictionaries[next] ??= (await import('./en.ts')).en;
  setLocaleSignal(next);
  localStorage.setItem('locale', next);
  document.documentElement.lang = next;
}
if (typeof localStorage !== 'undefined' && localStorage.getItem('locale') === 'en') void setLocale('en');
else if (typeof document !== 'undefined') document.documentElement.lang = 'vi';

/** A text with its {name} placeholders filled in. */
export const fill = (text: string, params: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return fill((dictionaries[locale()] ?? vi)[key], params);
}

// Formatted without Intl (see format.ts): the first Intl formatter a page makes delays its first figures.
export const formatNumber = (n: number, digits = 0) => formatNumberIn(locale(), n, digits);
export const formatDateTime = (iso: string) => formatDateTimeIn(locale(), iso);
export const formatTime = formatTimeIn;
/** hh:mm in Vietnam, as a refusal to start a quiz names the hour it opens again. */
export const formatClock = formatClockIn;
/** Today (or `offsetDays` from it) in Vietnam as yyyy-mm-dd: the latest effective date a change may have, and a date picker's default. */
export const today = (offsetDays = 0) => vnDayFrom(Date.now(), offsetDays);
/** dd/mm/yyyy, the one way a day is written, as printed on certificates and reports. */
export { formatDay };

/** An API error as the user should read it: by its code, in their language. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}` as Key;
    return key in vi ? t(key) : err.message || t('error.generic');
  }
  return t('error.generic');
}
