// F2/F8/F12: the portal's access (asking for a link or a code, setting the password with it — before
// signing in, so on the tenant rung) and the signed-in customer's profile and messages.
import { customerProcedure, router, tenantProcedure } from '@/server/api/trpc';
import * as access from '@/server/services/portal/access';
import { ZAccessRequest, ZAccessRequested, ZPasswordSet, ZSetPasswordWithCode, ZSetPasswordWithLink } from '@/server/services/portal/access';
import * as profile from '@/server/services/portal/profile';
import { ZAddEmail, ZAddPhone, ZPortalChangePassword, ZPortalMessages, ZPortalPasswordChanged, ZPortalProfile, ZWelcomeSeen } from '@/server/services/portal/profile';

/** Before signing in: the answer never tells whether an account exists. */
export const portalAccessRouter = router({
  /** "Primer ingreso / olvidé mi contraseña": a link by e-mail, or a code by SMS, if the login names a customer. */
  request: tenantProcedure.input(ZAccessRequest).output(ZAccessRequested).mutation(({ ctx, input }) => access.requestAccess(ctx.tenant, input, ctx.ip)),
  /** The e-mailed link's token and a new password; the link works once. */
  setPassword: tenantProcedure.input(ZSetPasswordWithLink).output(ZPasswordSet).mutation(({ ctx, input }) => access.setPasswordWithLink(ctx.tenant, input)),
  /** The SMS's code, the login and a new password; the code works once. */
  setPasswordWithCode: tenantProcedure.input(ZSetPasswordWithCode).output(ZPasswordSet).mutation(({ ctx, input }) => access.setPasswordWithCode(ctx.tenant, input, ctx.ip)),
});

/** F12: the signed-in customer's own data; no input names a customer. */
export const portalProfileRouter = router({
  get: customerProcedure.output(ZPortalProfile).query(({ ctx }) => profile.getProfile(ctx.caller)),
  addEmail: customerProcedure.input(ZAddEmail).output(ZPortalProfile).mutation(({ ctx, input }) => profile.addEmail(ctx.caller, input)),
  addPhone: customerProcedure.input(ZAddPhone).output(ZPortalProfile).mutation(({ ctx, input }) => profile.addPhone(ctx.caller, input)),
  /** The current password, then a new one under the policy; ends every session of the customer's. */
  changePassword: customerProcedure.input(ZPortalChangePassword).output(ZPortalPasswordChanged).mutation(({ ctx, input }) => profile.changePassword(ctx.caller, input, ctx.ip)),
});

/** F8: the tenant's welcome (until shown once) and info messages. */
export const portalMessagesRouter = router({
  get: customerProcedure.output(ZPortalMessages).query(({ ctx }) => profile.portalMessages(ctx.caller)),
  /** The portal showed the welcome message: never again for this customer. */
  welcomeSeen: customerProcedure.output(ZWelcomeSeen).mutation(({ ctx }) => profile.markWelcomeSeen(ctx.caller)),
});
