import { z } from 'zod';
import { publicProcedure, router, staffProcedure } from '@/server/api/trpc';
import { AppError } from '@/server/errors';
import { env, tenantOrigin } from '@/env';
import { classifyHost } from '@/server/services/tenants/resolve';
import * as tenants from '@/server/services/tenants/tenants';
import { ZTenantSettingsSaved, ZTenantSettingsUpdate, ZTenantSettingsView, ZTenantSignUp } from '@/server/services/tenants/tenants';
import { createHandoffToken } from '@/server/services/auth/sign-in';
import * as notificationSettings from '@/server/services/tenants/notification-settings';
import { ZNotificationSettings, ZNotificationSettingsView } from '@/server/services/tenants/notification-settings';

export const tenantsRouter = router({
  /** A1: self-service sign-up of a new ISP, on the root domain only. Answers where to go to be signed in. */
  signUp: publicProcedure.input(ZTenantSignUp).output(z.object({ slug: z.string(), signInUrl: z.string() })).mutation(async ({ ctx, input }) => {
    if (!ctx.host || classifyHost(ctx.host, env().ROOT_DOMAIN).kind !== 'root') throw new AppError('NOT_FOUND', 'notFound');
    const { tenant, admin } = await tenants.createTenant(input);
    const token = await createHandoffToken(tenant.id, admin.id);
    return { slug: tenant.slug, signInUrl: `${tenantOrigin(tenant.slug)}/auth/handoff?token=${encodeURIComponent(token)}` };
  }),
  settings: staffProcedure('settings.read').output(ZTenantSettingsView).query(({ ctx }) => tenants.getTenantSettings(ctx.caller)),
  updateSettings: staffProcedure('settings.manage')
    .input(ZTenantSettingsUpdate)
    .output(ZTenantSettingsSaved)
    .mutation(({ ctx, input }) => tenants.updateTenantSettings(ctx.caller, input)),
  /** D1/D2/E8: who is told what, and the technicians' push settings. */
  notificationSettings: staffProcedure('settings.read').output(ZNotificationSettingsView).query(({ ctx }) => notificationSettings.getNotificationSettings(ctx.caller)),
  updateNotificationSettings: staffProcedure('settings.manage')
    .input(ZNotificationSettings)
    .output(ZNotificationSettingsView)
    .mutation(({ ctx, input }) => notificationSettings.updateNotificationSettings(ctx.caller, input)),
});
