// G7: a customer's sites (other addresses than their connections) and equipment (router, ONT,
// antenna …), and what a ticket names of them.
//
// Two ways in. The office reaches a customer's list from the customer's page (`equipment.manage`).
// Everyone who works tickets — technicians, a partner company's people — reaches it only through a
// ticket they may see (`equipment.read` / `equipment.edit` with a ticketId): the ticket is found
// through the caller's scoped client, so the visibility rule (assigned technician, the company's
// tickets) decides, and another customer's equipment named with that ticket is not found.
//
// A serial number is unique in the tenant when given (a duplicate is the serial field's CONFLICT).
// Equipment or a site a ticket names cannot be deleted (CONFLICT, errors.equipment.inUse): the ticket
// keeps what it was about; correct it instead, or first name something else on the ticket.
import { z } from 'zod';
import { EQUIPMENT_TYPES } from '@/lib/equipment';
import { ZWhen } from '@/lib/answer-fields';
import { allows } from '@/lib/permissions';
import { optionalText } from '@/lib/zod-fields';
import { AppError, fieldError, forbidden, isForeignKeyViolation, notFound, uniqueViolationFields } from '@/server/errors';
import type { ScopedDb } from '@/server/data/scoped';
import type { Caller, CustomerActor, StaffCaller } from '@/server/services/caller';

const ZEquipmentFields = z.object({
  type: z.enum(EQUIPMENT_TYPES),
  brand: z.string().trim().min(1).max(80),
  model: z.string().trim().min(1).max(80),
  serial: optionalText(80),
  note: optionalText(500),
  siteId: z.uuid().nullish(),
  connectionId: z.uuid().nullish(),
});
export const ZEquipmentCreate = ZEquipmentFields.extend({ customerId: z.uuid() });
export const ZEquipmentUpdate = ZEquipmentFields.partial().extend({ id: z.uuid() });
export const ZTicketEquipmentCreate = ZEquipmentFields.extend({ ticketId: z.uuid() });
export const ZTicketEquipmentUpdate = ZEquipmentFields.partial().extend({ ticketId: z.uuid(), id: z.uuid() });
export const ZTicketEquipmentRemove = z.object({ ticketId: z.uuid(), id: z.uuid() });
export type EquipmentFields = z.output<typeof ZEquipmentFields>;

const ZSiteFields = z.object({
  label: z.string().trim().min(1).max(80),
  address: z.string().trim().min(1).max(200),
  locality: optionalText(120),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
});
export const ZSiteCreate = ZSiteFields.extend({ customerId: z.uuid() });
export const ZSiteUpdate = ZSiteFields.partial().extend({ id: z.uuid() });

export const ZEquipmentRow = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  type: z.enum(EQUIPMENT_TYPES),
  brand: z.string(),
  model: z.string(),
  serial: z.string().nullable(),
  note: z.string().nullable(),
  siteId: z.uuid().nullable(),
  connectionId: z.uuid().nullable(),
  updatedAt: ZWhen,
});
export const ZSiteRow = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  label: z.string(),
  address: z.string(),
  locality: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
/** A customer's sites and equipment, and (for who may read connections) their connections' addresses to link equipment to. */
export const ZCustomerEquipment = z.object({
  customerId: z.uuid(),
  sites: z.array(ZSiteRow),
  equipment: z.array(ZEquipmentRow),
  connections: z.array(z.object({ id: z.uuid(), address: z.string() })),
});
export const ZSaved = z.object({ id: z.uuid() });

export const EQUIPMENT_SELECT = { id: true, customerId: true, type: true, brand: true, model: true, serial: true, note: true, siteId: true, connectionId: true, updatedAt: true } as const;
export const SITE_SELECT = { id: true, customerId: true, label: true, address: true, locality: true, latitude: true, longitude: true } as const;

/** The customer of a ticket the caller may see; a ticket without a customer has no equipment. */
export async function customerOfTicket(db: ScopedDb, ticketId: string): Promise<string> {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { customerId: true } });
  if (!ticket) throw notFound();
  if (!ticket.customerId) throw new AppError('BAD_REQUEST', 'equipment.noCustomer');
  return ticket.customerId;
}

