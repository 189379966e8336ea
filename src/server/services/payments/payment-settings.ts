// F9: Settings → "App y portal" → "Pagos": how customers pay from the portal. The Mercado Pago
// access token and webhook secret are the tenant's own; they are stored in Tenant.settings and never
// answered to a browser — the view says only whether each is set (and the token's last characters).
import { z } from 'zod';
import { tenantOrigin } from '@/env';
import { fieldError } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { readSettings, ZPortalMessage, type TenantSettings } from '@/server/services/tenants/settings';

export const PAY_CHARGES = ['FREE', 'DEBT', 'INVOICE'] as const;

/** A credential as typed: no spaces or control characters inside. */
const ZCredential = z.string().trim().max(300).regex(/^[\x21-\x7e]*$/, { message: 'validation.invalid' });

export const ZPaymentSettingsUpdate = z
  .object({
    mercadoPagoEnabled: z.boolean(),
    charge: z.enum(PAY_CHARGES),
    otherMethods: ZPortalMessage,
    /** Absent: keep the stored one; empty: remove it. */
    accessToken: ZCredential.optional(),
    webhookSecret: ZCredential.optional(),
  })
  .strict();

export const ZPaymentSettingsView = z.object({
  mercadoPagoEnabled: z.boolean(),
  charge: z.enum(PAY_CHARGES),
  otherMethods: z.string(),
  accessTokenSet: z.boolean(),
  /** The token's last 4 characters, to tell which one is stored. */
  accessTokenEnd: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  /** What to paste in Mercado Pago's "Webhooks" configuration (the app sends it with each preference too). */
  notificationUrl: z.string(),
});
export type PaymentSettingsView = z.infer<typeof ZPaymentSettingsView>;

/** Mercado Pago is on and has both credentials: the portal shows "Pagar" and the server creates checkouts. */
export function mercadoPagoReady(settings: TenantSettings): boolean {
  const mp = settings.payments.mercadoPago;
  return mp.enabled && !!mp.accessToken && !!mp.webhookSecret;
}

export function notificationUrl(slug: string): string {
  return `${tenantOrigin(slug)}/api/payments/mercadopago/notify`;
}

export function getPaymentSettings({ tenant }: Pick<StaffCaller, 'tenant'>): PaymentSettingsView {
  const p = tenant.settings.payments;
  return {
    mercadoPagoEnabled: p.mercadoPago.enabled,
    charge: p.charge,
    otherMethods: p.otherMethods,
    accessTokenSet: !!p.mercadoPago.accessToken,
    accessTokenEnd: p.mercadoPago.accessToken.length >= 12 ? p.mercadoPago.accessToken.slice(-4) : null,
    webhookSecretSet: !!p.mercadoPago.webhookSecret,
    notificationUrl: notificationUrl(tenant.slug),
  };
}

export async function updatePaymentSettings(caller: StaffCaller, input: z.output<typeof ZPaymentSettingsUpdate>): Promise<PaymentSettingsView> {
  const { db, tenant } = caller;
  // Read fresh and merged: another settings card saved meanwhile keeps its part, and an omitted secret is the stored one.
  const row = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { settings: true } });
  const stored = (row.settings ?? {}) as Record<string, unknown>;
  const current = readSettings(stored).payments.mercadoPago;
  const mercadoPago = {
    enabled: input.mercadoPagoEnabled,
    accessToken: input.accessToken ?? current.accessToken,
    webhookSecret: input.webhookSecret ?? current.webhookSecret,
  };
  if (mercadoPago.enabled && !mercadoPago.accessToken) throw fieldError('accessToken', 'portalHome.credentialsMissing');
  if (mercadoPago.enabled && !mercadoPago.webhookSecret) throw fieldError('webhookSecret', 'portalHome.credentialsMissing');
  const payments = { charge: input.charge, otherMethods: input.otherMethods, mercadoPago };
  const settings = { ...stored, payments };
  await db.tenant.update({ where: { id: tenant.id }, data: { settings } });
  forgetTenantCache();
  return getPaymentSettings({ tenant: { ...tenant, settings: { ...tenant.settings, payments } } });
}
