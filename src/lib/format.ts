// A6: dates and money follow the tenant's locale, time zone and currency.
import { dateTimeFormat, numberFormat } from './intl-cache';

export const LOCALES = ['es', 'en', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Intl locale for a UI language in a tenant's country: es + AR → es-AR, it + IT → it-IT. */
export function intlLocale(locale: Locale, country: string): string {
  return `${locale}-${country}`;
}

/** The tenant's own Intl locale — its language (Spanish if it names none the app speaks) in its country — for what follows the tenant, not the visitor. */
export function tenantIntl(tenant: { locale: string; country: string }): string {
  return intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country);
}

export function formatMoney(amount: number | string, currency: string, intl: string): string {
  return numberFormat(intl, { style: 'currency', currency }).format(Number(amount));
}

export function formatDateTime(date: Date | string, intl: string, timeZone: string): string {
  return dateTimeFormatter(intl, timeZone)(date);
}

/** formatDateTime for many dates: one Intl formatter (making one costs far more than formatting with it). */
export function dateTimeFormatter(intl: string, timeZone: string): (date: Date | string) => string {
  const format = dateTimeFormat(intl, { dateStyle: 'short', timeStyle: 'short', timeZone });
  return (date) => format.format(new Date(date));
}

export function formatDate(date: Date | string, intl: string, timeZone: string): string {
  return dateTimeFormat(intl, { dateStyle: 'medium', timeZone }).format(new Date(date));
}

/** A time of day (HH:MM, or the locale's way) in a time zone. */
export function formatTime(date: Date | string, intl: string, timeZone: string): string {
  return dateTimeFormat(intl, { timeStyle: 'short', timeZone }).format(new Date(date));
}

/**
 * How long ago `date` was, from `now`, in the locale's words: "ahora", "hace 5 min", "hace 3 h",
 * "hace 2 días" (es-AR); "5 min. ago" (en); "5 min fa" (it). Under a minute is "now".
 */
export function formatAge(date: Date | string, now: Date, intl: string): string {
  const seconds = Math.max(0, (now.getTime() - new Date(date).getTime()) / 1000);
  if (seconds < 60) return new Intl.RelativeTimeFormat(intl, { numeric: 'auto' }).format(0, 'second');
  const rtf = new Intl.RelativeTimeFormat(intl, { numeric: 'always', style: 'short' });
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  // Days in words: ICU's short Spanish form says "hace 1 días".
  return new Intl.RelativeTimeFormat(intl, { numeric: 'always' }).format(-Math.floor(seconds / 86_400), 'day');
}

/** A distance in the locale's numbers: metres (to 10 m) under 1 km, else km with one decimal — "450 m", "2,4 km". */
export function formatDistance(km: number, intl: string): string {
  if (km < 1) return numberFormat(intl, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(km * 100) * 10);
  return numberFormat(intl, { style: 'unit', unit: 'kilometer', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(km);
}

/** A coordinate in degrees in the locale's numbers, to about 10 cm: "-34,603722". */
export function formatCoordinate(degrees: number, intl: string): string {
  return numberFormat(intl, { maximumFractionDigits: 6, useGrouping: false }).format(degrees);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(date: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A calendar day ("YYYY-MM-DD", as invoices and payments store it) in the locale's words; no time zone shifts it. */
export function formatDay(day: string, intl: string): string {
  return dateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
