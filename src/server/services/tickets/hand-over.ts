// G2: handing a ticket to a partner company, and the company's answer. The office (tickets.handOver)
// hands a ticket to a company, or takes it back to the ISP itself ("trasferire a se stessi"); the
// company's manager takes it over ("Prendi in carico": who and when are recorded) and then assigns
// one of its technicians (the ticket's save checks that), or renounces it ("Rinuncia ticket") with a
// reason: the ticket goes back to "to assign" — no company, no assignee — and the reason is in the
// history. Each is one transaction under the ticket's row lock, follows the ticket's version rule
// and writes its history entries. Whether the caller sees the ticket at all is the visibility rule's
// (a company's user sees only its company's tickets): another ticket is NOT_FOUND.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';
import { AppError, fieldError, notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { workStatusOf, type WorkStatus } from '@/lib/work-status';

const ZVersioned = { id: z.uuid(), version: z.number().int().min(1) };
export const ZHandOver = z.object({ ...ZVersioned, companyId: z.uuid().nullable() });
export const ZTakeOver = z.object(ZVersioned);
export const ZRenounce = z.object({ ...ZVersioned, reason: z.string().trim().min(3, { message: 'validation.renounceReasonRequired' }).max(1000) });
export const ZHandOverResult = z.object({ id: z.uuid(), version: z.number().int() });

type Tx = Parameters<Parameters<StaffCaller['db']['$transaction']>[0]>[0];
type Locked = {
  id: string; version: number; companyId: string | null; companyAcceptedAt: Date | null; assigneeId: string | null; companyName: string | null; assigneeName: string | null;
  /** G3: what the work status follows. */
  workStatus: WorkStatus; stage: 'PENDING' | 'FINISHED' | 'CLOSED'; visitEnd: Date | null;
};

/** Locks the ticket the caller may see and checks the version the caller read. */
async function lockTicket(caller: StaffCaller, tx: Tx, id: string, version: number): Promise<Locked> {
  const rows = await caller.sql.query<Locked[]>(tx, (s) => Prisma.sql`
    SELECT t.id, t.version, t."companyId", t."companyAcceptedAt", t."assigneeId", c.name AS "companyName", u.name AS "assigneeName",
           t."workStatus", t.stage, t."visitEnd"
    FROM "Ticket" t
    LEFT JOIN "Company" c ON c."tenantId" = t."tenantId" AND c.id = t."companyId"
    LEFT JOIN "User" u ON u."tenantId" = t."tenantId" AND u.id = t."assigneeId"
    WHERE t."tenantId" = ${s.tenant} AND t.id = ${id}::uuid AND ${s.visible('t')} FOR UPDATE OF t`);
  const ticket = rows[0];
  if (!ticket) throw notFound();
  if (ticket.version !== version) {
    const since = await tx.ticketEvent.findMany({ where: { ticketId: id, version: { gt: version } }, select: { field: true, kind: true } });
    const label = translator(caller.locale, 'ticketView');
    const fields = [...new Set(since.map((e) => (e.field ? label(`field.${e.field}`) : e.kind)))];
    throw new AppError('CONFLICT', 'staleTicket', { fields: fields.join(', ') || '—' });
  }
  return ticket;
}

type Entry = { kind?: string; field: string; oldValue: string | null; newValue: string | null };

async function record(caller: StaffCaller, tx: Tx, ticket: Locked, data: Prisma.TicketUncheckedUpdateInput, entries: Entry[], event?: { type: string; payload: Record<string, unknown> }) {
  const version = ticket.version + 1;
  // G3: an assignee who leaves (the company renounces, the ticket goes to another holder) makes it "to assign".
  const assigneeId = 'assigneeId' in data ? ((data.assigneeId as string | null | undefined) ?? null) : ticket.assigneeId;
  const workStatus = workStatusOf({ previous: ticket.workStatus, assigneeId, stage: ticket.stage, visitEnd: ticket.visitEnd });
  if (workStatus !== ticket.workStatus) {
    data = { ...data, workStatus };
    // First: it reads below the change that caused it (newest first, then by id).
    entries = [{ field: 'workStatus', oldValue: ticket.workStatus, newValue: workStatus }, ...entries];
  }
  await tx.ticket.update({ where: { id: ticket.id }, data: { ...data, version } });
  await tx.ticketEvent.createMany({
    data: entries.map((e) => ({ tenantId: caller.tenantId, ticketId: ticket.id, actorId: caller.actor.id, kind: e.kind ?? 'field', version, field: e.field, oldValue: e.oldValue, newValue: e.newValue })),
  });
  if (event) await tx.outboxEvent.create({ data: { tenantId: caller.tenantId, type: event.type, payload: { ticketId: ticket.id, actorId: caller.actor.id, ...event.payload } as Prisma.InputJsonValue } });
  return { id: ticket.id, version };
}

/** The office hands the ticket to a company of its own tenant (active), or back to itself (null). */
export async function handOverTicket(caller: StaffCaller, input: z.output<typeof ZHandOver>) {
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.id, input.version);
    if (ticket.companyId === input.companyId) return { id: ticket.id, version: ticket.version };
    const company = input.companyId ? await tx.company.findUnique({ where: { tenantId_id: { tenantId: caller.tenantId, id: input.companyId } }, select: { name: true, active: true } }) : null;
    if (input.companyId && !company) throw notFound();
    if (company && !company.active) throw fieldError('companyId', 'validation.unknownOption');
    // The ticket starts over with the new holder: its acceptance, and an assignee of the former company, go.
    const assigneeLeaves = ticket.assigneeId !== null && ticket.companyId !== null;
    const entries: Entry[] = [{ field: 'companyId', oldValue: ticket.companyName, newValue: company?.name ?? null }];
    if (assigneeLeaves) entries.push({ field: 'assigneeId', oldValue: ticket.assigneeName, newValue: null });
    return record(
      caller,
      tx,
      ticket,
      { companyId: input.companyId, companyAcceptedAt: null, companyAcceptedById: null, ...(assigneeLeaves ? { assigneeId: null } : {}) },
      entries,
      { type: 'ticket.handedOver', payload: { companyId: input.companyId } },
    );
  });
}

