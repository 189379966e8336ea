import { publicProcedure, router, staffProcedure, type Context } from '@/server/api/trpc';
import { AppError } from '@/server/errors';
import { env } from '@/env';
import { classifyHost } from '@/server/services/tenants/resolve';
import * as tenants from '@/server/services/tenants/tenants';
import { ZTenantSettingsSaved, ZTenantSettingsUpdate, ZTenantSettingsView, ZTenantSignUp } from '@/server/services/tenants/tenants';
import * as signUps from '@/server/services/tenants/sign-up';
import { ZResendResult, ZResendVerification, ZSignUpResult } from '@/server/services/tenants/sign-up';
import * as portalSettings from '@/server/services/tenants/portal-settings';
import { ZPortalSettingsUpdate, ZPortalSettingsView } from '@/server/services/tenants/portal-settings';
import * as portalInvoiceSettings from '@/server/services/tenants/portal-invoice-settings';
import { ZPortalInvoiceSettings } from '@/server/services/tenants/portal-invoice-settings';
import * as notificationSettings from '@/server/services/tenants/notification-settings';
import { ZNotificationSettings, ZNotificationSettingsView } from '@/server/services/tenants/notification-settings';

/** Sign-up lives on the root domain only; on any other host these procedures do not exist. */
function onRootDomain(ctx: Context) {
  if (!ctx.host || classifyHost(ctx.host, env().ROOT_DOMAIN).kind !== 'root') throw new AppError('NOT_FOUND', 'notFound');
  return { ip: ctx.ip, locale: ctx.locale };
}

export const tenantsRouter = router({
  /**
   * A1: self-service sign-up of a new ISP. The tenant waits, not live, until its admin follows the
   * link e-mailed to them (or, with no e-mail provider, written to the server's log: `delivery`).
   */
  signUp: publicProcedure
    .input(ZTenantSignUp)
    .output(ZSignUpResult)
    .mutation(({ ctx, input }) => signUps.signUp(input, onRootDomain(ctx))),
  /** A1: the verification link again, for a sign-up still waiting (its subdomain and admin's address). */
  resendVerification: publicProcedure
    .input(ZResendVerification)
    .output(ZResendResult)
    .mutation(({ ctx, input }) => signUps.resendVerification(input, onRootDomain(ctx))),
  settings: staffProcedure('settings.read').output(ZTenantSettingsView).query(({ ctx }) => tenants.getTenantSettings(ctx.caller)),
  updateSettings: staffProcedure('settings.manage')
    .input(ZTenantSettingsUpdate)
    .output(ZTenantSettingsSaved)
    .mutation(({ ctx, input }) => tenants.updateTenantSettings(ctx.caller, input)),
  /** Settings → "App y portal" (F1, F2, F8): the portal's address, login field, deleted customers, welcome and info messages. */
  portalSettings: staffProcedure('settings.read').output(ZPortalSettingsView).query(({ ctx }) => portalSettings.getPortalSettings(ctx.caller)),
  updatePortalSettings: staffProcedure('settings.manage')
    .input(ZPortalSettingsUpdate)
    .output(ZPortalSettingsView)
    .mutation(({ ctx, input }) => portalSettings.updatePortalSettings(ctx.caller, input)),
  /** Settings → "App y portal" (F4): the account statement and invoice downloads in the portal. */
  portalInvoiceSettings: staffProcedure('settings.read').output(ZPortalInvoiceSettings).query(({ ctx }) => portalInvoiceSettings.getPortalInvoiceSettings(ctx.caller)),
  updatePortalInvoiceSettings: staffProcedure('settings.manage')
    .input(ZPortalInvoiceSettings)
    .output(ZPortalInvoiceSettings)
    .mutation(({ ctx, input }) => portalInvoiceSettings.updatePortalInvoiceSettings(ctx.caller, input)),
  /** D1/D2/E8: who is told what, and the technicians' push settings. */
  notificationSettings: staffProcedure('settings.read').output(ZNotificationSettingsView).query(({ ctx }) => notificationSettings.getNotificationSettings(ctx.caller)),
  updateNotificationSettings: staffProcedure('settings.manage')
    .input(ZNotificationSettings)
    .output(ZNotificationSettingsView)
    .mutation(({ ctx, input }) => notificationSettings.updateNotificationSettings(ctx.caller, input)),
});
