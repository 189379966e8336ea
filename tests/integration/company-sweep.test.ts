// G2: the company-to-company sweep. Generated from the root router like the tenant and role sweeps,
// so procedures added later are swept too: within one tenant, the users of partner company X (its
// manager, and its technician — who even sees all of X's tickets here) call every procedure with
// the ids of a ticket handed to company Y (the ticket, its comment, file and history entry, and
// company Y itself). Every call ends NOT_FOUND, FORBIDDEN or an "unknown option" field error, or
// answers nothing of that ticket; and Y's ticket and everything under it stay byte for byte the same.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { generate, hasId, inputSchema, procedureOf, procedures } from '../factories/sweep';
import { asStaff, createCompany, createCustomer, createUser, createTenant, patchTenantSettings, type TestTenant } from '../factories';

let t: TestTenant;
let yTicket: string;
let yIds: string[];
let companyX: string;
const MARKERS = ['Ticket Empresa Y', 'Descripción Empresa Y', 'Comentario Empresa Y', 'Archivo Empresa Y', 'Empresa Y Secreta'];

async function snapshot(): Promise<string> {
  const parts = await Promise.all([
    db().ticket.findMany({ where: { id: yTicket } }),
    ...(['ticketEvent', 'ticketComment', 'ticketFile', 'ticketRead'] as const).map((table) =>
      (db()[table] as unknown as { findMany(a: object): Promise<unknown[]> }).findMany({ where: { ticketId: yTicket } }).then((rows) => rows.map((r) => JSON.stringify(r)).sort()),
    ),
  ]);
  return JSON.stringify(parts);
}

beforeAll(async () => {
  t = await createTenant();
  // The company's technician sees every ticket of its company here: still none of another company's.
  await patchTenantSettings(t.id, { techApp: { seeAllTickets: true } });
  const [x, y] = await Promise.all([createCompany(t, { name: 'Empresa X' }), createCompany(t, { name: 'Empresa Y Secreta' })]);
  companyX = x.id;
  const yTech = await createUser(t, 'TECHNICIAN', { companyId: y.id });
  const admin = await asStaff(t, t.adminId);
  const customer = await createCustomer(t);
  const ticket = await admin.tickets.create({ customerId: customer.id, title: 'Ticket Empresa Y', description: 'Descripción Empresa Y' });
  yTicket = ticket.id;
  const handed = await admin.tickets.handOver({ id: ticket.id, version: 1, companyId: y.id });
  await admin.tickets.update({ id: ticket.id, version: handed.version, assigneeId: yTech.id });
  const comment = await admin.tickets.comment({ ticketId: ticket.id, body: 'Comentario Empresa Y', public: true });
  const file = await scopedDb(t.id).ticketFile.create({
    data: { tenantId: t.id, ticketId: ticket.id, name: 'Archivo Empresa Y.pdf', mime: 'application/pdf', size: 9, image: false, visibility: 'PUBLIC', storage: 'LOCAL', key: `${t.id}/${randomUUID()}` },
  });
  const event = await scopedDb(t.id).ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id }, select: { id: true } });
  yIds = [ticket.id, comment.id, file.id, event.id, y.id, yTech.id];
});

describe('company-to-company sweep (G2)', () => {
  it.each(procedures.map(([path, proc]) => ({ path, proc })))('$path shows company X nothing of company Y’s ticket', async ({ path, proc }) => {
    const [manager, technician] = await Promise.all([createUser(t, 'PARTNER_MANAGER', { companyId: companyX }), createUser(t, 'TECHNICIAN', { companyId: companyX })]);
    const personas = { manager: await asStaff(t, manager.id), technician: await asStaff(t, technician.id) };
    const schema = inputSchema(proc);
    const ids = schema && hasId(schema) ? yIds : [yTicket];
    const before = await snapshot();
    for (const id of ids) {
      const input = schema ? generate(schema, id) : undefined;
      for (const [persona, caller] of Object.entries(personas)) {
        try {
          const text = JSON.stringify(await procedureOf(caller, path)(input)) ?? '';
          for (const marker of [...MARKERS, yTicket]) expect(text, `${path} as company X's ${persona} returned company Y's ${marker}`).not.toContain(marker);
        } catch (error) {
          const e = error as { code?: string; message?: string; cause?: { fieldErrors?: Record<string, { key: string }> } };
          const fields = Object.values(e.cause?.fieldErrors ?? {});
          const unknownReference = e.code === 'BAD_REQUEST' && fields.length > 0 && fields.every((f) => f.key === 'validation.unknownOption');
          const allowed = e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN' || unknownReference;
          expect(allowed, `${path} as company X's ${persona} with ${id}: ${e.code} ${e.message} ${JSON.stringify(e.cause ?? {})}`).toBe(true);
          // The ticket itself is simply not found: never "not your company's ticket", which would reveal it exists.
          if ((e.cause as { messageKey?: string } | undefined)?.messageKey === 'companies.notHolder') {
            throw new Error(`${path} as company X's ${persona} told company Y's ticket exists (${JSON.stringify(e.cause)})`);
          }
        }
      }
    }
    expect(await snapshot(), `${path} changed company Y's ticket`).toBe(before);
  });
});
