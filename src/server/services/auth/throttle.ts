// Failed sign-in throttling, per account and per IP, in PostgreSQL so every app node shares it.
// An account locks after ACCOUNT_LIMIT failures within the window; an IP after IP_LIMIT.
import { db } from '@/server/db';

export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 30;

export type ThrottleKeys = { account: string; ip: string | null };

export function throttleKeys(tenantId: string, kind: 'staff' | 'customer', login: string, ip: string | null): ThrottleKeys {
  return { account: `acct:${tenantId}:${kind}:${login.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

function keysOf(keys: ThrottleKeys): string[] {
  return [keys.account, ...(keys.ip ? [keys.ip] : [])];
}

/** Minutes until the caller may try again, or 0 when not locked. */
export async function lockedMinutes(keys: ThrottleKeys, now = new Date()): Promise<number> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keysOf(keys) }, lockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - now.getTime()) / 60_000) : 0;
}

/** Counts a failure atomically (one statement per key, safe under concurrent attempts). */
export async function recordFailure(keys: ThrottleKeys, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  for (const key of keysOf(keys)) {
    const limit = key.startsWith('ip:') ? IP_LIMIT : ACCOUNT_LIMIT;
    await db().$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "lockedUntil")
      VALUES (${key}, 1, ${now}, NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "LoginThrottle"."windowStart" END,
        "lockedUntil" = CASE
          WHEN "LoginThrottle"."windowStart" >= ${windowStart} AND "LoginThrottle"."failures" + 1 >= ${limit} THEN ${lockedUntil}
          ELSE "LoginThrottle"."lockedUntil" END`;
  }
}

/** A successful sign-in clears the account's counter (not the IP's). */
export async function clearAccount(keys: ThrottleKeys): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.account } });
}
