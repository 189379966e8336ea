// F5, F6, F7, F11: what customers open from the portal — tickets (a category offered there, one of its
// reasons, photos), payment receipts (an image or a PDF only) and plan requests (plans offered there)
// — through the real route (POST /api/portal/tickets, Auth.js cookies) and the portal's procedures,
// with the tenant's defaults and the channel; every switch off refused by the server; the daily
// limit; closing; another customer's, another tenant's and staff get nothing.
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { asCustomer, createConnection, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';

const { POST } = await import('@/app/api/portal/tickets/route');
const { GET } = await import('@/app/api/portal/files/[id]/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let config: Awaited<ReturnType<StaffOfEveryRole['ADMIN']['ticketConfig']['get']>>;

const NONE: Record<'areaId' | 'categoryId' | 'assigneeId' | 'stateId' | 'priorityId', string | null> = { areaId: null, categoryId: null, assigneeId: null, stateId: null, priorityId: null };
const BASE = { view: true, create: true, onlyOpen: false, dailyLimit: false, dailyMax: 3, allowClose: true, defaults: NONE, receipt: true, receiptDefaults: NONE, plans: true, planDefaults: NONE };

async function settings(changes: Partial<typeof BASE> = {}) {
  return A.ADMIN.portalTicketSettings.update({ ...BASE, ...changes });
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const DOCX_LIKE = new TextEncoder().encode('Esto es texto plano, no un comprobante.\n');
async function photo(): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#30a030' } }).jpeg().toBuffer());
}

async function post(tenant: TestTenant, customerId: string | null, fields: Record<string, string>, files: { name: string; bytes: Uint8Array<ArrayBuffer> }[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const f of files) body.append('file', new Blob([f.bytes]), f.name);
  const req = new Request(`http://${tenant.host}/api/portal/tickets`, { method: 'POST', headers: { host: tenant.host }, body });
  const cookie = await sessionCookie(customerId ? { kind: 'customer', userId: customerId, tenantId: tenant.id } : null);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await POST(req);
  return { status: res.status, json: (await res.json()) as { id?: string; number?: number; error?: { code: string; message: string; fieldErrors?: Record<string, string> } } };
}

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  config = await A.ADMIN.ticketConfig.get();
});
beforeEach(async () => {
  await settings();
});

const offered = () => config.categories.find((c) => c.name === 'Sin conexión')!;

