// Ending sessions. Two tools, for two needs:
//   - signing out ends THIS session: its id (the JWT's `sid`) is recorded in RevokedSession until the
//     session would have ended anyway, so a copy of the cookie stops working too, and the person's
//     other devices stay signed in;
//   - the session version (User/Customer.sessionVersion, in the JWT as `sv`) is bumped to end EVERY
//     session of one person at once: "sign out everywhere", a password change, a new portal password,
//     deactivation, a role change, a customer's deletion. The bump is part of the same UPDATE as the
//     change itself, so the two cannot come apart.
// Both are checked by the one query that reloads the caller on every call (./actors.ts).
import { z } from 'zod';
import { scopedDb } from '@/server/data/scoped';
import type { Caller, CustomerActor, StaffCaller } from '@/server/services/caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The update that ends every session of a person, spread into the data of the change that requires it. */
export const END_ALL_SESSIONS = { sessionVersion: { increment: 1 } } as const;

/** Records a signed-out session as ended until `expiresAt`, and forgets the tenant's entries that have expired. */
export async function revokeSession(tenantId: string, sessionId: string, expiresAt: Date, now = new Date()): Promise<void> {
  if (!UUID.test(tenantId) || !UUID.test(sessionId) || expiresAt <= now) return;
  const scoped = scopedDb(tenantId);
  await scoped.revokedSession.createMany({ data: [{ tenantId, sessionId, expiresAt }], skipDuplicates: true });
  await scoped.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

export const ZSignedOut = z.object({ signedOut: z.literal(true) });

/** "Sign out everywhere" for a staff member: every session of theirs, this one included, ends. */
export async function endAllStaffSessions({ db, actor }: StaffCaller): Promise<z.output<typeof ZSignedOut>> {
  await db.user.updateMany({ where: { id: actor.id }, data: END_ALL_SESSIONS });
  return { signedOut: true };
}

/** "Sign out everywhere" in the portal. */
export async function endAllCustomerSessions({ db, actor }: Caller<CustomerActor>): Promise<z.output<typeof ZSignedOut>> {
  await db.customer.updateMany({ where: { id: actor.id }, data: END_ALL_SESSIONS });
  return { signedOut: true };
}
