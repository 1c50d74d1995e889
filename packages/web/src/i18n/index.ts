import { createSignal } from 'solid-js';
import { vi } from './vi.ts';
import { ApiError } from '../data/api.ts';

export type Locale = 'vi' | 'en';
export type Key = keyof typeof vi;

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

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return (dictionaries[locale()] ?? vi)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const tag = () => (locale() === 'vi' ? 'vi-VN' : 'en-GB');
/** Days are Vietnam's: a completion at 20:00 UTC is on the next day there, whatever the PC's clock says. */
const VN = 'Asia/Ho_Chi_Minh';

// Making an Intl formatter costs far more than using one (locale data is loaded each time):
// a dashboard formats hundreds of figures, so each kind is made once per language.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: (locale: string) => T, locale = tag()): T {
  const key = `${kind}|${locale}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make(locale)));
  return f;
}
const dateTime = (kind: string, options: Intl.DateTimeFormatOptions, locale?: string) =>
  formatter(kind, (l) => new Intl.DateTimeFormat(l, { ...options, timeZone: VN }), locale);

export const formatNumber = (n: number, digits = 0) => formatter(`number${digits}`, (l) => new Intl.NumberFormat(l, { maximumFractionDigits: digits })).format(n);
export const formatDate = (iso: string) => dateTime('date', { dateStyle: 'medium' }).format(new Date(iso));
export const formatDateTime = (iso: string) => dateTime('dateTime', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
export const formatTime = (iso: string) => dateTime('time', { timeStyle: 'medium' }).format(new Date(iso));
/** Today (or `offsetDays` from it) in Vietnam as yyyy-mm-dd: the latest effective date a change may have, and a date picker's default. */
export const today = (offsetDays = 0) => dateTime('iso', {}, 'en-CA').format(new Date(Date.now() + offsetDays * 86_400_000));
/** dd/mm/yyyy as printed on certificates and reports, so the page and the paper agree. */
export const formatDay = (iso: string) => dateTime('day', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

/** An API error as the user should read it: by its code, in their language. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}` as Key;
    return key in vi ? t(key) : err.message || t('error.generic');
  }
  return t('error.generic');
}
