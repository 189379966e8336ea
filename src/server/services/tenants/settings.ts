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
});

export type TenantSettings = z.infer<typeof ZTenantSettings>;

/** Stored settings with defaults filled in; unknown or broken values fall back to defaults rather than failing sign-in. */
export function readSettings(raw: unknown): TenantSettings {
  const parsed = ZTenantSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZTenantSettings.parse({});
}
