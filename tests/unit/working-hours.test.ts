import { describe, expect, it } from 'vitest';
import { nextWorkingInstant, withinWorkingHours } from '@/lib/working-hours';

const BA = 'America/Argentina/Buenos_Aires'; // UTC-3, no daylight saving
const ROME = 'Europe/Rome';

describe('working hours (E8)', () => {
  it('no hours configured: always within', () => {
    const at = new Date('2026-11-23T03:00:00Z');
    expect(withinWorkingHours(at, BA, null)).toBe(true);
    expect(nextWorkingInstant(at, BA, null)).toEqual(at);
  });

  it('within the day range the instant is kept', () => {
    const at = new Date('2026-11-23T12:30:00Z'); // 09:30 in Buenos Aires
    expect(nextWorkingInstant(at, BA, { start: '08:00', end: '18:00' })).toEqual(at);
  });

  it('before the start waits for today’s start; after the end for tomorrow’s', () => {
    const hours = { start: '08:00', end: '18:00' };
    expect(nextWorkingInstant(new Date('2026-11-23T09:15:42Z'), BA, hours).toISOString()).toBe('2026-11-23T11:00:00.000Z'); // 06:15 → 08:00
    expect(nextWorkingInstant(new Date('2026-11-23T22:00:00Z'), BA, hours).toISOString()).toBe('2026-11-24T11:00:00.000Z'); // 19:00 → next 08:00
    expect(withinWorkingHours(new Date('2026-11-23T21:00:00Z'), BA, hours)).toBe(false); // 18:00 is the end
  });

  it('a range across midnight', () => {
    const night = { start: '22:00', end: '06:00' };
    expect(withinWorkingHours(new Date('2026-11-24T02:00:00Z'), BA, night)).toBe(true); // 23:00
    expect(withinWorkingHours(new Date('2026-11-24T08:00:00Z'), BA, night)).toBe(true); // 05:00
    expect(nextWorkingInstant(new Date('2026-11-24T12:00:00Z'), BA, night).toISOString()).toBe('2026-11-25T01:00:00.000Z'); // 09:00 → 22:00
  });

  it('across a daylight-saving change the start stays at local 08:00', () => {
    // Rome leaves summer time on 2026-10-25 at 03:00: 20:00 on the 24th (UTC+2) waits for 08:00 on the 25th (UTC+1).
    expect(nextWorkingInstant(new Date('2026-10-24T18:00:00Z'), ROME, { start: '08:00', end: '18:00' }).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
});
