// B1–B8: the tenant's ticket configuration — areas, states (each in a lifecycle stage), priorities,
// categories, a default of each, and (Colombia) the built-in PQRS main categories.
//
// Rules kept here: an item something refers to is archived instead of deleted, so old tickets keep
// showing it (the database's foreign keys say what refers to it); the default of a kind cannot be removed (choose another first); every lifecycle stage
// keeps at least one active state; a category's price is billing data (A2).
import { z } from 'zod';
import { requires } from '@/lib/answers';
import { optionalText } from '@/lib/zod-fields';
import { can } from '@/lib/permissions';
import { AppError, fieldError, isForeignKeyViolation, notFound, uniqueWrite } from '@/server/errors';
import type { ScopedDb } from '@/server/data/scoped';
import type { StaffCaller } from '@/server/services/caller';
import { COMPLEXITIES, LIFECYCLE_STAGES, PQRS_TYPES } from '@/lib/ticket-filters';

export const CONFIG_KINDS = ['area', 'state', 'priority', 'category'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];
export { LIFECYCLE_STAGES, COMPLEXITIES, PQRS_TYPES } from '@/lib/ticket-filters';

const ZName = z.string().trim().min(1).max(80);
const ZColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'validation.color' })
  .transform((c) => c.toLowerCase());
/** B1; D1: an area may have its own address for technicians' state changes. */
export const ZAreaInput = z.object({ name: ZName, email: z.email().max(200).or(z.literal('')).optional().transform((v) => v || null) });
export const ZStateInput = z.object({ name: ZName, stage: z.enum(LIFECYCLE_STAGES), position: z.number().int().min(0).max(1000).default(0) });
export const ZPriorityInput = z.object({ name: ZName, color: ZColor, rank: z.number().int().min(1).max(100) });
export const ZCategoryInput = z.object({
  name: ZName,
  comment: optionalText(500),
  price: z.number().min(0).max(1e9).nullish(),
  areaId: z.uuid().nullish(),
  defaultTechnicianId: z.uuid().nullish(),
  inUse: z.boolean().default(true),
  inTechnicianApp: z.boolean().default(false),
  inCustomerApp: z.boolean().default(false),
  inPortal: z.boolean().default(false),
  customerDescription: optionalText(120),
  color: ZColor.default('#64748b'),
  /** The reasons a customer may pick, as the seed's "a;b;c" list. */
  customerReasons: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
});

export const CONFIG_INPUTS = { area: ZAreaInput, state: ZStateInput, priority: ZPriorityInput, category: ZCategoryInput } as const;

/** What the ticket forms and the configuration page read (B1–B8); a category's price only for billing.read (A2). */
export const ZTicketConfig = z.object({
  areas: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), isDefault: z.boolean(), archivedAt: z.date().nullable() })),
  states: z.array(
    z.object({ id: z.uuid(), name: z.string(), stage: z.enum(LIFECYCLE_STAGES), position: z.number().int(), isDefault: z.boolean(), archivedAt: z.date().nullable() }),
  ),
  priorities: z.array(
    z.object({ id: z.uuid(), name: z.string(), color: z.string(), rank: z.number().int(), isDefault: z.boolean(), archivedAt: z.date().nullable() }),
  ),
  categories: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      comment: z.string().nullable(),
      price: requires('billing.read', z.number().nullable()),
      areaId: z.uuid().nullable(),
      defaultTechnicianId: z.uuid().nullable(),
      inUse: z.boolean(),
      inTechnicianApp: z.boolean(),
      inCustomerApp: z.boolean(),
      inPortal: z.boolean(),
      customerDescription: z.string().nullable(),
      color: z.string(),
      customerReasons: z.array(z.string()),
      isDefault: z.boolean(),
      archivedAt: z.date().nullable(),
      area: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      defaultTechnician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  ),
  complexities: z.array(z.enum(COMPLEXITIES)).readonly(),
  pqrs: z.array(z.enum(PQRS_TYPES)).readonly(),
  technicians: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export const ZConfigItem = z.object({ id: z.uuid() });
export const ZConfigRemoved = z.object({ id: z.uuid(), outcome: z.enum(['deleted', 'archived']) });
export type ConfigInput<K extends ConfigKind> = z.output<(typeof CONFIG_INPUTS)[K]>;

/** The operations every kind shares, over Prisma's four delegates (their types differ only in columns). */
type Delegate = {
  findUnique(args: { where: { id: string }; select?: object }): Promise<Record<string, unknown> | null>;
  create(args: { data: object; select: { id: true } }): Promise<{ id: string }>;
  update(args: { where: { id: string }; data: object; select: { id: true } }): Promise<{ id: string }>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  delete(args: { where: { id: string }; select: { id: true } }): Promise<{ id: string }>;
  count(args: { where: object }): Promise<number>;
};

type Db = Pick<ScopedDb, 'ticketArea' | 'ticketState' | 'ticketPriority' | 'ticketCategory'>;

function table(db: Db, kind: ConfigKind): Delegate {
  const delegates = { area: db.ticketArea, state: db.ticketState, priority: db.ticketPriority, category: db.ticketCategory };
  return delegates[kind] as unknown as Delegate;
}


