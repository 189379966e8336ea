// Failed sign-ins slow the next attempt down, exponentially, instead of locking anything: in
// PostgreSQL, so every app node shares it. An attempt is counted in up to three buckets:
//   - pair: this account from this address (an IPv6 /64 counts as one address) — one attacker on one
//     account is slowed to one guess per 15 minutes;
//   - account: this account from any address it has not signed in from — many addresses on one
//     account are slowed too, but never more than 5 minutes per attempt;
//   - address: every account from this address — a noisy address (an office or a carrier's NAT) is
//     slowed to one attempt a minute, not locked.
// An address the account signed in from in the last 30 days is known: its attempts count only in
// their pair, so the owner's own sign-in keeps working while strangers are slowed. Waiting out a
// delay costs nothing and extends nothing; only attempts whose password was checked count.
//
// The attempt is counted before the password is checked (reserveAttempt, one transaction with the
// rows locked), so a burst of parallel attempts cannot all pass one open slot; a success gives it
// back (settleAttempt).
import { Prisma } from '@/generated/prisma/client';
import { installationSql } from '@/server/data/sql';
import { db } from '@/server/db';
import { canonicalAddress } from '@/server/client-address';

export type Bucket = {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after the first failure past `free`; each further failure doubles it … */
  baseMs: number;
  /** … up to this. */
  capMs: number;
  /** A bucket quiet this long starts again from zero. */
  resetMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKETS = {
  pair: { free: 5, baseMs: 2_000, capMs: 15 * MINUTE, resetMs: DAY },
  account: { free: 10, baseMs: 2_000, capMs: 5 * MINUTE, resetMs: DAY },
  address: { free: 30, baseMs: 1_000, capMs: MINUTE, resetMs: HOUR },
} as const satisfies Record<string, Bucket>;

export type BucketName = keyof typeof BUCKETS;

/** How long a successful sign-in makes its address known to the account. */
export const KNOWN_ADDRESS_MS = 30 * DAY;

export type BucketState = { failures: number; lastFailureAt: Date | null };

/** Failures that still count at `now`: none once the bucket has been quiet for its reset time. */
export function liveFailures(state: BucketState, bucket: Bucket, now: Date): number {
  if (!state.lastFailureAt || now.getTime() - state.lastFailureAt.getTime() >= bucket.resetMs) return 0;
  return state.failures;
}

/** The wait that `failures` failures impose after the last one: 0 within the free ones, then doubling up to the cap. */
export function delayAfter(failures: number, bucket: Bucket): number {
  if (failures <= bucket.free) return 0;
  return Math.min(bucket.capMs, bucket.baseMs * 2 ** (failures - bucket.free - 1));
}

/** Milliseconds until this bucket lets the next attempt through (0: now). */
export function waitMs(state: BucketState, bucket: Bucket, now: Date): number {
  const failures = liveFailures(state, bucket, now);
  if (failures === 0 || !state.lastFailureAt) return 0;
  return Math.max(0, state.lastFailureAt.getTime() + delayAfter(failures, bucket) - now.getTime());
}

/** The bucket after one more failure at `now`. */
export function afterFailure(state: BucketState, bucket: Bucket, now: Date): BucketState {
  return { failures: liveFailures(state, bucket, now) + 1, lastFailureAt: now };
}

/**
 * An address as the buckets key it: IPv4 as is, IPv6 by its /64 — one subscriber's whole prefix, so
 * rotating through the 2^64 addresses of a home connection gains nothing.
 */
export function addressKey(address: string): string {
  const canonical = canonicalAddress(address);
  if (!canonical.includes(':')) return canonical;
  const groups = expandIpv6(canonical);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : canonical;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail as two), or null if it is not one. */
function expandIpv6(address: string): string[] | null {
  let text = address.split('%')[0]!;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

export type ThrottleKeys = { account: string; pair: string | null; address: string | null };

/**
 * The buckets of an attempt. `login` is the login exactly as it is looked up (normalized by the
 * caller with the same function as the lookup), so one account is one bucket however it is typed.
 * `realm` separates what the login names: staff e-mails, or a portal's tax ids, codes or e-mails.
 */
export function throttleKeys(tenantId: string, realm: string, login: string, ip: string | null): ThrottleKeys {
  const account = `acct:${tenantId}:${realm}:${login}`;
  const address = ip ? addressKey(ip) : null;
  return { account, pair: address ? `pair:${tenantId}:${realm}:${login}@${address}` : null, address: address ? `ip:${address}` : null };
}

type Row = { key: string; failures: number; lastFailureAt: Date | null; lastSuccessAt: Date | null };

/** An attempt that may go ahead, the buckets it was counted in, and the wait its failure would impose. */
export type Reservation = { ok: true; keys: ThrottleKeys; counted: { key: string; bucket: BucketName }[]; waitIfFailedMs: number };
export type Refusal = { ok: false; waitMs: number };

/** The buckets that apply: only the pair's when the address is known to the account. */
function applicable(keys: ThrottleKeys, rows: Map<string, Row>, now: Date): { key: string; bucket: BucketName }[] {
  const pair = keys.pair ? rows.get(keys.pair) : undefined;
  const known = Boolean(pair?.lastSuccessAt && now.getTime() - pair.lastSuccessAt.getTime() < KNOWN_ADDRESS_MS);
  const all: { key: string | null; bucket: BucketName }[] = [
    { key: keys.pair, bucket: 'pair' },
    { key: known ? null : keys.account, bucket: 'account' },
    { key: known ? null : keys.address, bucket: 'address' },
  ];
  return all.filter((b): b is { key: string; bucket: BucketName } => b.key !== null);
}

const stateOf = (row: Row | undefined): BucketState => ({ failures: row?.failures ?? 0, lastFailureAt: row?.lastFailureAt ?? null });

/**
 * Asks to attempt a sign-in: refused (with the wait) while any bucket that applies is waiting;
 * otherwise counted in them as a failure until settled. One transaction with the rows locked in
 * key order, so concurrent attempts are counted one after the other and never deadlock.
 */
export async function reserveAttempt(keys: ThrottleKeys, now = new Date()): Promise<Reservation | Refusal> {
  await purgeOccasionally(now);
  const all = [keys.pair, keys.account, keys.address].filter((k): k is string => k !== null).sort();
  return db().$transaction(async (tx) => {
    await installationSql.execute(tx, Prisma.sql`
      INSERT INTO "LoginThrottle" ("key", "updatedAt") SELECT k, ${now} FROM unnest(${all}::text[]) AS k ORDER BY k
      ON CONFLICT ("key") DO NOTHING`);
    const found = await installationSql.query<Row[]>(tx, Prisma.sql`
      SELECT "key", "failures", "lastFailureAt", "lastSuccessAt" FROM "LoginThrottle"
      WHERE "key" = ANY(${all}::text[]) ORDER BY "key" FOR UPDATE`);
    const rows = new Map(found.map((r) => [r.key, r]));
    const counted = applicable(keys, rows, now);
    const wait = Math.max(0, ...counted.map(({ key, bucket }) => waitMs(stateOf(rows.get(key)), BUCKETS[bucket], now)));
    if (wait > 0) return { ok: false as const, waitMs: wait };
    let waitIfFailedMs = 0;
    for (const { key, bucket } of counted) {
      const next = afterFailure(stateOf(rows.get(key)), BUCKETS[bucket], now);
      waitIfFailedMs = Math.max(waitIfFailedMs, delayAfter(next.failures, BUCKETS[bucket]));
      await installationSql.execute(tx, Prisma.sql`
        UPDATE "LoginThrottle" SET "failures" = ${next.failures}, "lastFailureAt" = ${now}, "updatedAt" = ${now} WHERE "key" = ${key}`);
    }
    return { ok: true as const, keys, counted, waitIfFailedMs };
  });
}

/**
 * The attempt's outcome. A failure stays counted. A success clears the account's buckets it was
 * counted in and makes the address known to the account; the address bucket only gets this attempt
 * back (one good password must not wipe out a noisy address's failures on other accounts).
 */
export async function settleAttempt(reservation: Reservation, success: boolean, now = new Date()): Promise<void> {
  if (!success) return;
  const counted = new Set(reservation.counted.map((c) => c.bucket));
  const { pair, account, address } = reservation.keys;
  await db().$transaction(async (tx) => {
    if (pair) {
      await installationSql.execute(tx, Prisma.sql`
        UPDATE "LoginThrottle" SET "failures" = 0, "lastFailureAt" = NULL, "lastSuccessAt" = ${now}, "updatedAt" = ${now} WHERE "key" = ${pair}`);
    }
    if (counted.has('account')) {
      await installationSql.execute(tx, Prisma.sql`UPDATE "LoginThrottle" SET "failures" = 0, "lastFailureAt" = NULL, "updatedAt" = ${now} WHERE "key" = ${account}`);
    }
    if (address && counted.has('address')) {
      await installationSql.execute(tx, Prisma.sql`UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0), "updatedAt" = ${now} WHERE "key" = ${address}`);
    }
  });
}

/** Rows untouched for longer than any bucket remembers, or an address stays known, are removed — at most once an hour per process. */
const PURGE_EVERY_MS = HOUR;
const FORGET_AFTER_MS = KNOWN_ADDRESS_MS + DAY;
let lastPurge = 0;

async function purgeOccasionally(now: Date): Promise<void> {
  if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now.getTime();
  await installationSql.execute(db(), Prisma.sql`DELETE FROM "LoginThrottle" WHERE "updatedAt" < ${new Date(now.getTime() - FORGET_AFTER_MS)}`);
}
