import { publicProcedure, router, staffProcedure } from '@/server/api/trpc';
import { AppError } from '@/server/errors';
import { env, tenantOrigin } from '@/env';
import { classifyHost } from '@/server/services/tenants/resolve';
import * as tenants from '@/server/services/tenants/tenants';
import { ZTenantSettingsUpdate, ZTenantSignUp } from '@/server/services/tenants/tenants';
import { createHandoffToken } from '@/server/services/auth/sign-in';
import * as notificationSettings from '@/server/services/tenants/notification-settings';
import { ZNotificationSettings } from '@/server/services/tenants/notification-settings';

export const tenantsRouter = router({
  /** A1: self-service sign-up of a new ISP, on the root domain only. Answers where to go to be signed in. */
  signUp: publicProcedure.input(ZTenantSignUp).mutation(async ({ ctx, input }) => {
    if (!ctx.host || classifyHost(ctx.host, env().ROOT_DOMAIN).kind !== 'root') throw new AppError('NOT_FOUND', 'notFound');
    const { tenant, admin } = await tenants.createTenant(input);
    const token = await createHandoffToken(tenant.id, admin.id);
    return { slug: tenant.slug, signInUrl: `${tenantOrigin(tenant.slug)}/auth/handoff?token=${encodeURIComponent(token)}` };
  }),
  settings: staffProcedure('settings.read').query(({ ctx }) => tenants.getTenantSettings(ctx.caller)),
  updateSettings: staffProcedure('settings.manage')
    .input(ZTenantSettingsUpdate)
    .mutation(({ ctx, input }) => tenants.updateTenantSettings(ctx.caller, input)),
  /** D1/D2/E8: who is told what, and the technicians' push settings. */
  notificationSettings: staffProcedure('settings.read').query(({ ctx }) => notificationSettings.getNotificationSettings(ctx.caller)),
  updateNotificationSettings: staffProcedure('settings.manage')
    .input(ZNotificationSettings)
    .mutation(({ ctx, input }) => notificationSettings.updateNotificationSettings(ctx.caller, input)),
});