async function listFor(caller: StaffCaller, customerId: string) {
  const { db, actor } = caller;
  const [sites, equipment, connections] = await Promise.all([
    db.customerSite.findMany({ where: { customerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: SITE_SELECT }),
    db.customerEquipment.findMany({ where: { customerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: EQUIPMENT_SELECT }),
    allows(actor, 'connections.read') ? db.connection.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' }, select: { id: true, address: true } }) : [],
  ]);
  return { customerId, sites, equipment, connections };
}

/** The office: a customer's sites and equipment (the customer's page). */
export async function customerEquipment(caller: StaffCaller, customerId: string) {
  await assertCustomer(caller.db, customerId);
  return listFor(caller, customerId);
}

/** Through a ticket the caller may see: its customer's sites and equipment. */
export async function ticketEquipment(caller: StaffCaller, ticketId: string) {
  return listFor(caller, await customerOfTicket(caller.db, ticketId));
}

/** The site and connection an equipment is linked to must be its customer's. */
async function assertLinks(db: ScopedDb, customerId: string, fields: Partial<EquipmentFields>) {
  if (fields.siteId && !(await db.customerSite.findFirst({ where: { id: fields.siteId, customerId }, select: { id: true } }))) {
    throw fieldError('siteId', 'validation.unknownOption');
  }
  if (fields.connectionId && !(await db.connection.findFirst({ where: { id: fields.connectionId, customerId }, select: { id: true } }))) {
    throw fieldError('connectionId', 'validation.unknownOption');
  }
}

/** A duplicate serial is the serial field's CONFLICT; a device's id already taken, a plain CONFLICT; a row gone, NOT_FOUND. */
async function serialWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const fields = uniqueViolationFields(error);
    // The driver adapter names the index, not always its fields.
    const index = JSON.stringify((error as { meta?: unknown }).meta ?? {});
    if (fields?.includes('serial') || (fields && index.includes('CustomerEquipment_tenantId_serial_key'))) throw fieldError('serial', 'equipment.serialTaken', undefined, 'CONFLICT');
    if (fields) throw new AppError('CONFLICT', 'conflict');
    if ((error as { code?: string }).code === 'P2025') throw notFound();
    throw error;
  }
}

async function createFor(caller: StaffCaller, customerId: string, fields: EquipmentFields, id?: string) {
  await assertLinks(caller.db, customerId, fields);
  return serialWrite(() =>
    caller.db.customerEquipment.create({
      data: { ...(id ? { id } : {}), tenantId: caller.tenantId, customerId, ...fields, siteId: fields.siteId ?? null, connectionId: fields.connectionId ?? null },
      select: { id: true },
    }),
  );
}

async function updateFor(caller: StaffCaller, id: string, customerId: string | null, fields: Partial<EquipmentFields>) {
  const current = await caller.db.customerEquipment.findFirst({ where: { id }, select: { id: true, customerId: true } });
  // Through a ticket: only that ticket's customer's equipment.
  if (!current || (customerId && current.customerId !== customerId)) throw notFound();
  await assertLinks(caller.db, current.customerId, fields);
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return serialWrite(() => caller.db.customerEquipment.update({ where: { tenantId_id: { tenantId: caller.tenantId, id } }, data, select: { id: true } }));
}

async function removeFor(caller: StaffCaller, id: string, customerId: string | null) {
  const current = await caller.db.customerEquipment.findFirst({ where: { id }, select: { id: true, customerId: true } });
  if (!current || (customerId && current.customerId !== customerId)) throw notFound();
  // A ticket naming it keeps it (counted past the caller's visibility: the rule is the database's).
  const result = await caller.db.customerEquipment.deleteMany({ where: { id } }).catch((error: unknown) => {
    if (isForeignKeyViolation(error)) throw new AppError('CONFLICT', 'equipment.inUse');
    throw error;
  });
  if (result.count !== 1) throw notFound();
  return { id };
}

async function assertCustomer(db: ScopedDb, customerId: string) {
  if (!(await db.customer.findUnique({ where: { id: customerId }, select: { id: true } }))) throw notFound();
}

export async function createEquipment(caller: StaffCaller, { customerId, ...fields }: z.output<typeof ZEquipmentCreate>) {
  await assertCustomer(caller.db, customerId);
  return createFor(caller, customerId, fields);
}
export const updateEquipment = (caller: StaffCaller, { id, ...fields }: z.output<typeof ZEquipmentUpdate>) => updateFor(caller, id, null, fields);
export const removeEquipment = (caller: StaffCaller, id: string) => removeFor(caller, id, null);

