// Plans, nodes and localities: the lists connections choose from. Everyone reads them; admins
// manage them. A plan's price is billing data: only roles with billing.read receive it (A2).
import { z } from 'zod';
import { can } from '@/lib/permissions';
import { requires } from '@/lib/answers';
import { ZMoney } from '@/lib/answer-fields';
import { AppError, fieldError, isForeignKeyViolation, notFound, uniqueViolationFields } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';

export const ZLocality = z.object({ name: z.string().trim().min(2).max(120), province: z.string().trim().max(120).nullish(), postalCode: z.string().trim().max(20).nullish() });
export const ZNode = z.object({ name: z.string().trim().min(1).max(120), latitude: z.number().min(-90).max(90).nullish(), longitude: z.number().min(-180).max(180).nullish() });
export const ZPlan = z.object({
  name: z.string().trim().min(1).max(120),
  downloadMbps: z.number().int().min(0).max(100_000),
  uploadMbps: z.number().int().min(0).max(100_000),
  price: z.number().min(0).max(1e9).nullish(),
  offeredInPortal: z.boolean().default(false),
  active: z.boolean().default(true),
});

export type CatalogKind = 'locality' | 'node' | 'plan';

export const ZLocalityRow = z.object({ id: z.uuid(), name: z.string(), province: z.string().nullable(), postalCode: z.string().nullable() });
export const ZNodeRow = z.object({ id: z.uuid(), name: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable() });
/** A plan; its price only for billing.read (A2). */
export const ZPlanRow = z.object({
  id: z.uuid(),
  name: z.string(),
  downloadMbps: z.number().int(),
  uploadMbps: z.number().int(),
  price: requires('billing.read', ZMoney),
  offeredInPortal: z.boolean(),
  active: z.boolean(),
});
export const ZCatalogItem = z.object({ id: z.uuid() });

/** A duplicate name is a field error; a row still used by connections cannot be deleted. */
async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolationFields(error)) throw fieldError('name', 'validation.nameTaken', undefined, 'CONFLICT');
    if (isForeignKeyViolation(error)) throw new AppError('CONFLICT', 'inUse');
    if ((error as { code?: string }).code === 'P2025') throw notFound();
    throw error;
  }
}

export function listLocalities({ db }: StaffCaller) {
  return db.locality.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, province: true, postalCode: true } });
}

export function listNodes({ db }: StaffCaller) {
  return db.node.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, latitude: true, longitude: true } });
}

export async function listPlans(caller: StaffCaller) {
  const plans = await caller.db.plan.findMany({ orderBy: { name: 'asc' } });
  const showPrices = can(caller.actor.role, 'billing.read');
  return plans.map(({ price, tenantId: _t, createdAt: _c, ...plan }) => ({ ...plan, ...(showPrices ? { price: price === null ? null : Number(price) } : {}) }));
}

export function createCatalogItem(caller: StaffCaller, kind: 'locality', data: z.output<typeof ZLocality>): Promise<{ id: string }>;
export function createCatalogItem(caller: StaffCaller, kind: 'node', data: z.output<typeof ZNode>): Promise<{ id: string }>;
export function createCatalogItem(caller: StaffCaller, kind: 'plan', data: z.output<typeof ZPlan>): Promise<{ id: string }>;
export function createCatalogItem({ db, tenantId }: StaffCaller, kind: CatalogKind, data: object): Promise<{ id: string }> {
  const select = { id: true } as const;
  return guarded(() => {
    if (kind === 'locality') return db.locality.create({ data: { ...(data as z.output<typeof ZLocality>), tenantId }, select });
    if (kind === 'node') return db.node.create({ data: { ...(data as z.output<typeof ZNode>), tenantId }, select });
    return db.plan.create({ data: { ...(data as z.output<typeof ZPlan>), tenantId }, select });
  });
}

export function updateCatalogItem({ db }: StaffCaller, kind: CatalogKind, id: string, data: object): Promise<{ id: string }> {
  const select = { id: true } as const;
  return guarded(() => {
    if (kind === 'locality') return db.locality.update({ where: { id }, data, select });
    if (kind === 'node') return db.node.update({ where: { id }, data, select });
    return db.plan.update({ where: { id }, data, select });
  });
}

export function deleteCatalogItem({ db }: StaffCaller, kind: CatalogKind, id: string): Promise<{ id: string }> {
  const select = { id: true } as const;
  return guarded(() => {
    if (kind === 'locality') return db.locality.delete({ where: { id }, select });
    if (kind === 'node') return db.node.delete({ where: { id }, select });
    return db.plan.delete({ where: { id }, select });
  });
}
