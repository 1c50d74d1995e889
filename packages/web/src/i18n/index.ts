import { createSignal } from 'solid-js';
import { en } from './en.ts';
import { vi } from './vi.ts';
import { ApiError } from '../data/api.ts';

export type Locale = 'vi' | 'en';
export type Key = keyof typeof vi;
export const dictionaries: Record<Locale, Record<Key, string>> = { vi, en };

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('locale') : null;
const [locale, setLocaleSignal] = createSignal<Locale>(stored === 'en' ? 'en' : 'vi');
export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem('locale', next);
  document.documentElement.lang = next;
}
if (typeof document !== 'undefined') document.documentElement.lang = locale();

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return dictionaries[locale()][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const tag = () => (locale() === 'vi' ? 'vi-VN' : 'en-GB');
export const formatNumber = (n: number, digits = 0) => new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(n);
/** Days are Vietnam's: a completion at 20:00 UTC is on the next day there, whatever the PC's clock says. */
const VN = 'Asia/Ho_Chi_Minh';
export const formatDate = (iso: string) => new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: VN }).format(new Date(iso));
export const formatDateTime = (iso: string) => new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short', timeZone: VN }).format(new Date(iso));
/** Today in Vietnam as yyyy-mm-dd: the latest effective date a change may have, and a date picker's default. */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: VN }).format(new Date());
/** dd/mm/yyyy as printed on certificates and reports, so the page and the paper agree. */
export const formatDay = (iso: string) => new Intl.DateTimeFormat(tag(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: VN }).format(new Date(iso));

/** An API error as the user should read it: by its code, in their language. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}` as Key;
    return key in vi ? t(key) : err.message || t('error.generic');
  }
  return t('error.generic');
}
