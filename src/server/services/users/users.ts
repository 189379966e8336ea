// Staff users of a tenant (A2): admins create them, change their role and deactivate them.
// Only admins manage users and no admin may deactivate or demote themselves, so a tenant always
// keeps at least one active admin. A new password, a role change or deactivation ends the user's
// open sessions (their session version is bumped in the same UPDATE).
import { z } from 'zod';
import { ROLES, type Role } from '@/lib/permissions';
import { displayName } from '@/lib/zod-fields';
import { AppError, fieldError, notFound, uniqueViolationFields } from '@/server/errors';
import { hashPassword } from '@/server/services/auth/passwords';
import { passwordIssue, assertPasswordAllowed, ZNewPassword } from '@/server/services/auth/password-policy';
import { END_ALL_SESSIONS } from '@/server/services/auth/sessions';
import type { StaffCaller } from '@/server/services/caller';
import { ZEmail, ZLatitude, ZLongitude, ZPhone } from '@/server/services/customers/schemas';

/** A new password: the one policy (services/auth/password-policy.ts). */
export const ZPassword = ZNewPassword;

export const ZUserCreate = z
  .object({
    name: displayName(2, 120),
    email: ZEmail,
    role: z.enum(ROLES),
    password: ZPassword,
    phone: ZPhone.nullish(),
    /** G2: the partner company of a company's manager or technician. */
    companyId: z.uuid().nullish(),
  })
  .superRefine((user, ctx) => {
    const issue = passwordIssue(user.password, [user.email, user.name]);
    if (issue) ctx.addIssue({ code: 'custom', path: ['password'], message: issue.key, params: issue.params });
  });
export const ZUserUpdate = z.object({
  id: z.uuid(),
  name: displayName(2, 120).optional(),
  role: z.enum(ROLES).optional(),
  phone: ZPhone.nullish(),
  password: ZPassword.optional(),
  companyId: z.uuid().nullish(),
});
/** G6: a technician's base — an address and its coordinates — or null to remove it. */
export const ZUserBase = z.object({
  id: z.uuid(),
  base: z.object({ address: z.string().trim().min(1, { message: 'validation.required' }).max(300), latitude: ZLatitude, longitude: ZLongitude }).nullable(),
});
export const ZUserList = z.object({ includeInactive: z.boolean().default(true), role: z.enum(ROLES).optional() });

const USER_SELECT = {
  id: true, name: true, email: true, role: true, active: true, phone: true, locale: true, lastLoginAt: true, createdAt: true,
  companyId: true, company: { select: { id: true, name: true } },
} as const;

/**
 * G2: a company's manager belongs to a company; a technician may (the company's technician); the
 * ISP's other roles never do. The company must be one of this tenant's, active to join it.
 */
async function assertCompany({ db }: StaffCaller, role: Role, companyId: string | null, was: string | null = null) {
  if (role === 'PARTNER_MANAGER' && !companyId) throw fieldError('companyId', 'companies.companyRequired');
  if (!companyId) return;
  const company = await db.company.findFirst({ where: { id: companyId }, select: { active: true } });
  if (!company || (!company.active && companyId !== was)) throw fieldError('companyId', 'validation.unknownOption');
  if (role !== 'PARTNER_MANAGER' && role !== 'TECHNICIAN') throw fieldError('companyId', 'companies.companyNotForRole');
}

export function listUsers({ db }: StaffCaller, input: z.output<typeof ZUserList>) {
  return db.user.findMany({
    where: { ...(input.includeInactive ? {} : { active: true }), ...(input.role ? { role: input.role } : {}) },
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    select: USER_SELECT,
  });
}

const BASE_SELECT = { baseAddress: true, baseLatitude: true, baseLongitude: true } as const;
type BaseColumns = { baseAddress: string | null; baseLatitude: number | null; baseLongitude: number | null };
const baseOf = ({ baseAddress, baseLatitude, baseLongitude }: BaseColumns) =>
  baseAddress !== null && baseLatitude !== null && baseLongitude !== null ? { address: baseAddress, latitude: baseLatitude, longitude: baseLongitude } : null;

