// Tenant switches kept in Tenant.settings (JSON), with their defaults. Later features add sections.
import { z } from 'zod';

export const PORTAL_LOGIN_FIELDS = ['TAX_ID', 'CODE', 'EMAIL'] as const;
export type PortalLoginField = (typeof PORTAL_LOGIN_FIELDS)[number];

export const ZTenantSettings = z.object({
  portal: z
    .object({
      /** F1: what the customer types as "user" at /portal. */
      loginField: z.enum(PORTAL_LOGIN_FIELDS).default('TAX_ID'),
      /** F2: deleted customers may still sign in. */
      allowDeleted: z.boolean().default(false),
    })
    .prefault({}),
  /** The tenant's color in e-mails and the apps' chrome. */
  branding: z
    .object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#1d5fd6') })
    .prefault({}),
  /** D1/D2: who is told what; each rule can be switched off. */
  notifications: z
    .object({
      /** A ticket assigned to a technician: e-mail to the technician. */
      emailAssignee: z.boolean().default(true),
    })
    .prefault({}),
});

export type TenantSettings = z.infer<typeof ZTenantSettings>;

/** Stored settings with defaults filled in; unknown or broken values fall back to defaults rather than failing sign-in. */
export function readSettings(raw: unknown): TenantSettings {
  const parsed = ZTenantSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZTenantSettings.parse({});
}
