// C11: GET /api/tickets/[id]/pdf — the ticket as a PDF, read back with pdf.js as a reader would:
// the tenant, the ticket's fields, customer, connection, visit, history and signature lines; the
// customer's copy never holds an internal note nor an image kept for the office; the internal copy
// (?comments=1) does. Allowed, wrong role and cross-tenant cases through the real route and session cookies.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConnection, createCustomer, createTenant, staffOfEveryRole, type StaffOfEveryRole, type TestSession, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';
import { pdfText } from '../factories/pdf-text';

const { GET } = await import('@/app/api/tickets/[id]/pdf/route');
const { POST: UPLOAD } = await import('@/app/api/tickets/[id]/files/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let ticket: { id: string; number: number };
const NOTE = 'Clave del router: zorro-azul-77';

const staff = (tenant: TestTenant, ids: StaffOfEveryRole, role: keyof StaffOfEveryRole['ids']): TestSession => ({ kind: 'staff', userId: ids.ids[role], tenantId: tenant.id });

async function pdf(tenant: TestTenant, claims: TestSession | null, id: string, query = '') {
  const req = new Request(`http://${tenant.host}/api/tickets/${id}/pdf${query}`, { headers: { host: tenant.host } });
  const cookie = await sessionCookie(claims);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await GET(req, { params: Promise.resolve({ id }) });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function attachImage(visibility: 'PUBLIC' | 'STAFF', color: string) {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer();
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), `${visibility.toLowerCase()}.png`);
  data.set('visibility', visibility);
  const req = new Request(`http://${a.host}/api/tickets/${ticket.id}/files`, { method: 'POST', headers: { host: a.host, cookie: (await sessionCookie(staff(a, A, 'OPERATOR')))! }, body: data });
  expect((await UPLOAD(req, { params: Promise.resolve({ id: ticket.id }) })).status).toBe(201);
}

/** How many images the PDF places (pdfkit writes one XObject per image). */
const images = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  const customer = await createCustomer(a, { name: 'Ramona Quiroga', emails: ['ramona@example.com'] });
  const connection = await createConnection(a, customer.id, { address: 'Calle Falsa 123' });
  ticket = await A.OPERATOR.tickets.create({
    customerId: customer.id,
    connectionId: connection.id,
    title: 'Sin señal desde el lunes',
    description: 'La ONU parpadea en rojo. <b>no es markup</b>',
    assigneeId: A.ids.TECHNICIAN,
    complexity: 'HIGH',
    visit: { date: '2026-12-14', from: '09:00', to: '11:00' },
  });
  await A.OPERATOR.tickets.comment({ ticketId: ticket.id, body: 'Mañana pasa el técnico.', public: true });
  await A.TECHNICIAN.tickets.comment({ ticketId: ticket.id, body: NOTE, public: false });
  await attachImage('PUBLIC', '#2040c0');
  await attachImage('STAFF', '#c02040');
});

describe('GET /api/tickets/[id]/pdf', () => {
  it("draws the customer's copy: tenant, fields, customer, connection, visit, public history, public images, signatures; no internal note", async () => {
    const res = await pdf(a, staff(a, A, 'OPERATOR'), ticket.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('inline');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const text = await pdfText(res.bytes);
    for (const expected of [a.name, `Ticket #${ticket.number}`, 'Sin señal desde el lunes', 'Copia para el cliente', 'Ramona Quiroga', 'ramona@example.com', 'Calle Falsa 123', 'Alta', '09:00', '11:00', 'Creó el ticket.', 'Mañana pasa el técnico.', '<b>no es markup</b>', 'Firma del técnico', 'Firma del cliente', 'Aclaración']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('zorro-azul');
    expect(text).not.toContain('Nota interna');
    expect(text).not.toContain('staff.png');
    expect(images(res.bytes)).toBe(1);
  });

  it('draws the internal copy with ?comments=1: internal notes and the office’s images, said to be internal; ?download=1 saves it', async () => {
    const res = await pdf(a, staff(a, A, 'SUPERVISOR'), ticket.id, '?comments=1&download=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await pdfText(res.bytes);
    expect(text).toContain('Copia interna');
    expect(text).toContain(NOTE);
    expect(text).toContain('Mañana pasa el técnico.');
    expect(images(res.bytes)).toBe(2);
  });

  it('prints the products (amounts only for billing.read) and the kilometres declared', async () => {
    const product = await A.ADMIN.products.create({ name: 'Router <Wi-Fi> 6', code: 'RT-PDF', price: '1000', taxRate: '21' });
    const sold = await A.OPERATOR.tickets.create({ title: 'Venta en visita', description: 'Con router', assigneeId: A.ids.TECHNICIAN });
    await A.OPERATOR.products.setLine({ ticketId: sold.id, productId: product.id, quantity: 2, sold: true });
    await A.TECHNICIAN.tickets.update({ id: sold.id, version: (await A.OPERATOR.tickets.get({ id: sold.id })).version, kilometres: 7.5 });
    const office = await pdfText((await pdf(a, staff(a, A, 'OPERATOR'), sold.id)).bytes);
    for (const expected of ['Productos', 'Router <Wi-Fi> 6 (RT-PDF)', '× 2', 'entregado', 'Total de productos', '$ 2.420,00', 'Kilómetros', '7,5 km', '«—» -> «7.5»']) expect(office, expected).toContain(expected);
    const technician = await pdfText((await pdf(a, staff(a, A, 'TECHNICIAN'), sold.id)).bytes);
    expect(technician).toContain('Router <Wi-Fi> 6 (RT-PDF)');
    expect(technician).not.toContain('Total de productos');
    expect(technician).not.toContain('2.420');
  });

  it("is in the tenant's language and formats", async () => {
    const it_ = await createTenant({ country: 'IT' });
    const staffIt = await staffOfEveryRole(it_);
    const own = await staffIt.OPERATOR.tickets.create({ title: 'Nessun segnale', description: 'Luce rossa', visit: { date: '2026-12-14', from: '15:30', to: '17:00' } });
    const text = await pdfText((await pdf(it_, staff(it_, staffIt, 'OPERATOR'), own.id)).bytes);
    expect(text).toContain('Copia per il cliente');
    expect(text).toContain('Firma del tecnico');
    expect(text).toContain('15:30');
  });

  it('a technician reads the tickets assigned to them; another one, another tenant or no session do not', async () => {
    expect((await pdf(a, staff(a, A, 'TECHNICIAN'), ticket.id, '?comments=1')).status).toBe(200);
    const unassigned = await A.OPERATOR.tickets.create({ title: 'Ajeno al técnico', description: 'Sin asignar' });
    expect((await pdf(a, staff(a, A, 'TECHNICIAN'), unassigned.id)).status).toBe(404);
    expect((await pdf(b, staff(b, B, 'ADMIN'), ticket.id)).status).toBe(404);
    expect((await pdf(b, staff(b, B, 'ADMIN'), 'not-a-uuid')).status).toBe(404);
    expect((await pdf(a, staff(b, B, 'ADMIN'), ticket.id)).status).toBeGreaterThanOrEqual(401);
    expect((await pdf(a, staff(b, B, 'ADMIN'), ticket.id)).status).toBeLessThan(405);
    expect((await pdf(a, null, ticket.id)).status).toBe(401);
    const customer = await createCustomer(a, { portalPassword: true });
    expect((await pdf(a, { kind: 'customer', userId: customer.id, tenantId: a.id }, ticket.id)).status).toBe(403);
  });
});
