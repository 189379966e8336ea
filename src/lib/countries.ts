// Countries Antena is sold in, with the defaults a new tenant gets (A1, A6).

export const COUNTRIES = {
  AR: { locale: 'es', timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS' },
  CO: { locale: 'es', timeZone: 'America/Bogota', currency: 'COP' },
  MX: { locale: 'es', timeZone: 'America/Mexico_City', currency: 'MXN' },
  CL: { locale: 'es', timeZone: 'America/Santiago', currency: 'CLP' },
  PE: { locale: 'es', timeZone: 'America/Lima', currency: 'PEN' },
  UY: { locale: 'es', timeZone: 'America/Montevideo', currency: 'UYU' },
  PY: { locale: 'es', timeZone: 'America/Asuncion', currency: 'PYG' },
  IT: { locale: 'it', timeZone: 'Europe/Rome', currency: 'EUR' },
} as const;

export type Country = keyof typeof COUNTRIES;
export const COUNTRY_CODES = Object.keys(COUNTRIES) as Country[];
export const CURRENCIES = [...new Set(Object.values(COUNTRIES).map((c) => c.currency)), 'USD'] as const;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