/** The holder's check: only a user of the company the ticket is handed to answers for it. */
function assertHolder(caller: StaffCaller, ticket: Locked) {
  if (!caller.actor.companyId || ticket.companyId !== caller.actor.companyId) throw new AppError('FORBIDDEN', 'companies.notHolder');
}

/** "Prendi in carico": the company's manager accepts the ticket handed to it. */
export async function takeOverTicket(caller: StaffCaller, input: z.output<typeof ZTakeOver>) {
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.id, input.version);
    assertHolder(caller, ticket);
    if (ticket.companyAcceptedAt) throw new AppError('CONFLICT', 'companies.alreadyTaken');
    const now = new Date();
    return record(caller, tx, ticket, { companyAcceptedAt: now, companyAcceptedById: caller.actor.id }, [{ field: 'companyAcceptedAt', oldValue: null, newValue: ticket.companyName }], {
      type: 'ticket.takenOver',
      payload: { companyId: ticket.companyId },
    });
  });
}

/** "Rinuncia ticket": the company gives the ticket back, with its reason; it is "to assign" again. */
export async function renounceTicket(caller: StaffCaller, input: z.output<typeof ZRenounce>) {
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.id, input.version);
    assertHolder(caller, ticket);
    const entries: Entry[] = [{ kind: 'renounced', field: 'companyId', oldValue: ticket.companyName, newValue: input.reason }];
    if (ticket.assigneeId) entries.push({ field: 'assigneeId', oldValue: ticket.assigneeName, newValue: null });
    return record(caller, tx, ticket, { companyId: null, companyAcceptedAt: null, companyAcceptedById: null, assigneeId: null }, entries, {
      type: 'ticket.renounced',
      payload: { companyId: ticket.companyId, reason: input.reason },
    });
  });
}