/** One staff member's profile, with how many devices receive their push (D2: the office writes to them from here) and their base (G6). */
export async function getUser({ db }: StaffCaller, id: string) {
  const user = await db.user.findUnique({ where: { id }, select: { ...USER_SELECT, ...BASE_SELECT, _count: { select: { pushSubscriptions: true } } } });
  if (!user) throw notFound();
  const { _count, baseAddress, baseLatitude, baseLongitude, ...fields } = user;
  return { ...fields, pushDevices: _count.pushSubscriptions, base: baseOf({ baseAddress, baseLatitude, baseLongitude }) };
}

/** G6: sets or removes a technician's base, from which their distance to a ticket is measured when the app sent no recent position. */
export async function setUserBase({ db }: StaffCaller, input: z.output<typeof ZUserBase>) {
  const user = await db.user.findUnique({ where: { id: input.id }, select: { role: true } });
  if (!user) throw notFound();
  if (user.role !== 'TECHNICIAN') throw fieldError('base', 'users.baseOnlyTechnicians');
  const b = input.base;
  const saved = await db.user.update({
    where: { id: input.id },
    data: { baseAddress: b?.address ?? null, baseLatitude: b?.latitude ?? null, baseLongitude: b?.longitude ?? null },
    select: { id: true, ...BASE_SELECT },
  });
  return { id: saved.id, base: baseOf(saved) };
}

export async function createUser(caller: StaffCaller, input: z.output<typeof ZUserCreate>) {
  const { db, tenantId } = caller;
  if (await db.user.findFirst({ where: { email: input.email }, select: { id: true } })) throw fieldError('email', 'validation.emailTaken', undefined, 'CONFLICT');
  await assertCompany(caller, input.role, input.companyId ?? null);
  const { password, ...fields } = input;
  try {
    return await db.user.create({ data: { ...fields, tenantId, passwordHash: await hashPassword(password) }, select: USER_SELECT });
  } catch (error) {
    if (uniqueViolationFields(error)) throw fieldError('email', 'validation.emailTaken', undefined, 'CONFLICT');
    throw error;
  }
}

export async function updateUser(caller: StaffCaller, input: z.output<typeof ZUserUpdate>) {
  const { id, password, ...changes } = input;
  const user = await caller.db.user.findUnique({ where: { id }, select: { id: true, role: true, email: true, name: true, companyId: true } });
  if (!user) throw notFound();
  const nextCompany = changes.companyId !== undefined ? changes.companyId : user.companyId;
  if (changes.role !== undefined || changes.companyId !== undefined) await assertCompany(caller, changes.role ?? user.role, nextCompany, user.companyId);
  if (changes.role && changes.role !== 'ADMIN' && id === caller.actor.id) throw fieldError('role', 'validation.cannotDemoteSelf');
  if (password) assertPasswordAllowed(password, [user.email, user.name, changes.name]);
  // Sessions opened with the old password or under the old role end.
  const endSessions = Boolean(password) || (changes.role !== undefined && changes.role !== user.role) || (nextCompany ?? null) !== user.companyId;
  return caller.db.user.update({
    where: { id },
    data: { ...changes, ...(password ? { passwordHash: await hashPassword(password) } : {}), ...(endSessions ? END_ALL_SESSIONS : {}) },
    select: USER_SELECT,
  });
}

export async function setUserActive(caller: StaffCaller, id: string, active: boolean) {
  if (!active && id === caller.actor.id) throw new AppError('CONFLICT', 'cannotDeactivateSelf');
  // A deactivated user's sessions end for good: reactivating them later does not bring old cookies back.
  const result = await caller.db.user.updateMany({ where: { id }, data: { active, ...(active ? {} : END_ALL_SESSIONS) } });
  if (result.count !== 1) throw notFound();
  return { id, active };
}