export async function getTicketConfig(caller: StaffCaller) {
  const { db, tenant } = caller;
  const order = [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }] as const;
  const [areas, states, priorities, categories, technicians] = await Promise.all([
    db.ticketArea.findMany({ orderBy: [...order], select: { id: true, name: true, email: true, isDefault: true, archivedAt: true } }),
    db.ticketState.findMany({
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { position: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, stage: true, position: true, isDefault: true, archivedAt: true },
    }),
    db.ticketPriority.findMany({
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { rank: 'asc' }],
      select: { id: true, name: true, color: true, rank: true, isDefault: true, archivedAt: true },
    }),
    db.ticketCategory.findMany({
      orderBy: [...order],
      include: { area: { select: { id: true, name: true } }, defaultTechnician: { select: { id: true, name: true } } },
    }),
    // G2: a partner company's user assigns only among its company's technicians.
    db.user.findMany({
      where: { role: 'TECHNICIAN', active: true, ...(caller.actor.companyId ? { companyId: caller.actor.companyId } : {}) },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ]);
  const showPrices = can(caller.actor.role, 'billing.read');
  return {
    areas,
    states,
    priorities,
    categories: categories.map(({ tenantId: _t, price, createdAt: _c, updatedAt: _u, ...c }) => ({
      ...c,
      ...(showPrices ? { price: price === null ? null : Number(price) } : {}),
    })),
    complexities: COMPLEXITIES,
    /** B7: built in for Colombian tenants, not editable. */
    pqrs: tenant.country === 'CO' ? PQRS_TYPES : [],
    technicians,
  };
}

/** The area and default technician a category names must be this tenant's, the area active, the technician an active technician. */
async function assertCategoryReferences(db: ScopedDb, input: { areaId?: string | null; defaultTechnicianId?: string | null }) {
  if (input.areaId) {
    const area = await db.ticketArea.findUnique({ where: { id: input.areaId }, select: { archivedAt: true } });
    if (!area || area.archivedAt) throw fieldError('areaId', 'validation.unknownOption');
  }
  if (input.defaultTechnicianId) {
    const user = await db.user.findUnique({ where: { id: input.defaultTechnicianId }, select: { role: true, active: true } });
    if (!user || !user.active || user.role !== 'TECHNICIAN') throw fieldError('defaultTechnicianId', 'validation.unknownOption');
  }
}

export async function createConfigItem<K extends ConfigKind>({ db, tenantId }: StaffCaller, kind: K, input: ConfigInput<K>): Promise<{ id: string }> {
  if (kind === 'category') await assertCategoryReferences(db, input as ConfigInput<'category'>);
  return uniqueWrite(() => table(db, kind).create({ data: { ...input, tenantId }, select: { id: true } }));
}

export async function updateConfigItem<K extends ConfigKind>({ db }: StaffCaller, kind: K, id: string, input: Partial<ConfigInput<K>>): Promise<{ id: string }> {
  const current = await table(db, kind).findUnique({ where: { id } });
  if (!current) throw notFound();
  if (kind === 'category') await assertCategoryReferences(db, input as Partial<ConfigInput<'category'>>);
  if (kind === 'state') {
    const { stage } = input as Partial<ConfigInput<'state'>>;
    if (stage && stage !== current.stage) {
      if (!current.archivedAt) await assertStageKeepsAState(db, current.stage as string, id);
      // A ticket keeps a copy of its state's stage (the grid's tabs and counts are read from it): a
      // state tickets are in keeps its stage, or they would sit in the wrong tab with wrong counts.
      if (await db.ticket.findFirst({ where: { stateId: id }, select: { id: true } })) throw new AppError('CONFLICT', 'stateStageInUse');
    }
  }
  return uniqueWrite(() => table(db, kind).update({ where: { id }, data: input, select: { id: true } }));
}

async function assertStageKeepsAState(db: ScopedDb, stage: string, leavingId: string) {
  const others = await db.ticketState.count({ where: { stage: stage as (typeof LIFECYCLE_STAGES)[number], archivedAt: null, id: { not: leavingId } } });
  if (others === 0) throw new AppError('CONFLICT', 'lastStateOfStage');
}

/**
 * B6: delete, or archive when anything refers to the item. What refers to it is what the database's
 * foreign keys say — tickets (by state, priority, category or area), categories (by area), and
 * whatever later features add — not a list kept here: a hand-kept count once knew only categories,
 * so a state or priority used only by tickets answered 500. The delete is refused by PostgreSQL
 * (Restrict) and the item is archived instead, so old tickets keep showing it. Answers which it was.
 */
export async function removeConfigItem({ db }: StaffCaller, kind: ConfigKind, id: string): Promise<{ id: string; outcome: 'deleted' | 'archived' }> {
  const current = await table(db, kind).findUnique({ where: { id } });
  if (!current) throw notFound();
  if (current.isDefault) throw new AppError('CONFLICT', 'isDefault');
  if (kind === 'state' && !current.archivedAt) await assertStageKeepsAState(db, current.stage as string, id);
  try {
    await table(db, kind).delete({ where: { id }, select: { id: true } });
    return { id, outcome: 'deleted' };
  } catch (error) {
    if ((error as { code?: string }).code === 'P2025') throw notFound();
    if (!isForeignKeyViolation(error)) throw error;
  }
  await uniqueWrite(() => table(db, kind).update({ where: { id }, data: { archivedAt: current.archivedAt ?? new Date() }, select: { id: true } }));
  return { id, outcome: 'archived' };
}

export async function restoreConfigItem({ db }: StaffCaller, kind: ConfigKind, id: string): Promise<{ id: string }> {
  return uniqueWrite(() => table(db, kind).update({ where: { id }, data: { archivedAt: null }, select: { id: true } }));
}

/** B5: one default per kind, swapped in one transaction. */
export async function setDefaultConfigItem({ db }: StaffCaller, kind: ConfigKind, id: string): Promise<{ id: string }> {
  const current = await table(db, kind).findUnique({ where: { id } });
  if (!current) throw notFound();
  if (current.archivedAt) throw new AppError('CONFLICT', 'archivedItem');
  await db.$transaction(async (tx) => {
    await table(tx, kind).updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
    await table(tx, kind).update({ where: { id }, data: { isDefault: true }, select: { id: true } });
  });
  return { id };
}
