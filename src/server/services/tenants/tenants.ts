// A1: creating a tenant (self-service sign-up, the demo seed, tests) and editing its settings.
import { z } from 'zod';
import { db } from '@/server/db';
import { COUNTRIES, COUNTRY_CODES, CURRENCIES, isValidTimeZone, type Country } from '@/lib/countries';
import { LOCALES } from '@/lib/format';
import { fieldError, uniqueViolationFields } from '@/server/errors';
import { hashPassword } from '@/server/services/auth/passwords';
import { assertPasswordAllowed } from '@/server/services/auth/password-policy';
import { ZEmail } from '@/server/services/customers/schemas';
import { ZPassword } from '@/server/services/users/users';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache, SLUG_PATTERN, toTenantInfo } from './resolve';
import { createDefaultTicketConfig } from '@/server/services/tickets/defaults';
import { PORTAL_LOGIN_FIELDS, ZSmsSender, ZTenantSettings } from './settings';
import { smsConfigured } from '@/server/notifications/sms-setup';

/** Subdomains that name the product, not a tenant. */
export const RESERVED_SLUGS = new Set(['www', 'app', 'api', 'admin', 'mail', 'static', 'assets', 'portal', 'tech', 'status', 'help', 'docs', 'antena']);

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, { message: 'validation.slug' })
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'validation.slugReserved' });

export const ZTenantSignUp = z.object({
  name: z.string().trim().min(2).max(120),
  slug: ZSlug,
  country: z.enum(COUNTRY_CODES as [Country, ...Country[]]),
  adminName: z.string().trim().min(2).max(120),
  adminEmail: ZEmail,
  adminPassword: ZPassword,
});

export async function createTenant(input: z.output<typeof ZTenantSignUp> & { locale?: string }) {
  const defaults = COUNTRIES[input.country];
  assertPasswordAllowed(input.adminPassword, [input.adminEmail, input.adminName, input.slug], 'adminPassword');
  const passwordHash = await hashPassword(input.adminPassword);
  try {
    return await db().$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          slug: input.slug,
          name: input.name,
          country: input.country,
          locale: input.locale ?? defaults.locale,
          timeZone: defaults.timeZone,
          currency: defaults.currency,
          settings: ZTenantSettings.parse({}),
        },
      });
      const admin = await tx.user.create({
        data: { tenantId: tenant.id, name: input.adminName, email: input.adminEmail, role: 'ADMIN', passwordHash, locale: tenant.locale },
        select: { id: true, email: true, name: true },
      });
      await createDefaultTicketConfig(tx, tenant.id);
      return { tenant: toTenantInfo(tenant), admin };
    });
  } catch (error) {
    if (uniqueViolationFields(error)) throw fieldError('slug', 'validation.slugTaken', undefined, 'CONFLICT');
    throw error;
  }
}

export const ZTenantSettingsUpdate = z.object({
  name: z.string().trim().min(2).max(120),
  country: z.enum(COUNTRY_CODES as [Country, ...Country[]]),
  locale: z.enum(LOCALES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'validation.timeZone' }),
  currency: z.enum(CURRENCIES),
  portal: z.object({ loginField: z.enum(PORTAL_LOGIN_FIELDS), allowDeleted: z.boolean() }),
  /** D6: the tenant's SMS; left out, it stays as it was. */
  sms: z
    .object({ enabled: z.boolean(), from: ZSmsSender.or(z.literal('')) })
    .refine((sms) => !sms.enabled || sms.from !== '', { message: 'validation.smsSenderRequired', path: ['from'] })
    .optional(),
});

export function getTenantSettings({ tenant }: StaffCaller) {
  return {
    slug: tenant.slug,
    name: tenant.name,
    country: tenant.country,
    locale: tenant.locale,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    portal: tenant.settings.portal,
    sms: tenant.settings.sms,
    /** The installation has an SMS account (TWILIO_*): without one a tenant's switch sends nothing. */
    smsProvider: smsConfigured(),
  };
}

export async function updateTenantSettings({ db: scoped, tenant }: StaffCaller, input: z.output<typeof ZTenantSettingsUpdate>) {
  const { portal, sms, ...fields } = input;
  const settings = { ...tenant.settings, portal, ...(sms ? { sms } : {}) };
  await scoped.tenant.update({ where: { id: tenant.id }, data: { ...fields, settings } });
  forgetTenantCache();
  return { ...fields, portal, sms: settings.sms };
}
