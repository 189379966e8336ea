// E9: exactly once for changes made offline. A device's queue gives each change a key it makes once;
// the change and its receipt (the key, a hash of the payload, the answer) are written in ONE
// transaction, so either both exist or neither. A repeat of the key — a replay after an answer lost on
// the way back, or two copies racing — answers the first result without applying anything; the same
// key with another payload, or someone else's key, is refused. A change that fails (a conflict, a
// ticket no longer visible) leaves no receipt: the device may retry it or discard it.
import { createHash } from 'node:crypto';
import { AppError } from '@/server/errors';
import type { Prisma } from '@/generated/prisma/client';
import type { ScopedDb } from '@/server/data/scoped';
import type { StaffCaller } from '@/server/services/caller';

type Tx = Parameters<Parameters<ScopedDb['$transaction']>[0]>[0];

/** JSON with its object keys sorted, so the same change always hashes alike. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(createHash('sha256').update(value).digest('hex'));
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function payloadHash(operation: string, payload: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonical(payload)).digest('hex');
}

/**
 * The scoped transaction client standing in for the scoped client: a service's own `$transaction`
 * runs inside the receipt's transaction instead of opening another.
 */
function inside(tx: Tx): ScopedDb {
  return new Proxy(tx as object, {
    get(target, prop, receiver) {
      if (prop === '$transaction') {
        return async (arg: unknown) => {
          if (typeof arg === 'function') return (arg as (t: Tx) => unknown)(tx);
          const results: unknown[] = [];
          for (const step of arg as Promise<unknown>[]) results.push(await step);
          return results;
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as ScopedDb;
}

type Receipt = { userId: string; payloadHash: string; result: Prisma.JsonValue };

function replay<T>(receipt: Receipt, caller: StaffCaller, hash: string): T {
  // Another person's key, or this key with another change: never answered with that change's result.
  if (receipt.userId !== caller.actor.id || receipt.payloadHash !== hash) throw new AppError('CONFLICT', 'syncKeyReused');
  return receipt.result as T;
}

/**
 * Applies `apply` once per `key`: the first time, in a transaction that also records the receipt;
 * any later time, answers the recorded result. The result must be JSON (ids, numbers, strings).
 */
export async function once<T extends Prisma.InputJsonValue>(
  caller: StaffCaller,
  key: string,
  operation: string,
  payload: unknown,
  apply: (caller: StaffCaller) => Promise<T>,
): Promise<T> {
  const { db, tenantId, actor } = caller;
  const hash = payloadHash(operation, payload);
  const where = { tenantId_key: { tenantId, key } };
  const earlier = await db.syncReceipt.findUnique({ where, select: { userId: true, payloadHash: true, result: true } });
  if (earlier) return replay<T>(earlier, caller, hash);
  return db.$transaction(
    async (tx) => {
      // A copy racing this one waits here on the key until the other commits, then inserts nothing.
      const { count } = await tx.syncReceipt.createMany({ data: [{ tenantId, key, userId: actor.id, operation, payloadHash: hash, result: {} }], skipDuplicates: true });
      if (count === 0) {
        const winner = await tx.syncReceipt.findUniqueOrThrow({ where, select: { userId: true, payloadHash: true, result: true } });
        return replay<T>(winner, caller, hash);
      }
      const result = await apply({ ...caller, db: inside(tx) });
      await tx.syncReceipt.update({ where, data: { result } });
      return result;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
