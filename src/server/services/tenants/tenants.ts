// A1: creating a tenant (self-service sign-up, the demo seed, tests) and editing its settings.
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { COUNTRIES, COUNTRY_CODES, CURRENCIES, isValidTimeZone, type Country } from '@/lib/countries';
import { LOCALES } from '@/lib/format';
import { slugProblem, slugSkeleton } from '@/lib/slugs';
import { AppError, fieldError, uniqueViolationFields } from '@/server/errors';
import { hashPassword } from '@/server/services/auth/passwords';
import { assertPasswordAllowed } from '@/server/services/auth/password-policy';
import { ZEmail } from '@/server/services/customers/schemas';
import { ZPassword } from '@/server/services/users/users';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache, toTenantInfo } from './resolve';
import { createDefaultTicketConfig } from '@/server/services/tickets/defaults';
import { PORTAL_LOGIN_FIELDS, ZSmsSender, ZTenantSettings } from './settings';
import { smsConfigured } from '@/server/notifications/sms-setup';

/** A subdomain a new tenant may take (src/lib/slugs.ts), each refusal with its own translated reason. */
export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.${problem.key}`, params: 'params' in problem ? problem.params : undefined });
  });

export const ZTenantSignUp = z.object({
  name: z.string().trim().min(2).max(120),
  slug: ZSlug,
  country: z.enum(COUNTRY_CODES as [Country, ...Country[]]),
  adminName: z.string().trim().min(2).max(120),
  adminEmail: ZEmail,
  adminPassword: ZPassword,
});

export type NewTenant = Omit<z.output<typeof ZTenantSignUp>, 'adminPassword'> & { passwordHash: string; locale?: string };

/**
 * Writes a tenant, its first admin and its default configuration within `tx`: live when `verifiedAt`
 * is given, else a sign-up pending until `expiresAt`. Its slug's skeleton is unique in the database,
 * so no path that creates tenants can make look-alikes.
 */
export async function insertTenant(tx: Prisma.TransactionClient, input: NewTenant, state: { verifiedAt: Date; expiresAt?: never } | { verifiedAt: null; expiresAt: Date }) {
  const defaults = COUNTRIES[input.country];
  const tenant = await tx.tenant.create({
    data: {
      slug: input.slug,
      slugSkeleton: slugSkeleton(input.slug),
      verifiedAt: state.verifiedAt,
      expiresAt: state.expiresAt ?? null,
      name: input.name,
      country: input.country,
      locale: input.locale ?? defaults.locale,
      timeZone: defaults.timeZone,
      currency: defaults.currency,
      settings: ZTenantSettings.parse({}),
    },
  });
  const admin = await tx.user.create({
    data: { tenantId: tenant.id, name: input.adminName, email: input.adminEmail, role: 'ADMIN', passwordHash: input.passwordHash, locale: tenant.locale },
    select: { id: true, email: true, name: true },
  });
  await createDefaultTicketConfig(tx, tenant.id);
  return { tenant: toTenantInfo(tenant), admin };
}

/**
 * The slug field's error when a live tenant, or a sign-up not yet expired, holds `slug` or a look-alike
 * of it; null when it is free. Expired sign-ups hold nothing: the one taking their slug deletes them.
 */
export async function slugHolderError(slug: string, now = new Date()): Promise<AppError | null> {
  const holder = await db().tenant.findFirst({
    where: { OR: [{ slug }, { slugSkeleton: slugSkeleton(slug) }], NOT: { verifiedAt: null, expiresAt: { lte: now } } },
    select: { slug: true },
  });
  if (!holder) return null;
  if (holder.slug === slug) return fieldError('slug', 'validation.slugTaken', undefined, 'CONFLICT');
  return fieldError('slug', 'validation.slugConfusable', { slug: holder.slug }, 'CONFLICT');
}

/** A tenant insert's unique violation (another sign-up took the slug or a look-alike meanwhile) as the slug field's error. */
export async function slugConflict(error: unknown, slug: string): Promise<AppError | null> {
  if (!uniqueViolationFields(error)) return null;
  return (await slugHolderError(slug)) ?? fieldError('slug', 'validation.slugTaken', undefined, 'CONFLICT');
}

/**
 * A tenant's creation is a dozen statements and rare (sign-ups are limited per address): on a busy
 * database it may wait longer than Prisma's defaults (2 s to start, 5 s to finish) rather than fail.
 */
export const CREATE_TENANT_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

/**
 * A live tenant at once, for the product's own callers: the demo seed, the end-to-end seed, tests.
 * People sign up through sign-up.ts (refused slugs, limits, e-mail verification).
 */
export async function createTenant(input: z.output<typeof ZTenantSignUp> & { locale?: string }) {
  const { adminPassword, ...fields } = input;
  assertPasswordAllowed(adminPassword, [input.adminEmail, input.adminName, input.slug], 'adminPassword');
  const passwordHash = await hashPassword(adminPassword);
  try {
    return await db().$transaction((tx) => insertTenant(tx, { ...fields, passwordHash }, { verifiedAt: new Date() }), CREATE_TENANT_TRANSACTION);
  } catch (error) {
    throw (await slugConflict(error, input.slug)) ?? error;
  }
}

export const ZTenantSettingsUpdate = z.object({
  name: z.string().trim().min(2).max(120),
  country: z.enum(COUNTRY_CODES as [Country, ...Country[]]),
  locale: z.enum(LOCALES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'validation.timeZone' }),
  currency: z.enum(CURRENCIES),
  /** F1/F2 (also on Settings → "App y portal", tenants.updatePortalSettings); left out, they stay as they were. */
  portal: z.object({ loginField: z.enum(PORTAL_LOGIN_FIELDS), allowDeleted: z.boolean() }).optional(),
  /** D6: the tenant's SMS; left out, it stays as it was. */
  sms: z
    .object({ enabled: z.boolean(), from: ZSmsSender.or(z.literal('')) })
    .refine((sms) => !sms.enabled || sms.from !== '', { message: 'validation.smsSenderRequired', path: ['from'] })
    .optional(),
});

const ZSmsSettings = z.object({ enabled: z.boolean(), from: z.string() });
const ZPortalSettings = z.object({ loginField: z.enum(PORTAL_LOGIN_FIELDS), allowDeleted: z.boolean() });

/** The tenant's own settings page. */
export const ZTenantSettingsView = z.object({
  slug: z.string(),
  name: z.string(),
  country: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  portal: ZPortalSettings,
  sms: ZSmsSettings,
  smsProvider: z.boolean(),
});
export const ZTenantSettingsSaved = ZTenantSettingsView.omit({ slug: true, smsProvider: true });

export function getTenantSettings({ tenant }: StaffCaller) {
  return {
    slug: tenant.slug,
    name: tenant.name,
    country: tenant.country,
    locale: tenant.locale,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    portal: { loginField: tenant.settings.portal.loginField, allowDeleted: tenant.settings.portal.allowDeleted },
    sms: tenant.settings.sms,
    /** The installation has an SMS account (TWILIO_*): without one a tenant's switch sends nothing. */
    smsProvider: smsConfigured(),
  };
}

export async function updateTenantSettings({ db: scoped, tenant }: StaffCaller, input: z.output<typeof ZTenantSettingsUpdate>) {
  const { portal, sms, ...fields } = input;
  // Merged: the portal's messages (F8) are saved apart and must survive this form's save.
  const settings = { ...tenant.settings, portal: { ...tenant.settings.portal, ...portal }, ...(sms ? { sms } : {}) };
  await scoped.tenant.update({ where: { id: tenant.id }, data: { ...fields, settings } });
  forgetTenantCache();
  return { ...fields, portal: { loginField: settings.portal.loginField, allowDeleted: settings.portal.allowDeleted }, sms: settings.sms };
}
