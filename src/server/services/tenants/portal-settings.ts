// Settings → "App y portal" (F1, F2, F8): the portal's address to hand to customers, the login field,
// whether deleted customers get in, the welcome message (shown once) and the info/contact message.
import { z } from 'zod';
import { tenantOrigin } from '@/env';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache } from './resolve';
import { PORTAL_LOGIN_FIELDS, ZPortalMessage } from './settings';

export const ZPortalSettingsUpdate = z
  .object({
    loginField: z.enum(PORTAL_LOGIN_FIELDS),
    allowDeleted: z.boolean(),
    welcomeMessage: ZPortalMessage,
    infoMessage: ZPortalMessage,
  })
  .strict();

export const ZPortalSettingsView = z.object({
  /** What the ISP sends its customers: the portal on the tenant's subdomain. */
  portalUrl: z.string(),
  loginField: z.enum(PORTAL_LOGIN_FIELDS),
  allowDeleted: z.boolean(),
  welcomeMessage: z.string(),
  infoMessage: z.string(),
});

export function getPortalSettings({ tenant }: StaffCaller): z.output<typeof ZPortalSettingsView> {
  const { loginField, allowDeleted, welcomeMessage, infoMessage } = tenant.settings.portal;
  return { portalUrl: `${tenantOrigin(tenant.slug)}/portal`, loginField, allowDeleted, welcomeMessage, infoMessage };
}

export async function updatePortalSettings(caller: StaffCaller, input: z.output<typeof ZPortalSettingsUpdate>): Promise<z.output<typeof ZPortalSettingsView>> {
  const { db, tenant } = caller;
  const settings = { ...tenant.settings, portal: { ...tenant.settings.portal, ...input } };
  await db.tenant.update({ where: { id: tenant.id }, data: { settings } });
  forgetTenantCache();
  return getPortalSettings({ ...caller, tenant: { ...tenant, settings } });
}
