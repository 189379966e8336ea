// The Intl formatters' cache (src/lib/intl-cache.ts): one formatter per locale and options, formatting
// exactly as a new one would.
import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from '@/lib/intl-cache';

describe('Intl formatters made once', () => {
  it('the same locale and options give the same formatter; other options or locales another', () => {
    const a = dateTimeFormat('es-AR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Argentina/Buenos_Aires' });
    expect(dateTimeFormat('es-AR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Argentina/Buenos_Aires' })).toBe(a);
    expect(dateTimeFormat('es-AR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' })).not.toBe(a);
    expect(dateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Argentina/Buenos_Aires' })).not.toBe(a);
    expect(numberFormat('es-AR', { style: 'currency', currency: 'ARS' })).toBe(numberFormat('es-AR', { style: 'currency', currency: 'ARS' }));
    expect(numberFormat('es-AR', { style: 'currency', currency: 'ARS' })).not.toBe(numberFormat('es-AR', { style: 'currency', currency: 'EUR' }));
  });

  it('formats as a new formatter does', () => {
    const at = new Date('2026-12-07T17:05:00Z');
    for (const [locale, timeZone] of [['es-AR', 'America/Argentina/Buenos_Aires'], ['it-IT', 'Europe/Rome'], ['en-CO', 'America/Bogota']] as const) {
      const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone };
      expect(dateTimeFormat(locale, options).format(at)).toBe(new Intl.DateTimeFormat(locale, options).format(at));
      expect(numberFormat(locale, { maximumFractionDigits: 1 }).format(1234.56)).toBe(new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(1234.56));
    }
  });

  it('a time zone that does not exist is refused every time, and nothing is kept for it', () => {
    expect(() => dateTimeFormat('es-AR', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(() => dateTimeFormat('es-AR', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
