// G7: a customer's sites and equipment, and what a ticket names of them — the office from the
// customer's page, ticket workers through a ticket they may see, the technician app's queue (exactly
// once), a duplicate serial, another customer's or tenant's rows refused with nothing saved.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { createConnection, createCustomer, createTenant, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';
import { sessionCookie } from '../factories/http';
import { pdfText } from '../factories/pdf-text';

const { GET: PDF } = await import('@/app/api/tickets/[id]/pdf/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let ana: { id: string }, beto: { id: string }, foreign: { id: string };
let anaConnection: { id: string };

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  [ana, beto, foreign] = await Promise.all([createCustomer(a, { name: 'Ana Equipos' }), createCustomer(a, { name: 'Beto Equipos' }), createCustomer(b, { name: 'Cliente de B' })]);
  anaConnection = await createConnection(a, ana.id, { address: 'Av. Siempreviva 742' });
}, 60_000);

const router = (serial: string | null = null) => ({ type: 'ROUTER' as const, brand: 'TP-Link', model: 'Archer C6', serial });

describe('the office: a customer’s sites and equipment', () => {
  it('creates, lists, corrects and removes them', async () => {
    const site = await A.OPERATOR.equipment.createSite({ customerId: ana.id, label: 'Local comercial', address: 'San Martín 120', locality: 'Rosario', latitude: -32.95, longitude: -60.64 });
    const ont = await A.OPERATOR.equipment.create({ customerId: ana.id, type: 'ONT', brand: 'Huawei', model: 'HG8145V5', serial: 'HWTC-OF-1', connectionId: anaConnection.id });
    const r = await A.SUPERVISOR.equipment.create({ customerId: ana.id, ...router('TPL-OF-1'), siteId: site.id, note: 'En el depósito' });
    let list = await A.ADMIN.equipment.ofCustomer({ customerId: ana.id });
    expect(list.sites).toMatchObject([{ id: site.id, label: 'Local comercial', locality: 'Rosario' }]);
    expect(list.equipment.map((e) => [e.type, e.serial, e.siteId, e.connectionId])).toEqual([
      ['ONT', 'HWTC-OF-1', null, anaConnection.id],
      ['ROUTER', 'TPL-OF-1', site.id, null],
    ]);
    expect(list.connections).toEqual([{ id: anaConnection.id, address: 'Av. Siempreviva 742' }]);
    await A.OPERATOR.equipment.update({ id: r.id, serial: 'TPL-OF-2', note: '' });
    list = await A.OPERATOR.equipment.ofCustomer({ customerId: ana.id });
    expect(list.equipment.find((e) => e.id === r.id)).toMatchObject({ serial: 'TPL-OF-2', note: null });
    await A.OPERATOR.equipment.remove({ id: ont.id });
    expect((await A.OPERATOR.equipment.ofCustomer({ customerId: ana.id })).equipment.map((e) => e.id)).toEqual([r.id]);
  });

  it('a duplicate serial is the serial field’s CONFLICT, in the tenant, and nothing is saved', async () => {
    await A.OPERATOR.equipment.create({ customerId: ana.id, ...router('DUP-SERIAL-1') });
    const before = await scopedDb(a.id).customerEquipment.count();
    const error = await rejects(A.OPERATOR.equipment.create({ customerId: beto.id, ...router('DUP-SERIAL-1') }), 'CONFLICT');
    expect(error.cause).toMatchObject({ fieldErrors: { serial: { key: 'equipment.serialTaken' } } });
    expect((error as unknown as { data?: { fieldErrors?: Record<string, string> } }).data?.fieldErrors?.serial ?? JSON.stringify(error.cause)).toBeTruthy();
    expect(await scopedDb(a.id).customerEquipment.count()).toBe(before);
    // Another tenant may use the same serial; and no serial at all is never a duplicate.
    await B.OPERATOR.equipment.create({ customerId: foreign.id, ...router('DUP-SERIAL-1') });
    await A.OPERATOR.equipment.create({ customerId: beto.id, ...router(null) });
    await A.OPERATOR.equipment.create({ customerId: beto.id, ...router('') });
  });

  it('links only the customer’s own site and connection', async () => {
    const betoSite = await A.OPERATOR.equipment.createSite({ customerId: beto.id, label: 'Casa de campo', address: 'Ruta 9 km 12' });
    const error = await rejects(A.OPERATOR.equipment.create({ customerId: ana.id, ...router(), siteId: betoSite.id }), 'BAD_REQUEST');
    expect(error.cause).toMatchObject({ fieldErrors: { siteId: { key: 'validation.unknownOption' } } });
    await rejects(A.OPERATOR.equipment.create({ customerId: beto.id, ...router(), connectionId: anaConnection.id }), 'BAD_REQUEST');
  });

  it('wrong roles are FORBIDDEN: technicians and a partner company reach equipment only through a ticket', async () => {
    for (const role of ['TECHNICIAN', 'PARTNER_MANAGER'] as const) {
      await rejects(A[role].equipment.ofCustomer({ customerId: ana.id }), 'FORBIDDEN');
      await rejects(A[role].equipment.create({ customerId: ana.id, ...router() }), 'FORBIDDEN');
      await rejects(A[role].equipment.createSite({ customerId: ana.id, label: 'X', address: 'Y' }), 'FORBIDDEN');
    }
  });

  it('another tenant’s customer, equipment and site are NOT_FOUND, and nothing changes', async () => {
    const theirs = await B.OPERATOR.equipment.create({ customerId: foreign.id, ...router('B-ONLY-1') });
    const theirSite = await B.OPERATOR.equipment.createSite({ customerId: foreign.id, label: 'Sede B', address: 'Calle B' });
    await rejects(A.ADMIN.equipment.ofCustomer({ customerId: foreign.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.create({ customerId: foreign.id, ...router() }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.update({ id: theirs.id, serial: 'ROBADO' }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.remove({ id: theirs.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.updateSite({ id: theirSite.id, label: 'Robada' }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.removeSite({ id: theirSite.id }), 'NOT_FOUND');
    const still = await B.ADMIN.equipment.ofCustomer({ customerId: foreign.id });
    expect(still.equipment.find((e) => e.id === theirs.id)?.serial).toBe('B-ONLY-1');
    expect(still.sites.map((s) => s.label)).toEqual(['Sede B']);
  });
});

describe('a ticket names its site and equipment', () => {
  it('on creation and in a save, with the history naming them; another customer’s is refused with nothing saved', async () => {
    const site = await A.OPERATOR.equipment.createSite({ customerId: ana.id, label: 'Oficina', address: 'Córdoba 1500' });
    const mine = await A.OPERATOR.equipment.create({ customerId: ana.id, ...router('TICKET-EQ-1') });
    const betos = await A.OPERATOR.equipment.create({ customerId: beto.id, ...router('TICKET-EQ-2') });
    const t = await A.OPERATOR.tickets.create({ customerId: ana.id, connectionId: anaConnection.id, siteId: site.id, equipmentId: mine.id, description: 'El router no enciende' });
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view.site).toMatchObject({ id: site.id, label: 'Oficina', address: 'Córdoba 1500' });
    expect(view.equipment).toMatchObject({ id: mine.id, type: 'ROUTER', brand: 'TP-Link', serial: 'TICKET-EQ-1' });
    // The grid's row ("Info productos") carries it too.
    const row = (await A.OPERATOR.tickets.list({ query: 'El router no enciende' })).items.find((i) => i.id === t.id);
    expect(row?.equipment).toEqual({ type: 'ROUTER', brand: 'TP-Link', model: 'Archer C6', serial: 'TICKET-EQ-1' });

    const count = await scopedDb(a.id).ticket.count();
    const refused = await rejects(A.OPERATOR.tickets.create({ customerId: ana.id, equipmentId: betos.id, description: 'Ajeno' }), 'BAD_REQUEST');
    expect(refused.cause).toMatchObject({ fieldErrors: { equipmentId: { key: 'validation.unknownOption' } } });
    await rejects(A.OPERATOR.tickets.create({ equipmentId: mine.id, description: 'Sin cliente' }), 'BAD_REQUEST');
    expect(await scopedDb(a.id).ticket.count()).toBe(count);

    const error = await rejects(A.OPERATOR.tickets.update({ id: t.id, version: view.version, equipmentId: betos.id }), 'BAD_REQUEST');
    expect(error.cause).toMatchObject({ fieldErrors: { equipmentId: { key: 'validation.unknownOption' } } });
    expect((await A.OPERATOR.tickets.get({ id: t.id })).version).toBe(view.version);

    const saved = await A.OPERATOR.tickets.update({ id: t.id, version: view.version, equipmentId: null, siteId: null });
    expect(saved.changed.sort()).toEqual(['equipmentId', 'siteId']);
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    expect(history.find((h) => h.field === 'equipmentId')).toMatchObject({ oldValue: 'TP-Link Archer C6 · S/N TICKET-EQ-1', newValue: null });
    // A technician may not change what the ticket names (TICKET_FIELDS: tickets.edit).
    const techTicket = await A.OPERATOR.tickets.create({ customerId: ana.id, description: 'Del técnico', assigneeId: A.ids.TECHNICIAN });
    await rejects(A.TECHNICIAN.tickets.update({ id: techTicket.id, version: 1, equipmentId: mine.id }), 'FORBIDDEN');
  });

  it('equipment a ticket names cannot be removed (CONFLICT); a site neither', async () => {
    const site = await A.OPERATOR.equipment.createSite({ customerId: ana.id, label: 'Depósito', address: 'Mitre 300' });
    const named = await A.OPERATOR.equipment.create({ customerId: ana.id, ...router('NAMED-1') });
    await A.OPERATOR.tickets.create({ customerId: ana.id, siteId: site.id, equipmentId: named.id, description: 'Nombrado' });
    const error = await rejects(A.OPERATOR.equipment.remove({ id: named.id }), 'CONFLICT');
    expect(error.message).toBeTruthy();
    await rejects(A.OPERATOR.equipment.removeSite({ id: site.id }), 'CONFLICT');
    expect((await A.OPERATOR.equipment.ofCustomer({ customerId: ana.id })).equipment.some((e) => e.id === named.id)).toBe(true);
  });
});

describe('through a ticket: technicians and partner companies', () => {
  it('the assigned technician reads and edits the ticket’s customer’s equipment; another ticket is NOT_FOUND', async () => {
    const t = await A.OPERATOR.tickets.create({ customerId: beto.id, description: 'Sin señal', assigneeId: A.ids.TECHNICIAN });
    const notMine = await A.OPERATOR.tickets.create({ customerId: beto.id, description: 'De otro', assigneeId: A.ids.OPERATOR });
    const created = await A.TECHNICIAN.equipment.ticketCreate({ ticketId: t.id, type: 'ANTENNA', brand: 'Ubiquiti', model: 'LiteBeam 5AC Gen2', serial: 'UBNT-TECH-1' });
    const seen = await A.TECHNICIAN.equipment.ofTicket({ ticketId: t.id });
    expect(seen.customerId).toBe(beto.id);
    expect(seen.equipment.find((e) => e.id === created.id)).toMatchObject({ brand: 'Ubiquiti', serial: 'UBNT-TECH-1' });
    await A.TECHNICIAN.equipment.ticketUpdate({ ticketId: t.id, id: created.id, serial: 'UBNT-TECH-2' });
    await rejects(A.TECHNICIAN.equipment.ofTicket({ ticketId: notMine.id }), 'NOT_FOUND');
    await rejects(A.TECHNICIAN.equipment.ticketUpdate({ ticketId: notMine.id, id: created.id, serial: 'X' }), 'NOT_FOUND');
    // Ana's equipment named with Beto's ticket is not found.
    const anas = await A.OPERATOR.equipment.create({ customerId: ana.id, ...router('ANA-ONLY-1') });
    await rejects(A.TECHNICIAN.equipment.ticketUpdate({ ticketId: t.id, id: anas.id, serial: 'X' }), 'NOT_FOUND');
    await rejects(A.TECHNICIAN.equipment.ticketRemove({ ticketId: t.id, id: anas.id }), 'NOT_FOUND');
    await A.TECHNICIAN.equipment.ticketRemove({ ticketId: t.id, id: created.id });
    expect((await A.OPERATOR.equipment.ofCustomer({ customerId: beto.id })).equipment.some((e) => e.id === created.id)).toBe(false);
  });

  it('a partner company’s manager only through its company’s tickets', async () => {
    const t = await A.OPERATOR.tickets.create({ customerId: ana.id, description: 'Para la empresa' });
    await rejects(A.PARTNER_MANAGER.equipment.ofTicket({ ticketId: t.id }), 'NOT_FOUND');
    await A.OPERATOR.tickets.handOver({ id: t.id, version: 1, companyId: A.companyId });
    const seen = await A.PARTNER_MANAGER.equipment.ofTicket({ ticketId: t.id });
    expect(seen.customerId).toBe(ana.id);
    // No connections for who may not read them.
    expect(seen.connections).toEqual([]);
  });

  it('another tenant’s ticket is NOT_FOUND', async () => {
    const theirs = await B.OPERATOR.tickets.create({ customerId: foreign.id, description: 'De B' });
    await rejects(A.ADMIN.equipment.ofTicket({ ticketId: theirs.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.equipment.ticketCreate({ ticketId: theirs.id, ...router() }), 'NOT_FOUND');
  });
});

describe('the technician app’s queue: the equipment kind', () => {
  it('applies a change exactly once by its key, and the technician’s ticket carries site, equipment and the customer’s list', async () => {
    const site = await A.OPERATOR.equipment.createSite({ customerId: beto.id, label: 'Quinta', address: 'Camino 5' });
    const eq = await A.OPERATOR.equipment.create({ customerId: beto.id, ...router('QUEUE-1'), siteId: site.id });
    const t = await A.OPERATOR.tickets.create({ customerId: beto.id, siteId: site.id, equipmentId: eq.id, description: 'Cola', assigneeId: A.ids.TECHNICIAN });
    const ticket = await A.TECHNICIAN.tech.ticket({ id: t.id });
    expect(ticket.site).toMatchObject({ label: 'Quinta', address: 'Camino 5' });
    expect(ticket.equipment).toMatchObject({ id: eq.id, serial: 'QUEUE-1' });
    expect(ticket.customerEquipment.map((e) => e.id)).toContain(eq.id);
    expect(ticket.customerSites.map((s) => s.id)).toContain(site.id);

    const change = { kind: 'equipment' as const, key: randomUUID(), ticketId: t.id, id: eq.id, action: 'update' as const, fields: { serial: 'QUEUE-1-FIXED' } };
    const first = await A.TECHNICIAN.tech.send(change);
    const again = await A.TECHNICIAN.tech.send(change);
    expect(again).toEqual(first);
    expect((await A.OPERATOR.tickets.get({ id: t.id })).equipment?.serial).toBe('QUEUE-1-FIXED');
    // Applied once: a later office correction is not undone by a replay.
    await A.OPERATOR.equipment.update({ id: eq.id, serial: 'OFFICE-FIX' });
    await A.TECHNICIAN.tech.send(change);
    expect((await A.OPERATOR.tickets.get({ id: t.id })).equipment?.serial).toBe('OFFICE-FIX');
    // The same key with another change is refused.
    await rejects(A.TECHNICIAN.tech.send({ ...change, fields: { serial: 'OTRO' } }), 'CONFLICT');

    // Created offline with the device's id, then corrected by that id, once each.
    const id = randomUUID();
    const create = { kind: 'equipment' as const, key: randomUUID(), ticketId: t.id, id, action: 'create' as const, fields: { type: 'ONT' as const, brand: 'ZTE', model: 'F660', serial: 'ZTEG-Q-1' } };
    await A.TECHNICIAN.tech.send(create);
    await A.TECHNICIAN.tech.send(create);
    const list = await A.OPERATOR.equipment.ofCustomer({ customerId: beto.id });
    expect(list.equipment.filter((e) => e.serial === 'ZTEG-Q-1').map((e) => e.id)).toEqual([id]);
    // A duplicate serial from the street is refused with the serial's error, and leaves no receipt.
    const dup = { kind: 'equipment' as const, key: randomUUID(), ticketId: t.id, id: randomUUID(), action: 'create' as const, fields: { type: 'ONT' as const, brand: 'ZTE', model: 'F660', serial: 'ZTEG-Q-1' } };
    const error = await rejects(A.TECHNICIAN.tech.send(dup), 'CONFLICT');
    expect(error.cause).toMatchObject({ fieldErrors: { serial: { key: 'equipment.serialTaken' } } });
    expect(await db().syncReceipt.count({ where: { tenantId: a.id, key: dup.key } })).toBe(0);
    // Incomplete creation is a field error.
    await rejects(A.TECHNICIAN.tech.send({ ...dup, key: randomUUID(), fields: { brand: 'X' } }), 'BAD_REQUEST');
    // A ticket the technician may not see: NOT_FOUND.
    const notMine = await A.OPERATOR.tickets.create({ customerId: beto.id, description: 'Ajeno', assigneeId: A.ids.OPERATOR });
    await rejects(A.TECHNICIAN.tech.send({ ...change, key: randomUUID(), ticketId: notMine.id }), 'NOT_FOUND');
  });
});

describe('the customer portal', () => {
  it('a customer reads only their own sites and equipment', async () => {
    const { asCustomer } = await import('../factories');
    await A.OPERATOR.equipment.create({ customerId: ana.id, type: 'DECODER', brand: 'Kaon', model: 'KSTB6077', serial: 'KAON-P-1' });
    const portal = await asCustomer(a, ana.id);
    const mine = await portal.portal.equipment();
    expect(mine.equipment.some((e) => e.serial === 'KAON-P-1')).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('QUEUE-1');
  });

  it('opens a ticket about their own equipment; another customer’s is refused with nothing saved', async () => {
    const { asCustomer } = await import('../factories');
    const { allPortalTicketSwitchesOn } = await import('../factories/portal-tickets');
    await allPortalTicketSwitchesOn(a);
    const own = await A.OPERATOR.equipment.create({ customerId: ana.id, type: 'ROUTER', brand: 'Mercusys', model: 'MR30G', serial: 'MERC-P-1' });
    const betos = await A.OPERATOR.equipment.create({ customerId: beto.id, type: 'ROUTER', brand: 'Mercusys', model: 'MR30G', serial: 'MERC-P-2' });
    const portal = await asCustomer(a, ana.id);
    const categoryId = (await A.ADMIN.ticketConfig.categories.create({ name: 'Falla de equipo', inPortal: true })).id;
    const count = await scopedDb(a.id).ticket.count();
    const refused = await rejects(portal.portal.tickets.create({ categoryId, description: 'El router de otro', equipmentId: betos.id }), 'BAD_REQUEST');
    expect(refused.cause).toMatchObject({ fieldErrors: { equipmentId: { key: 'validation.unknownOption' } } });
    expect(await scopedDb(a.id).ticket.count()).toBe(count);
    const created = await portal.portal.tickets.create({ categoryId, description: 'Mi router se reinicia', equipmentId: own.id });
    expect((await A.OPERATOR.tickets.get({ id: created.id })).equipment?.serial).toBe('MERC-P-1');
  });
});

describe('the ticket’s PDF', () => {
  it('prints the site and the equipment', async () => {
    const site = await A.OPERATOR.equipment.createSite({ customerId: ana.id, label: 'Sucursal Norte', address: 'Belgrano 45' });
    const eq = await A.OPERATOR.equipment.create({ customerId: ana.id, type: 'ONT', brand: 'Nokia', model: 'G-240W-F', serial: 'ALCLF-PDF-1' });
    const t = await A.OPERATOR.tickets.create({ customerId: ana.id, siteId: site.id, equipmentId: eq.id, description: 'Para imprimir' });
    const req = new Request(`http://${a.host}/api/tickets/${t.id}/pdf`, { headers: { host: a.host, cookie: (await sessionCookie({ kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }))! } });
    const res = await PDF(req, { params: Promise.resolve({ id: t.id }) });
    expect(res.status).toBe(200);
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain('Sucursal Norte · Belgrano 45');
    expect(text).toContain('Nokia G-240W-F');
    expect(text).toContain('ALCLF-PDF-1');
  });
});

describe('tenant deletion', () => {
  it('takes sites, equipment and the tickets naming them along', async () => {
    const gone = await createTenant();
    const customer = await createCustomer(gone);
    const scoped = scopedDb(gone.id);
    const site = await scoped.customerSite.create({ data: { tenantId: gone.id, customerId: customer.id, label: 'S', address: 'A' } });
    const eq = await scoped.customerEquipment.create({ data: { tenantId: gone.id, customerId: customer.id, type: 'ROUTER', brand: 'B', model: 'M', siteId: site.id } });
    const { asStaff } = await import('../factories');
    const admin = await asStaff(gone, gone.adminId);
    await admin.tickets.create({ customerId: customer.id, siteId: site.id, equipmentId: eq.id, description: 'x' });
    await db().tenant.delete({ where: { id: gone.id } });
    expect(await db().customerEquipment.count({ where: { tenantId: gone.id } })).toBe(0);
  });
});