describe('opening a ticket from the portal (F11)', () => {
  it('creates it with the category, the reason, the defaults, the channel, its photos, history and the D2 event', async () => {
    const area = config.areas.find((x) => x.name === 'Mesa de ayuda')!;
    const state = config.states.find((s) => s.name === 'En curso')!;
    const priority = config.priorities.find((p) => p.name === 'Urgente')!;
    await settings({ defaults: { ...NONE, areaId: area.id, stateId: state.id, priorityId: priority.id, assigneeId: A.ids.TECHNICIAN } });
    const customer = await createCustomer(a, { name: 'Rosa Portal' });
    const category = offered();
    const options = await (await asCustomer(a, customer.id)).portal.tickets.options();
    expect(options.categories.find((c) => c.id === category.id)).toEqual({ id: category.id, description: 'No tengo Internet', reasons: ['No tengo Internet', 'Se cortó el servicio', 'El módem tiene una luz roja'] });

    const res = await post(a, customer.id, { kind: 'ticket', categoryId: category.id, reason: 'Se cortó el servicio', description: 'Desde anoche no navega.', channel: 'CUSTOMER_APP' }, [{ name: 'modem.jpg', bytes: await photo() }]);
    expect(res.status).toBe(201);
    const ticket = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: res.json.id! }, include: { files: true, events: true } });
    expect(ticket).toMatchObject({
      customerId: customer.id,
      categoryId: category.id,
      title: 'Se cortó el servicio',
      description: 'Desde anoche no navega.',
      channel: 'CUSTOMER_APP',
      areaId: area.id,
      stateId: state.id,
      priorityId: priority.id,
      assigneeId: A.ids.TECHNICIAN,
      createdById: null,
    });
    expect(ticket.files.map((f) => [f.name, f.visibility, f.image])).toEqual([['modem.jpg', 'PUBLIC', true]]);
    expect(ticket.events.map((e) => e.kind).sort()).toEqual(['created', 'file']);
    const outbox = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: ticket.id } } });
    expect(outbox.map((e) => e.type).sort()).toEqual(['ticket.assigned', 'ticket.created']);
    // The office sees it in its grid, numbered like any other.
    expect((await A.OPERATOR.tickets.get({ id: ticket.id })).number).toBe(res.json.number);

    // The customer sees it with its photo, and downloads the photo; another customer does not.
    const portal = await asCustomer(a, customer.id);
    const shown = await portal.portal.tickets.get({ id: ticket.id });
    expect(shown.files).toEqual([{ id: ticket.files[0]!.id, name: 'modem.jpg', image: true }]);
    const fileReq = (id: string | null) => async () => {
      const req = new Request(`http://${a.host}/api/portal/files/${ticket.files[0]!.id}`, { headers: { host: a.host } });
      const cookie = await sessionCookie(id ? { kind: 'customer', userId: id, tenantId: a.id } : null);
      if (cookie) req.headers.set('cookie', cookie);
      return (await GET(req, { params: Promise.resolve({ id: ticket.files[0]!.id }) })).status;
    };
    expect(await fileReq(customer.id)()).toBe(200);
    expect(await fileReq((await createCustomer(a)).id)()).toBe(404);
  });

  it('without a category’s default, the tenant’s defaults apply; a category not offered, a reason not of the category, or no reason are refused', async () => {
    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const hidden = await A.ADMIN.ticketConfig.categories.create({ name: 'Interna', inPortal: false, inCustomerApp: true, customerReasons: ['Uno'] });
    const err1 = await rejects(portal.portal.tickets.create({ categoryId: hidden.id, reason: 'Uno', description: 'x' }), 'BAD_REQUEST');
    expect(err1.cause).toMatchObject({ fieldErrors: { categoryId: { key: 'validation.unknownOption' } } });
    // Offered in the app, so from the installed app it is accepted.
    expect((await portal.portal.tickets.create({ categoryId: hidden.id, reason: 'Uno', description: 'x', channel: 'CUSTOMER_APP' })).number).toBeGreaterThan(0);
    const err2 = await rejects(portal.portal.tickets.create({ categoryId: offered().id, reason: 'Anda lento', description: 'x' }), 'BAD_REQUEST');
    expect(err2.cause).toMatchObject({ fieldErrors: { reason: { key: 'validation.unknownOption' } } });
    const err3 = await rejects(portal.portal.tickets.create({ categoryId: offered().id, description: 'x' }), 'BAD_REQUEST');
    expect(err3.cause).toMatchObject({ fieldErrors: { reason: { key: 'validation.required' } } });
    // Another tenant's category does not exist here.
    const foreign = (await B.ADMIN.ticketConfig.get()).categories[0]!;
    await rejects(portal.portal.tickets.create({ categoryId: foreign.id, description: 'x' }), 'BAD_REQUEST');
    // A file that is not an image is refused with its name, and nothing is created.
    const before = await scopedDb(a.id).ticket.count({ where: { customerId: customer.id } });
    const res = await post(a, customer.id, { kind: 'ticket', categoryId: offered().id, reason: 'No tengo Internet', description: 'x' }, [{ name: 'factura.pdf', bytes: PDF }]);
    expect(res.status).toBe(400);
    expect(res.json.error!.fieldErrors!['files.0']).toBe('«factura.pdf» no es una imagen. Podés adjuntar fotos (JPG, PNG, WebP, GIF).');
    expect(await scopedDb(a.id).ticket.count({ where: { customerId: customer.id } })).toBe(before);
  });

  it('the daily limit refuses the next ticket, translated; the office’s tickets do not count', async () => {
    await settings({ dailyLimit: true, dailyMax: 2 });
    const customer = await createCustomer(a);
    await A.OPERATOR.tickets.create({ customerId: customer.id, description: 'Del teléfono' });
    const portal = await asCustomer(a, customer.id);
    const input = { categoryId: offered().id, reason: 'No tengo Internet', description: 'Otra vez' };
    await portal.portal.tickets.create(input);
    await portal.portal.tickets.create(input);
    const refused = await rejects(portal.portal.tickets.create(input), 'TOO_MANY_REQUESTS');
    expect(refused.message).toBe('portalTickets.dailyLimit');
    const res = await post(a, customer.id, { kind: 'ticket', ...input });
    expect(res.status).toBe(429);
    expect(res.json.error!.message).toBe('Ya cargaste 2 tickets hoy, el máximo por día. Vas a poder cargar otro mañana.');
    expect((await portal.portal.tickets.options()).openedToday).toBe(2);
  });

  it('each switch off is refused by the server', async () => {
    const customer = await createCustomer(a);
    // Signed in afresh after each change: a request reads the tenant's settings as they are then.
    const portal = { portal: { tickets: new Proxy({}, { get: (_t, name: string) => async (input?: unknown) => ((await asCustomer(a, customer.id)).portal.tickets as unknown as Record<string, (i?: unknown) => Promise<unknown>>)[name]!(input) }) as Awaited<ReturnType<typeof asCustomer>>['portal']['tickets'] } };
    const t = await portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'x' });

    await settings({ create: false });
    await rejects(portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'x' }), 'FORBIDDEN');
    expect((await post(a, customer.id, { kind: 'ticket', categoryId: offered().id, reason: 'No tengo Internet', description: 'x' })).status).toBe(403);
    expect((await portal.portal.tickets.options()).categories).toEqual([]);

    await settings({ view: false });
    await rejects(portal.portal.tickets.list(), 'FORBIDDEN');
    await rejects(portal.portal.tickets.get({ id: t.id }), 'FORBIDDEN');
    await rejects(portal.portal.tickets.reply({ ticketId: t.id, body: 'hola' }), 'FORBIDDEN');
    await rejects(portal.portal.tickets.close({ id: t.id }), 'FORBIDDEN');

    await settings({ allowClose: false });
    await rejects(portal.portal.tickets.close({ id: t.id }), 'FORBIDDEN');

    await settings({ receipt: false });
    const receipt = await post(a, customer.id, { kind: 'receipt' }, [{ name: 'pago.pdf', bytes: PDF }]);
    expect(receipt.status).toBe(403);
    expect(receipt.json.error!.message).toBe('Tu proveedor no permite cargar comprobantes de pago desde el portal.');

    await settings({ plans: false });
    const plan = (await A.ADMIN.catalog.createPlan({ name: 'Fibra Portal', downloadMbps: 100, uploadMbps: 50, offeredInPortal: true, active: true }));
    await rejects(portal.portal.tickets.requestPlan({ planId: plan.id }), 'FORBIDDEN');
    expect((await portal.portal.tickets.options()).offeredPlans).toEqual([]);
  });

  it('only open tickets: a resolved or closed one is neither listed nor found', async () => {
    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const open = await portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'abierto' });
    const done = await portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'cerrado' });
    await portal.portal.tickets.close({ id: done.id });
    await settings({ onlyOpen: true });
    const again = await asCustomer(a, customer.id);
    expect((await again.portal.tickets.list()).map((x) => x.id)).toEqual([open.id]);
    await rejects(again.portal.tickets.get({ id: done.id }), 'NOT_FOUND');
    await rejects(again.portal.tickets.reply({ ticketId: done.id, body: 'hola' }), 'NOT_FOUND');
  });
});

