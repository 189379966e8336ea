// A staff member's own account: changing their password. The current password is checked through
// the sign-in throttle (same buckets as signing in), so a stolen session cannot guess it faster than
// the sign-in page could; the new one follows the password policy. Changing it ends every session of
// theirs (this one too: the browser signs in again with the new password, src/components/account).
import { z } from 'zod';
import { AppError, fieldError, notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { hashPassword, verifyPassword } from './passwords';
import { assertPasswordAllowed, PASSWORD_MAX, ZNewPassword } from './password-policy';
import { END_ALL_SESSIONS } from './sessions';
import { staffLogin } from './sign-in';
import { reserveAttempt, settleAttempt, throttleKeys } from './throttle';

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: ZNewPassword,
});

export const ZPasswordChanged = z.object({ changed: z.literal(true) });

/** "Try again in N seconds / minutes", as the sign-in form says it. */
export function throttledError(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return seconds < 60
    ? new AppError('TOO_MANY_REQUESTS', 'throttledSeconds', { seconds })
    : new AppError('TOO_MANY_REQUESTS', 'throttledMinutes', { minutes: Math.ceil(seconds / 60) });
}

export async function changeOwnPassword(caller: StaffCaller, input: z.output<typeof ZChangePassword>, ip: string | null): Promise<z.output<typeof ZPasswordChanged>> {
  const { db, actor, tenantId } = caller;
  const reservation = await reserveAttempt(throttleKeys(tenantId, 'staff', staffLogin(actor.email), ip));
  if (!reservation.ok) throw throttledError(reservation.waitMs);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, email: true, name: true } });
  const valid = await verifyPassword(user?.passwordHash, input.currentPassword);
  await settleAttempt(reservation, valid);
  if (!user) throw notFound();
  if (!valid) throw fieldError('currentPassword', 'validation.currentPasswordWrong');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'validation.passwordUnchanged');
  assertPasswordAllowed(input.newPassword, [user.email, user.name], 'newPassword');
  await db.user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(input.newPassword), ...END_ALL_SESSIONS } });
  return { changed: true };
}
