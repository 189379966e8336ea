// Numbers as typed in each tenant's country → E.164 for the SMS provider; what is not a number is null.
import { describe, expect, it } from 'vitest';
import { toE164 } from '@/lib/phone';

describe('toE164', () => {
  it.each([
    ['011 15-4444-5555', 'AR', '+5491144445555'],
    ['+54 9 11 4444 5555', 'AR', '+5491144445555'],
    ['11 4444-5555', 'AR', '+541144445555'],
    ['351 15 555 1234', 'AR', '+5493515551234'],
    ['300 123 4567', 'CO', '+573001234567'],
    ['333 1234567', 'IT', '+393331234567'],
    ['+39 333 123 4567', 'AR', '+393331234567'],
    ['  (11) 4253-1001 ', 'AR', '+541142531001'],
  ])('%s in %s → %s', (raw, country, e164) => {
    expect(toE164(raw, country)).toBe(e164);
  });

  it.each([['123'], ['555-0101'], ['no es un número'], [''], ['+54']])('%j is not a number', (raw) => {
    expect(toE164(raw, 'AR')).toBeNull();
  });
});
