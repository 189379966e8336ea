// Failed sign-ins slow the next attempt down instead of locking (src/server/services/auth/throttle.ts),
// on PostgreSQL, with an injected clock: one attacker on one account is slowed exponentially; the
// owner's sign-in from an address they used before keeps working; a noisy address (a NAT) is slowed,
// never locked; parallel attempts are counted one by one. And one account is one bucket however its
// login is typed: the throttle keys what the lookup finds (tax id, e-mail normalized the same way).
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { forgetTenantCache, resolveTenantByHost } from '@/server/services/tenants/resolve';
import { signInCustomer, signInStaff } from '@/server/services/auth/sign-in';
import { BUCKETS, reserveAttempt, settleAttempt, throttleKeys } from '@/server/services/auth/throttle';
import { createCustomer, createTenant, createUser, PASSWORD, type TestTenant } from '../factories';

let a: TestTenant;
beforeAll(async () => {
  a = await createTenant();
});

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

describe('one account, one bucket: the throttle keys the login as it is looked up', () => {
  it('a tax id in any format is one account: 40111222, 401.112.22 and 40.111.222 share their buckets', async () => {
    const customer = await createCustomer(a, { taxId: '40111222', portalPassword: true });
    const now = new Date();
    const spellings = ['40111222', '401.112.22', '40.111.222', ' 40-111-222 ', '40 111 222'];
    // From one address: the pair bucket.
    for (const login of spellings) expect(await signInCustomer(a, login, 'nope', '198.51.100.40', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signInCustomer(a, '4011.1222', 'nope', '198.51.100.40', now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    expect(await signInCustomer(a, '40111222', PASSWORD, '198.51.100.40', now)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signInCustomer(a, '40111222', PASSWORD, '198.51.100.40', later(now, 2_000))).toMatchObject({ ok: true, user: { id: customer.id } });

    // From a new address each time: the account bucket, still one for every spelling.
    const other = await createCustomer(a, { taxId: '40222333', portalPassword: true });
    const forms = ['40222333', '402.223.33', '40.222.333', ' 40-222-333 ', '40 222 333'];
    for (let i = 0; i < BUCKETS.account.free; i++) {
      expect(await signInCustomer(a, forms[i % forms.length]!, 'nope', `203.0.113.${100 + i}`, now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await signInCustomer(a, '402.223.33', 'nope', '203.0.113.200', now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    // Once the wait is over, the customer signs in with the tax id as they like to write it.
    expect(await signInCustomer(a, '40.222.333', PASSWORD, '203.0.113.201', later(now, 2_000))).toMatchObject({ ok: true, user: { id: other.id } });
  });

  it('an e-mail in any case or spacing is one account, for staff and for a portal signing in by e-mail', async () => {
    const u = await createUser(a, 'OPERATOR', { email: 'ana.throttle@x.test' });
    const now = new Date();
    for (const login of ['Ana.Throttle@X.test', ' ana.throttle@x.test', 'ANA.THROTTLE@X.TEST ', 'ana.throttle@X.TEST', '\tAna.throttle@x.test']) {
      expect(await signInStaff(a, login, 'nope', '198.51.100.41', now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await signInStaff(a, 'aNa.ThRoTtLe@x.TeSt', 'nope', '198.51.100.41', now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    expect(await signInStaff(a, u.email, PASSWORD, '198.51.100.41', later(now, 2_000))).toMatchObject({ ok: true });

    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { portal: { loginField: 'EMAIL', allowDeleted: false } } } });
    forgetTenantCache();
    const byEmail = (await resolveTenantByHost(a.host))!;
    await createCustomer(a, { emails: ['marta.throttle@mail.test'], portalPassword: true });
    for (const login of ['Marta.Throttle@mail.test', 'MARTA.THROTTLE@MAIL.TEST', ' marta.throttle@mail.test ', 'marta.throttle@Mail.Test', 'Marta.throttle@mail.test']) {
      expect(await signInCustomer(byEmail, login, 'nope', '198.51.100.42', now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await signInCustomer(byEmail, 'marta.THROTTLE@mail.test', 'nope', '198.51.100.42', now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: {} } });
    forgetTenantCache();
  });
});

describe('backoff instead of a lock', () => {
  it('one attacker on one account waits longer after every failure, up to 15 minutes; waiting extends nothing', async () => {
    const u = await createUser(a, 'OPERATOR');
    const ip = '198.51.100.50';
    let now = new Date();
    for (let i = 0; i < BUCKETS.pair.free; i++) await signInStaff(a, u.email, 'nope', ip, now);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const result = await signInStaff(a, u.email, 'nope', ip, now);
      expect(result).toMatchObject({ ok: false, reason: 'throttled' });
      const seconds = (result as { seconds: number }).seconds;
      waits.push(seconds);
      // Trying again before the wait is over is refused, and the wait stays what it was.
      expect(await signInStaff(a, u.email, PASSWORD, ip, later(now, seconds * 1000 - 1_000))).toEqual({ ok: false, reason: 'throttled', seconds: 1 });
      now = later(now, seconds * 1000);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    // The right password after the wait: in, and the account's buckets start over.
    expect(await signInStaff(a, u.email, PASSWORD, ip, now)).toMatchObject({ ok: true });
    expect(await signInStaff(a, u.email, 'nope', ip, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('strangers on many addresses cannot keep the owner out: their known address signs in at once, a new one waits at most 5 minutes', async () => {
    const u = await createUser(a, 'OPERATOR');
    const home = '198.51.100.60';
    let now = new Date();
    expect(await signInStaff(a, u.email, PASSWORD, home, now)).toMatchObject({ ok: true });
    // A distributed attack on the account, 40 guesses from 40 addresses, each waiting out the account's delay.
    for (let i = 0; i < 40; i++) {
      const result = await signInStaff(a, u.email, `guess-${i}`, `203.0.113.${i + 1}`, now);
      if (result.ok === false && result.reason === 'throttled') now = later(now, result.seconds * 1000);
    }
    const hot = await signInStaff(a, u.email, 'another-guess', '203.0.113.99', now);
    expect(hot).toMatchObject({ ok: false, reason: 'throttled' });
    expect((hot as { seconds: number }).seconds).toBeLessThanOrEqual(BUCKETS.account.capMs / 1000);
    // The owner, from home, right now: in.
    expect(await signInStaff(a, u.email, PASSWORD, home, now)).toMatchObject({ ok: true });
    // The owner on a new phone waits the account's delay (never more than 5 minutes), then gets in.
    const phone = await signInStaff(a, u.email, PASSWORD, '192.0.2.77', now);
    expect(phone).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signInStaff(a, u.email, PASSWORD, '192.0.2.77', later(now, BUCKETS.account.capMs))).toMatchObject({ ok: true });
    // Forty-odd sign-ins, each hashing a password: more than the default budget on two busy cores.
  }, 60_000);

  it('a noisy address (many accounts behind one NAT) is slowed to one attempt a minute, and its known users still get in', async () => {
    const nat = '198.51.100.70';
    let now = new Date();
    const regular = await createUser(a, 'OPERATOR');
    expect(await signInStaff(a, regular.email, PASSWORD, nat, now)).toMatchObject({ ok: true });
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const result = await signInStaff(a, `someone${i}@x.test`, 'nope', nat, now);
      if (result.ok === false && result.reason === 'throttled') {
        worst = Math.max(worst, result.seconds);
        now = later(now, result.seconds * 1000);
      }
    }
    expect(worst).toBe(60);
    // Right after a failure the address waits a minute, no more…
    expect(await signInStaff(a, 'someone-else@x.test', 'nope', nat, now)).toEqual({ ok: false, reason: 'throttled', seconds: 60 });
    const stranger = await createUser(a, 'OPERATOR');
    const waiting = await signInStaff(a, stranger.email, PASSWORD, nat, now);
    expect(waiting).toMatchObject({ ok: false, reason: 'throttled' });
    expect((waiting as { seconds: number }).seconds).toBeLessThanOrEqual(60);
    expect(await signInStaff(a, stranger.email, PASSWORD, nat, later(now, 60_000))).toMatchObject({ ok: true });
    // … and whoever signed in from there before is not held up by the others at all.
    expect(await signInStaff(a, regular.email, PASSWORD, nat, now)).toMatchObject({ ok: true });
    // Sixty-odd sign-ins, each hashing a password: more than the default budget on two busy cores.
  }, 60_000);

  it('rotating through an IPv6 /64 is one address', async () => {
    const u = await createUser(a, 'OPERATOR');
    const now = new Date();
    for (let i = 0; i < BUCKETS.pair.free; i++) await signInStaff(a, u.email, 'nope', `2001:db8:7:7::${(i + 1).toString(16)}`, now);
    expect(await signInStaff(a, u.email, 'nope', '2001:db8:7:7:ffff::1', now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    expect(await signInStaff(a, u.email, PASSWORD, '2001:db8:7:8::1', now)).toMatchObject({ ok: true });
  });
});

describe('concurrent attempts', () => {
  it('a burst of parallel attempts is counted one by one: only the free ones and one more get a password check', async () => {
    const keys = throttleKeys(a.id, 'staff', 'burst@x.test', '198.51.100.80');
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(keys, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(BUCKETS.pair.free + 1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.waitMs === 2_000)).toBe(true);
  });

  it('a success gives its attempt back to the address, and the address counts the others’ failures still', async () => {
    const now = new Date();
    const ip = '198.51.100.81';
    for (let i = 0; i < BUCKETS.address.free; i++) {
      const r = await reserveAttempt(throttleKeys(a.id, 'staff', `user${i}@x.test`, ip), now);
      expect(r.ok).toBe(true);
    }
    const good = await reserveAttempt(throttleKeys(a.id, 'staff', 'good@x.test', ip), now);
    if (!good.ok) throw new Error('expected the attempt to go ahead');
    expect(good.waitIfFailedMs).toBe(1_000);
    await settleAttempt(good, true, now);
    // The success gave back only its own attempt: the 30 failures still count, so the next failure waits.
    const next = await reserveAttempt(throttleKeys(a.id, 'staff', 'other@x.test', ip), now);
    expect(next).toMatchObject({ ok: true, waitIfFailedMs: 1_000 });
  });
});
