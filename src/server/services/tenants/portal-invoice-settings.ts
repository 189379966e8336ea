// Settings → "App y portal" (F4): whether customers see their account statement, and may view and
// download their invoices' PDFs.
import { z } from 'zod';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache } from './resolve';

export const ZPortalInvoiceSettings = z.object({ showStatement: z.boolean(), allowDownload: z.boolean() }).strict();

export function getPortalInvoiceSettings({ tenant }: StaffCaller): z.output<typeof ZPortalInvoiceSettings> {
  return { ...tenant.settings.portalInvoices };
}

export async function updatePortalInvoiceSettings(caller: StaffCaller, input: z.output<typeof ZPortalInvoiceSettings>): Promise<z.output<typeof ZPortalInvoiceSettings>> {
  const { db, tenant } = caller;
  const settings = { ...tenant.settings, portalInvoices: { ...input } };
  await db.tenant.update({ where: { id: tenant.id }, data: { settings } });
  forgetTenantCache();
  return { ...input };
}
