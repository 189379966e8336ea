// What the users' procedures answer (.output).
import { z } from 'zod';
import { PERMISSIONS, ROLES, type Permission } from '@/lib/permissions';

export const ZUserRow = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  phone: z.string().nullable(),
  /** The user's own language (es, en, it), or null to follow the tenant's. */
  locale: z.string().nullable(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  /** G2: the partner company the user belongs to (null: the ISP's own staff). */
  companyId: z.uuid().nullable(),
  company: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

/** G6: a technician's base: where their day starts, from which distances are measured without a recent position. */
export const ZUserBaseValue = z.object({ address: z.string(), latitude: z.number(), longitude: z.number() });

/** One staff member's profile, with how many devices receive their push, and their base. */
export const ZUserProfile = ZUserRow.extend({ pushDevices: z.number().int(), base: ZUserBaseValue.nullable() });

export const ZUserBaseSaved = z.object({ id: z.uuid(), base: ZUserBaseValue.nullable() });

export const ZUserActive = z.object({ id: z.uuid(), active: z.boolean() });

/** The signed-in staff member and what the permission map lets them do. */
export const ZMe = z.object({
  kind: z.literal('staff'),
  id: z.uuid(),
  role: z.enum(ROLES),
  name: z.string(),
  email: z.string(),
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]])),
});
