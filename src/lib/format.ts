// A6: dates and money follow the tenant's locale, time zone and currency.

export const LOCALES = ['es', 'en', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Intl locale for a UI language in a tenant's country: es + AR → es-AR, it + IT → it-IT. */
export function intlLocale(locale: Locale, country: string): string {
  return `${locale}-${country}`;
}

export function formatMoney(amount: number | string, currency: string, intl: string): string {
  return new Intl.NumberFormat(intl, { style: 'currency', currency }).format(Number(amount));
}

export function formatDateTime(date: Date | string, intl: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intl, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(date));
}

export function formatDate(date: Date | string, intl: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone }).format(new Date(date));
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
