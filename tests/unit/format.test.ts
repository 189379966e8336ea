import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, intlLocale } from '@/lib/format';

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
});