describe('closing, receipts and plans', () => {
  it('the customer closes their own ticket: closed state, history, the office’s counts; another customer cannot', async () => {
    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const t = await portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'x' });
    const neighbour = await asCustomer(a, (await createCustomer(a)).id);
    await rejects(neighbour.portal.tickets.close({ id: t.id }), 'NOT_FOUND');
    const stranger = await asCustomer(b, (await createCustomer(b)).id);
    await rejects(stranger.portal.tickets.close({ id: t.id }), 'NOT_FOUND');
    await rejects(A.OPERATOR.portal.tickets.close({ id: t.id }), 'FORBIDDEN');
    const countsBefore = (await A.OPERATOR.tickets.list({ tab: 'CLOSED' })).counts;
    expect(await portal.portal.tickets.close({ id: t.id })).toEqual({ id: t.id, stage: 'CLOSED' });
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view.stage).toBe('CLOSED');
    const countsAfter = (await A.OPERATOR.tickets.list({ tab: 'CLOSED' })).counts;
    expect(countsAfter.CLOSED).toBe(countsBefore.CLOSED + 1);
    expect(countsAfter.PENDING).toBe(countsBefore.PENDING - 1);
    expect((await portal.portal.tickets.get({ id: t.id })).states.map((s) => s.state)).toEqual(['Cerrado']);
  });

  it('a receipt (image or PDF) opens a ticket with the receipt’s defaults and the file; anything else is refused, translated', async () => {
    const billing = config.categories.find((c) => c.name === 'Facturación')!;
    const admin = config.areas.find((x) => x.name === 'Administración')!;
    await settings({ receiptDefaults: { ...NONE, categoryId: billing.id, areaId: admin.id, assigneeId: A.ids.OPERATOR } });
    const customer = await createCustomer(a, { name: 'Pagador Puntual' });
    const ok = await post(a, customer.id, { kind: 'receipt', note: 'Transferencia del 3/12' }, [{ name: 'transferencia.pdf', bytes: PDF }]);
    expect(ok.status).toBe(201);
    const ticket = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: ok.json.id! }, include: { files: true } });
    expect(ticket).toMatchObject({ title: 'Comprobante de pago', description: 'Transferencia del 3/12', categoryId: billing.id, areaId: admin.id, assigneeId: A.ids.OPERATOR, channel: 'PORTAL', customerId: customer.id });
    expect(ticket.files.map((f) => [f.name, f.mime])).toEqual([['transferencia.pdf', 'application/pdf']]);
    expect((await post(a, customer.id, { kind: 'receipt' }, [{ name: 'foto.jpg', bytes: await photo() }])).status).toBe(201);

    const before = await scopedDb(a.id).ticket.count({ where: { customerId: customer.id } });
    const text = await post(a, customer.id, { kind: 'receipt' }, [{ name: 'comprobante.txt', bytes: DOCX_LIKE }]);
    expect(text.status).toBe(400);
    expect(text.json.error!.fieldErrors!['files.0']).toBe('«comprobante.txt» no es una imagen ni un PDF. El comprobante tiene que ser una foto o un PDF.');
    const exe = await post(a, customer.id, { kind: 'receipt' }, [{ name: 'pago.exe', bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array(200).fill(0)]) }]);
    expect(exe.status).toBe(400);
    expect(exe.json.error!.fieldErrors!['files.0']).toContain('no es una imagen ni un PDF');
    expect((await post(a, customer.id, { kind: 'receipt' })).status).toBe(400);
    expect(await scopedDb(a.id).ticket.count({ where: { customerId: customer.id } })).toBe(before);
    // Without a session, or as staff: refused before anything is read.
    expect((await post(a, null, { kind: 'receipt' }, [{ name: 'p.pdf', bytes: PDF }])).status).toBe(401);
  });

  it('a plan request among the plans offered in the portal, for one of my connections or a new one', async () => {
    const sales = config.categories.find((c) => c.name === 'Cambio de plan')!;
    await settings({ planDefaults: { ...NONE, categoryId: sales.id } });
    const offeredPlan = await A.ADMIN.catalog.createPlan({ name: 'Fibra 500 Portal', downloadMbps: 500, uploadMbps: 250, offeredInPortal: true, active: true });
    const hiddenPlan = await A.ADMIN.catalog.createPlan({ name: 'Dedicado Oficina', downloadMbps: 1000, uploadMbps: 1000, offeredInPortal: false, active: true });
    const customer = await createCustomer(a);
    const connection = await createConnection(a, customer.id, { address: 'Mitre 123' });
    const other = await createConnection(a, (await createCustomer(a)).id, { address: 'Ajena 9' });
    const portal = await asCustomer(a, customer.id);
    const options = await portal.portal.tickets.options();
    expect(options.offeredPlans.map((p) => p.name)).toContain('Fibra 500 Portal');
    expect(options.offeredPlans.map((p) => p.name)).not.toContain('Dedicado Oficina');
    expect(options.connections.map((c) => c.id)).toEqual([connection.id]);

    const change = await portal.portal.tickets.requestPlan({ planId: offeredPlan.id, connectionId: connection.id, note: 'Trabajo desde casa' });
    const ticket = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: change.id } });
    expect(ticket).toMatchObject({ title: 'Pedido de cambio de plan a Fibra 500 Portal', categoryId: sales.id, connectionId: connection.id, customerId: customer.id, channel: 'PORTAL' });
    expect(ticket.description).toContain('Trabajo desde casa');
    const fresh = await portal.portal.tickets.requestPlan({ planId: offeredPlan.id });
    expect((await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: fresh.id } })).connectionId).toBeNull();

    const e1 = await rejects(portal.portal.tickets.requestPlan({ planId: hiddenPlan.id }), 'BAD_REQUEST');
    expect(e1.cause).toMatchObject({ fieldErrors: { planId: { key: 'validation.unknownOption' } } });
    const e2 = await rejects(portal.portal.tickets.requestPlan({ planId: offeredPlan.id, connectionId: other.id }), 'BAD_REQUEST');
    expect(e2.cause).toMatchObject({ fieldErrors: { connectionId: { key: 'validation.unknownOption' } } });
    const foreignPlan = await B.ADMIN.catalog.createPlan({ name: 'Plan B', downloadMbps: 10, uploadMbps: 5, offeredInPortal: true, active: true });
    await rejects(portal.portal.tickets.requestPlan({ planId: foreignPlan.id }), 'BAD_REQUEST');
  });
});