export async function createTicketEquipment(caller: StaffCaller, { ticketId, ...fields }: z.output<typeof ZTicketEquipmentCreate>) {
  return createFor(caller, await customerOfTicket(caller.db, ticketId), fields);
}
export async function updateTicketEquipment(caller: StaffCaller, { ticketId, id, ...fields }: z.output<typeof ZTicketEquipmentUpdate>) {
  return updateFor(caller, id, await customerOfTicket(caller.db, ticketId), fields);
}
export async function removeTicketEquipment(caller: StaffCaller, { ticketId, id }: z.output<typeof ZTicketEquipmentRemove>) {
  return removeFor(caller, id, await customerOfTicket(caller.db, ticketId));
}

/**
 * G7: the technician app's change to the ticket's customer's equipment (tech.send's `equipment`
 * kind, exactly once by its key): `create` with the id the device made (so later changes made
 * offline can name it), `update` with the fields changed, `remove`.
 */
export const ZEquipmentChange = z.object({
  ticketId: z.uuid(),
  id: z.uuid(),
  action: z.enum(['create', 'update', 'remove']),
  fields: ZEquipmentFields.partial().optional(),
});

export async function applyEquipmentChange(caller: StaffCaller, change: z.output<typeof ZEquipmentChange>) {
  if (!allows(caller.actor, 'equipment.edit')) throw forbidden();
  const customerId = await customerOfTicket(caller.db, change.ticketId);
  if (change.action === 'remove') return removeFor(caller, change.id, customerId);
  if (change.action === 'update') return updateFor(caller, change.id, customerId, change.fields ?? {});
  const full = ZEquipmentFields.safeParse(change.fields ?? {});
  if (!full.success) {
    const issue = full.error.issues[0]!;
    throw fieldError(String(issue.path[0] ?? 'type'), 'validation.required');
  }
  return createFor(caller, customerId, full.data, change.id);
}

// Sites: the office's, from the customer's page.
export async function createSite(caller: StaffCaller, { customerId, ...fields }: z.output<typeof ZSiteCreate>) {
  await assertCustomer(caller.db, customerId);
  return caller.db.customerSite.create({ data: { tenantId: caller.tenantId, customerId, ...fields }, select: { id: true } });
}

export async function updateSite(caller: StaffCaller, { id, ...fields }: z.output<typeof ZSiteUpdate>) {
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const result = await caller.db.customerSite.updateMany({ where: { id }, data });
  if (result.count !== 1) throw notFound();
  return { id };
}

export async function removeSite(caller: StaffCaller, id: string) {
  const result = await caller.db.customerSite.deleteMany({ where: { id } }).catch((error: unknown) => {
    if (isForeignKeyViolation(error)) throw new AppError('CONFLICT', 'equipment.siteInUse');
    throw error;
  });
  if (result.count !== 1) throw notFound();
  return { id };
}

/**
 * What a ticket names (creation and save): the site and the equipment must be its customer's. Another
 * customer's or another tenant's is the field's "unknown option", and nothing is written.
 */
export async function assertTicketPlace(db: Pick<ScopedDb, 'customerSite' | 'customerEquipment'>, customerId: string | null | undefined, input: { siteId?: string | null; equipmentId?: string | null }) {
  const out: { site: { id: string; label: string; address: string } | null; equipment: { id: string; brand: string; model: string; serial: string | null } | null } = { site: null, equipment: null };
  if (input.siteId) {
    out.site = customerId ? await db.customerSite.findFirst({ where: { id: input.siteId, customerId }, select: { id: true, label: true, address: true } }) : null;
    if (!out.site) throw fieldError('siteId', 'validation.unknownOption');
  }
  if (input.equipmentId) {
    out.equipment = customerId ? await db.customerEquipment.findFirst({ where: { id: input.equipmentId, customerId }, select: { id: true, brand: true, model: true, serial: true } }) : null;
    if (!out.equipment) throw fieldError('equipmentId', 'validation.unknownOption');
  }
  return out;
}

/** The portal: the signed-in customer's own sites and equipment, read only (no office notes). */
export const ZPortalEquipment = z.object({
  sites: z.array(ZSiteRow.pick({ id: true, label: true, address: true, locality: true })),
  equipment: z.array(ZEquipmentRow.pick({ id: true, type: true, brand: true, model: true, serial: true, siteId: true, connectionId: true })),
});

export async function myEquipment({ db, actor }: Caller<CustomerActor>) {
  const [sites, equipment] = await Promise.all([
    db.customerSite.findMany({ where: { customerId: actor.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, label: true, address: true, locality: true } }),
    db.customerEquipment.findMany({
      where: { customerId: actor.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, type: true, brand: true, model: true, serial: true, siteId: true, connectionId: true },
    }),
  ]);
  return { sites, equipment };
}
