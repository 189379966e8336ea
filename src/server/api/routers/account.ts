// One's own account: the staff member's password and sessions, and the portal customer's sessions.
// (Signing out of this one session is Auth.js's sign-out, which revokes it: src/server/auth/index.ts.)
import { anyStaffProcedure, customerProcedure, router } from '@/server/api/trpc';
import * as account from '@/server/services/auth/account';
import { ZChangePassword, ZPasswordChanged } from '@/server/services/auth/account';
import * as sessions from '@/server/services/auth/sessions';
import { ZSignedOut } from '@/server/services/auth/sessions';

export const accountRouter = router({
  /** Change my password (the current one, then a new one under the password policy); ends all my sessions. */
  changePassword: anyStaffProcedure
    .input(ZChangePassword)
    .output(ZPasswordChanged)
    .mutation(({ ctx, input }) => account.changeOwnPassword(ctx.caller, input, ctx.ip)),
  /** Sign out everywhere: every session of mine, on every device, ends. */
  signOutEverywhere: anyStaffProcedure.output(ZSignedOut).mutation(({ ctx }) => sessions.endAllStaffSessions(ctx.caller)),
});

/** The portal's part, under `portal.account`. */
export const portalAccountRouter = router({
  signOutEverywhere: customerProcedure.output(ZSignedOut).mutation(({ ctx }) => sessions.endAllCustomerSessions(ctx.caller)),
});