describe('what the customer never receives', () => {
  it('an internal note, an office-only or technician-only file of their own ticket: not in the ticket, not downloadable', async () => {
    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const t = await portal.portal.tickets.create({ categoryId: offered().id, reason: 'No tengo Internet', description: 'x' });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Nota Interna Secreta', public: false });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Respuesta pública', public: true });
    const hidden = await Promise.all(
      (['STAFF', 'TECHNICIAN'] as const).map((visibility) =>
        scopedDb(a.id).ticketFile.create({ data: { tenantId: a.id, ticketId: t.id, name: `Archivo ${visibility} Secreto.pdf`, mime: 'application/pdf', size: 9, image: false, visibility, storage: 'LOCAL', key: `${a.id}/nada-${visibility}` } }),
      ),
    );
    const shown = JSON.stringify(await portal.portal.tickets.get({ id: t.id }));
    expect(shown).toContain('Respuesta pública');
    expect(shown).not.toContain('Nota Interna Secreta');
    expect(shown).not.toContain('Secreto.pdf');
    for (const file of hidden) {
      const req = new Request(`http://${a.host}/api/portal/files/${file.id}`, { headers: { host: a.host } });
      req.headers.set('cookie', (await sessionCookie({ kind: 'customer', userId: customer.id, tenantId: a.id }))!);
      expect((await GET(req, { params: Promise.resolve({ id: file.id }) })).status).toBe(404);
    }
  });
});

