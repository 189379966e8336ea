// Sign-up abuse limits (A1): how many sign-ups one client address may make, and how many
// verification links one sign-up may ask for, per fixed window. Counted in PostgreSQL, so every app
// node shares them. Apart from the sign-in throttle (services/auth/throttle.ts): other counters, no
// lock-out — the window's end is the wait.
import { db } from '@/server/db';
import { AppError } from '@/server/errors';

export type Limit = {
  /** Names the counter (one per limit). */
  name: string;
  /** Uses allowed per window. */
  limit: number;
  windowMs: number;
};

/**
 * Counts one use of `limit` by `subject` (a client address, a sign-up) in the current window and
 * refuses, with TOO_MANY_REQUESTS and the translated `messageKey` (its {minutes} the wait), the use
 * that passes the limit. One upsert (INSERT … ON CONFLICT DO UPDATE, atomic): concurrent calls each
 * get their own count, on any app node. Windows are fixed, aligned to the epoch, so the key says which
 * window it counts and an old window's row is simply not read again (the cleanup deletes it).
 */
export async function takeAllowance(limit: Limit, subject: string, messageKey: string, now = new Date()): Promise<void> {
  const windowStart = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  const expiresAt = new Date(windowStart + limit.windowMs);
  const key = `${limit.name}:${subject}:${windowStart}`;
  const { hits } = await db().signUpLimit.upsert({
    where: { key },
    create: { key, hits: 1, expiresAt },
    update: { hits: { increment: 1 } },
    select: { hits: true },
  });
  if (hits > limit.limit) {
    throw new AppError('TOO_MANY_REQUESTS', messageKey, { minutes: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 60_000)) });
  }
}

/** The subject of a per-address limit: callers whose address is unknown share one counter (limited, not exempt). */
export function addressKey(ip: string | null): string {
  return ip ?? 'unknown';
}
