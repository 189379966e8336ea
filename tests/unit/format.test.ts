import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatDateTime, formatDistance, formatMoney, formatTime, intlLocale, tenantIntl } from '@/lib/format';

// Intl output uses narrow no-break spaces in places; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('locale formatting (A6)', () => {
  it('formats money in the tenant currency and locale', () => {
    expect(plain(formatMoney(18500, 'ARS', intlLocale('es', 'AR')))).toBe('$ 18.500,00');
    expect(plain(formatMoney('12345.5', 'EUR', intlLocale('it', 'IT')))).toBe('12.345,50 €');
    expect(plain(formatMoney(99000, 'COP', intlLocale('es', 'CO')))).toBe('$ 99.000'); // the peso colombiano has no cents
  });

  it('formats dates in the tenant time zone', () => {
    const instant = new Date('2026-03-01T02:30:00Z');
    expect(plain(formatDateTime(instant, intlLocale('es', 'AR'), 'America/Argentina/Buenos_Aires'))).toBe('28/2/26, 11:30 p. m.'); // the previous day in Buenos Aires
    expect(plain(formatDate(instant, intlLocale('it', 'IT'), 'Europe/Rome'))).toBe('1 mar 2026');
  });

  it('formats a time of day in the tenant time zone', () => {
    expect(plain(formatTime(new Date('2026-03-01T12:30:00Z'), intlLocale('it', 'IT'), 'Europe/Rome'))).toBe('13:30');
  });

  it('says how long ago a position is, in the locale (C16)', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    const es = intlLocale('es', 'AR');
    expect(formatAge(before(20), now, es)).toBe('ahora');
    expect(plain(formatAge(before(5 * 60 + 30), now, es))).toBe('hace 5 min');
    expect(plain(formatAge(before(3 * 3600 + 100), now, es))).toBe('hace 3 h');
    expect(plain(formatAge(before(26 * 3600), now, es))).toBe('hace 1 día');
    expect(plain(formatAge(before(5 * 60), now, intlLocale('it', 'IT')))).toBe('5 min fa');
    expect(plain(formatAge(before(5 * 60), now, intlLocale('en', 'AR')))).toBe('5 min. ago');
    // A device clock a little ahead: now, not "in 1 min".
    expect(formatAge(new Date(now.getTime() + 30_000), now, es)).toBe('ahora');
  });

  it('formats distances in metres under a kilometre, else km with one decimal (G6)', () => {
    expect(plain(formatDistance(2.44, intlLocale('es', 'AR')))).toBe('2,4 km');
    expect(plain(formatDistance(12, intlLocale('es', 'AR')))).toBe('12,0 km');
    expect(plain(formatDistance(1234.56, intlLocale('es', 'CO')))).toBe('1234,6 km'.replace('1234', '1.234'));
    expect(plain(formatDistance(2.44, intlLocale('en', 'AR')))).toBe('2.4 km');
    expect(plain(formatDistance(0.4567, intlLocale('it', 'IT')))).toBe('460 m');
  });
});

describe('tenantIntl', () => {
  it('is the tenant’s language in its country, Spanish when it names no language the app speaks', () => {
    expect(tenantIntl({ locale: 'it', country: 'IT' })).toBe('it-IT');
    expect(tenantIntl({ locale: 'es', country: 'CO' })).toBe('es-CO');
    expect(tenantIntl({ locale: 'pt', country: 'AR' })).toBe('es-AR');
  });
});