describe('who may call', () => {
  it('staff are FORBIDDEN from the portal’s procedures and route; customers from the settings card; only settings.manage saves', async () => {
    await rejects(A.OPERATOR.portal.tickets.options(), 'FORBIDDEN');
    await rejects(A.ADMIN.portal.tickets.create({ description: 'x' }), 'FORBIDDEN');
    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    await rejects(portal.portalTicketSettings.get(), 'FORBIDDEN');
    await rejects(portal.portalTicketSettings.update(BASE), 'FORBIDDEN');
    await rejects(A.OPERATOR.portalTicketSettings.update(BASE), 'FORBIDDEN');
    await A.SUPERVISOR.portalTicketSettings.get().catch(() => undefined);
    // Another tenant's rows cannot be a default here.
    const foreign = (await B.ADMIN.ticketConfig.get()).states[0]!;
    const err = await rejects(A.ADMIN.portalTicketSettings.update({ ...BASE, defaults: { ...NONE, stateId: foreign.id } }), 'BAD_REQUEST');
    expect(err.cause).toMatchObject({ fieldErrors: { 'defaults.stateId': { key: 'validation.unknownOption' } } });
    // Tenant B's settings are its own.
    expect((await B.ADMIN.portalTicketSettings.get()).receipt).toBe(false);
    // A customer of tenant A on tenant B's host is refused.
    const res = await (async () => {
      const body = new FormData();
      body.set('kind', 'receipt');
      const req = new Request(`http://${b.host}/api/portal/tickets`, { method: 'POST', headers: { host: b.host }, body });
      req.headers.set('cookie', (await sessionCookie({ kind: 'customer', userId: customer.id, tenantId: a.id }))!);
      return (await POST(req)).status;
    })();
    expect(res).toBe(401);
    expect(await db().ticket.count({ where: { tenantId: b.id, customerId: customer.id } })).toBe(0);
  });
});
