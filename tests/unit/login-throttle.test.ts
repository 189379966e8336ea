// The backoff rule of failed sign-ins (src/server/services/auth/throttle.ts), with an injected clock:
// free failures, then a wait that doubles with each failure up to a cap, forgotten after a quiet spell.
import { describe, expect, it } from 'vitest';
import { addressKey, afterFailure, BUCKETS, delayAfter, throttleKeys, waitMs, type BucketState } from '@/server/services/auth/throttle';

const T0 = new Date('2026-12-05T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('delay after failures', () => {
  it('grows exponentially past the free failures, up to each bucket’s cap', () => {
    const pair = BUCKETS.pair;
    expect([5, 6, 7, 8, 9].map((n) => delayAfter(n, pair))).toEqual([0, 2_000, 4_000, 8_000, 16_000]);
    expect(delayAfter(50, pair)).toBe(15 * 60_000);
    expect(delayAfter(10_000, pair)).toBe(15 * 60_000);
    expect(delayAfter(10_000, BUCKETS.account)).toBe(5 * 60_000);
    // A noisy address is slowed, never locked: one attempt a minute at worst.
    expect(delayAfter(10_000, BUCKETS.address)).toBe(60_000);
  });

  it('an attacker who waits out every delay gets one guess per cap; waiting extends nothing', () => {
    let state: BucketState = { failures: 0, lastFailureAt: null };
    let now = 0;
    let guesses = 0;
    while (now < 24 * 3_600_000) {
      now += waitMs(state, BUCKETS.pair, at(now));
      state = afterFailure(state, BUCKETS.pair, at(now));
      guesses += 1;
    }
    // 5 free, then 2 s … 8.5 min (17 minutes in all), then one per 15 minutes: 110 a day instead of unlimited.
    expect(guesses).toBe(110);
  });

  it('the wait runs from the last failure, and a quiet bucket starts over', () => {
    const state = { failures: 7, lastFailureAt: T0 };
    expect(waitMs(state, BUCKETS.pair, at(1_000))).toBe(3_000);
    expect(waitMs(state, BUCKETS.pair, at(4_000))).toBe(0);
    expect(afterFailure(state, BUCKETS.pair, at(4_000)).failures).toBe(8);
    expect(afterFailure(state, BUCKETS.pair, at(BUCKETS.pair.resetMs)).failures).toBe(1);
    expect(waitMs({ failures: 40, lastFailureAt: T0 }, BUCKETS.address, at(BUCKETS.address.resetMs))).toBe(0);
  });
});

describe('bucket keys', () => {
  it('an IPv6 client counts by its /64; IPv4 and IPv4-mapped by the address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:0:0::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey('198.51.100.4')).toBe('198.51.100.4');
  });

  it('one account, its pair with the address, and the address; no address: the account alone', () => {
    expect(throttleKeys('t1', 'staff', 'ana@x.test', '198.51.100.4')).toEqual({
      account: 'acct:t1:staff:ana@x.test',
      pair: 'pair:t1:staff:ana@x.test@198.51.100.4',
      address: 'ip:198.51.100.4',
    });
    expect(throttleKeys('t1', 'staff', 'ana@x.test', null)).toEqual({ account: 'acct:t1:staff:ana@x.test', pair: null, address: null });
  });
});
