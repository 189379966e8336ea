// E2: a visit's day and slot on the tenant's clock ↔ instants, across zones and daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { formatVisit, visitInstants, visitOf, wallClock, zonedInstant } from '@/lib/visits';
import { ZVisit } from '@/lib/visit-input';

describe('visits in the tenant time zone', () => {
  it('turns a day and a slot into instants and back', () => {
    expect(zonedInstant('2031-03-04', '09:00', 'America/Argentina/Buenos_Aires').toISOString()).toBe('2031-03-04T12:00:00.000Z');
    expect(zonedInstant('2031-03-04', '09:00', 'America/Bogota').toISOString()).toBe('2031-03-04T14:00:00.000Z');
    const { visitStart, visitEnd } = visitInstants({ date: '2031-07-10', from: '08:30', to: '10:00' }, 'Europe/Rome');
    // Rome in July is UTC+2.
    expect([visitStart!.toISOString(), visitEnd!.toISOString()]).toEqual(['2031-07-10T06:30:00.000Z', '2031-07-10T08:00:00.000Z']);
    expect(visitOf(visitStart, visitEnd, 'Europe/Rome')).toEqual({ date: '2031-07-10', from: '08:30', to: '10:00' });
    expect(visitOf(null, null, 'Europe/Rome')).toBeNull();
  });

  it('keeps the wall clock across a daylight-saving change (Rome, last Sunday of March and of October)', () => {
    expect(zonedInstant('2031-03-29', '09:00', 'Europe/Rome').toISOString()).toBe('2031-03-29T08:00:00.000Z');
    expect(zonedInstant('2031-03-30', '09:00', 'Europe/Rome').toISOString()).toBe('2031-03-30T07:00:00.000Z');
    expect(zonedInstant('2031-10-26', '09:00', 'Europe/Rome').toISOString()).toBe('2031-10-26T08:00:00.000Z');
    for (const date of ['2031-03-29', '2031-03-30', '2031-10-25', '2031-10-26']) {
      expect(wallClock(zonedInstant(date, '09:15', 'Europe/Rome'), 'Europe/Rome')).toEqual({ date, time: '09:15' });
    }
  });

  it('refuses a slot that ends before it starts and times that are not HH:MM', () => {
    expect(ZVisit.safeParse({ date: '2031-03-04', from: '10:00', to: '09:00' }).success).toBe(false);
    expect(ZVisit.safeParse({ date: '2031-03-04', from: '10:00', to: '10:00' }).success).toBe(false);
    expect(ZVisit.safeParse({ date: '2031-03-04', from: '9:00', to: '10:00' }).success).toBe(false);
    expect(ZVisit.safeParse({ date: '2031-02-30', from: '09:00', to: '10:00' }).success).toBe(false);
    expect(ZVisit.safeParse({ date: '2031-03-04', from: '09:00', to: '10:00' }).success).toBe(true);
  });

  it('formats the visit in the reader’s locale and the tenant’s zone', () => {
    const start = zonedInstant('2031-03-04', '09:00', 'America/Argentina/Buenos_Aires');
    const end = zonedInstant('2031-03-04', '11:30', 'America/Argentina/Buenos_Aires');
    expect(formatVisit(start, end, 'es-AR', 'America/Argentina/Buenos_Aires')).toMatch(/4.*mar.*09:00–11:30/);
    expect(formatVisit(start, end, 'it-IT', 'America/Argentina/Buenos_Aires')).toMatch(/4.*mar.*09:00–11:30/);
  });
});
