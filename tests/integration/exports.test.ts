// C15: GET /api/exports/tickets — the ticket grid as CSV or XLSX, read back as a spreadsheet would:
// the header, the rows the caller may see (a technician's own only), the filter's rows only, the
// price only for billing.read, formulas neutralised, an empty filter giving the header alone. Allowed,
// wrong-audience and cross-tenant cases through the real route and session cookies.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { createCustomer, type StaffOfEveryRole, type TestSession, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';

const { GET } = await import('@/app/api/exports/tickets/route');
const { GET: CUSTOMERS } = await import('@/app/api/exports/customers/route');
const { GET: MESSAGES } = await import('@/app/api/exports/messages/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
const staff = (tenant: TestTenant, ids: StaffOfEveryRole, role: keyof StaffOfEveryRole['ids']): TestSession => ({ kind: 'staff', userId: ids.ids[role], tenantId: tenant.id });
const ALL_COLUMNS = 'number,title,customer,assignee,priority,complexity,billable,due,visit,category,state,comments,files,opened,lastStatus,rating';

async function get(tenant: TestTenant, claims: TestSession | null, query: string, route = GET, path = 'tickets') {
  const req = new Request(`http://${tenant.host}/api/exports/${path}?${query}`, { headers: { host: tenant.host } });
  const cookie = await sessionCookie(claims);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await route(req);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

function csv(bytes: Buffer, delimiter = ';'): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.subarray(3).toString('utf8'), { delimiter, relax_column_count: false });
}

async function xlsx(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}

let mine: number, others: number, formula: number;

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  const customer = await createCustomer(a, { name: 'Ñandú Pérez' });
  const created = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin señal en el módem', description: 'Luz roja', assigneeId: A.ids.TECHNICIAN, complexity: 'HIGH', billable: true, cost: 1234.5 });
  mine = created.number;
  // Two comments and the customer's rating: the counts and the rating columns hold them.
  await A.OPERATOR.tickets.comment({ ticketId: created.id, body: 'Primera visita', public: true });
  await A.OPERATOR.tickets.comment({ ticketId: created.id, body: 'Nota interna', public: false });
  await db().ticketRating.create({ data: { tenantId: a.id, ticketId: created.id, customerId: customer.id, rating: 4 } });
  others = (await A.OPERATOR.tickets.create({ title: 'Cambio de plan', description: 'Pide más velocidad' })).number;
  formula = (await A.OPERATOR.tickets.create({ title: '=HYPERLINK("http://evil.test","clic")', description: '@SUM(1)' })).number;
  await B.OPERATOR.tickets.create({ title: 'Ticket de otra empresa', description: 'No debe salir' });
});

describe('GET /api/exports/tickets', () => {

  it('answers a CSV with a BOM, ";" for es-AR, the header and every ticket of the tab, accents intact, dates in the tenant’s format', async () => {
    const res = await get(a, staff(a, A, 'OPERATOR'), `format=csv&scope=all&columns=${ALL_COLUMNS}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = csv(res.bytes);
    expect(rows[0]).toContain('Precio');
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([formula, others, mine]);
    const first = rows.find((r) => Number(r[0]) === mine)!;
    expect(first).toContain('Sin señal en el módem');
    expect(first).toContain('Ñandú Pérez');
    expect(first).toContain('1234,50');
    // dd/mm/yyyy hh:mm, the tenant's way.
    expect(first[rows[0]!.indexOf('Apertura')]).toMatch(/^\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}$/);
    // The names rows point to (joined by the CSV's COPY; read once per export for XLSX): as the grid shows them.
    const shown = (await A.OPERATOR.tickets.list({ query: 'Sin señal en el módem' })).items.find((i) => i.number === mine)!;
    const cell = (header: string, row = first) => row[rows[0]!.indexOf(header)];
    expect([cell('Asignado a'), cell('Estado'), cell('Prioridad'), cell('Categoría')]).toEqual([shown.assigneeName, shown.stateName, shown.priorityName ?? '', shown.categoryName ?? '']);
    expect(cell('Asignado a')).toBeTruthy();
    expect([cell('Comentarios'), cell('Archivos'), cell('Calificación')]).toEqual(['2', '0', '4']);
    expect(cell('Calificación', rows.find((r) => Number(r[0]) === others))).toBe('');
    expect(cell('Estado')).toBeTruthy();
    expect(rows.flat()).not.toContain('Ticket de otra empresa');
  });

  it('neutralises cells a spreadsheet would run as formulas, in CSV and XLSX', async () => {
    const c = csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=all&columns=number,title')).bytes);
    expect(c.find((r) => Number(r[0]) === formula)![1]).toBe(`'=HYPERLINK("http://evil.test","clic")`);
    const x = await xlsx((await get(a, staff(a, A, 'OPERATOR'), 'format=xlsx&scope=all&columns=number,title')).bytes);
    expect(x.rows.find((r) => r[0] === formula)![1]).toBe(`'=HYPERLINK("http://evil.test","clic")`);
  });

  it('answers an XLSX with a bold header, typed numbers and dates', async () => {
    const res = await get(a, staff(a, A, 'ADMIN'), `format=xlsx&scope=all&columns=number,title,billable,opened`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { sheet, rows } = await xlsx(res.bytes);
    expect(rows[0]).toEqual(['Nº', 'Título', 'A facturar', 'Precio', 'Costo', 'Apertura']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = rows.find((r) => r[0] === mine)!;
    expect(row[1]).toBe('Sin señal en el módem');
    expect(row[2]).toBe('Sí');
    expect(row[4]).toBe(1234.5);
    expect(row[5]).toBeInstanceOf(Date);
    expect(Math.abs((row[5] as Date).getTime() - Date.now())).toBeLessThan(24 * 3600_000);
    expect(rows).toHaveLength(4);
  });

  it('exports only the filtered tickets; a filter matching nothing gives the header alone', async () => {
    const searched = csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=filtered&query=modem&columns=number,title')).bytes);
    expect(searched.slice(1).map((r) => Number(r[0]))).toEqual([mine]);
    const filtered = csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=filtered&complexity=HIGH&columns=number')).bytes);
    expect(filtered.slice(1).map((r) => Number(r[0]))).toEqual([mine]);
    const none = await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=filtered&query=nadacoincide&columns=number,title');
    expect(none.status).toBe(200);
    expect(csv(none.bytes)).toEqual([['Nº', 'Título']]);
    const noneX = await xlsx((await get(a, staff(a, A, 'OPERATOR'), 'format=xlsx&tab=CLOSED&columns=number,title')).bytes);
    expect(noneX.rows).toEqual([['Nº', 'Título']]);
    // scope=all ignores the search.
    expect(csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=all&query=nadacoincide&columns=number')).bytes)).toHaveLength(4);
  });

  it('a technician exports only the tickets they may see, without the price column', async () => {
    const res = await get(a, staff(a, A, 'TECHNICIAN'), `format=csv&scope=all&columns=${ALL_COLUMNS}`);
    expect(res.status).toBe(200);
    const rows = csv(res.bytes);
    expect(rows[0]).not.toContain('Precio');
    expect(rows[0]).not.toContain('Costo');
    expect(rows[0]).toContain('A facturar');
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([mine]);
    expect(rows.flat()).not.toContain('1234,50');
  });

  it('refuses a customer, no session and another tenant’s staff; bad input is a translated 400', async () => {
    expect((await get(a, null, 'format=csv&columns=number')).status).toBe(401);
    expect((await get(a, staff(b, B, 'ADMIN'), 'format=csv&columns=number')).status).toBe(401);
    const customer = await createCustomer(a, { portalPassword: true });
    expect([401, 403]).toContain((await get(a, { kind: 'customer', userId: customer.id, tenantId: a.id }, 'format=csv&columns=number')).status);
    const badFormat = await get(a, staff(a, A, 'OPERATOR'), 'format=pdf&columns=number');
    expect(badFormat.status).toBe(400);
    expect(JSON.parse(badFormat.bytes.toString()).error.message).toBe('Revisá los campos marcados.');
    const badColumns = await get(a, staff(a, A, 'OPERATOR'), 'format=csv&columns=number,password');
    expect(badColumns.status).toBe(400);
    expect((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&columns=')).status).toBe(400);
  });
});

describe('GET /api/exports/customers', () => {
  const customers = (tenant: TestTenant, claims: TestSession | null, query: string) => get(tenant, claims, query, CUSTOMERS, 'customers');
  it('exports the list (all active, or the search), accents intact, formulas neutralised; XLSX typed', async () => {
    await createCustomer(a, { name: '=cmd|"/c calc"!A1', code: 'FORMULA-1' });
    const all = csv((await customers(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=all')).bytes);
    expect(all[0]!.slice(0, 2)).toEqual(['Código', 'Nombre']);
    expect(all.map((r) => r[1])).toContain('Ñandú Pérez');
    expect(all.map((r) => r[1])).toContain(`'=cmd|"/c calc"!A1`);
    expect(all.flat()).not.toContain('Ticket de otra empresa');
    const searched = csv((await customers(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=filtered&query=nandu')).bytes);
    expect(searched.slice(1).map((r) => r[1])).toEqual(['Ñandú Pérez']);
    expect(csv((await customers(a, staff(a, A, 'OPERATOR'), 'format=csv&query=nadacoincide')).bytes)).toHaveLength(1);
    const x = await xlsx((await customers(a, staff(a, A, 'ADMIN'), 'format=xlsx&query=nandu')).bytes);
    expect(x.rows[1]![1]).toBe('Ñandú Pérez');
    expect(x.rows[1]![10]).toBeInstanceOf(Date);
  });
  it('refuses no session, a customer and another tenant’s staff', async () => {
    expect((await customers(a, null, 'format=csv')).status).toBe(401);
    expect((await customers(a, staff(b, B, 'ADMIN'), 'format=csv')).status).toBe(401);
    const customer = await createCustomer(a, { portalPassword: true });
    expect([401, 403]).toContain((await customers(a, { kind: 'customer', userId: customer.id, tenantId: a.id }, 'format=csv')).status);
    // B's own export never holds A's customers.
    expect(csv((await customers(b, staff(b, B, 'ADMIN'), 'format=csv&scope=all')).bytes).flat()).not.toContain('Ñandú Pérez');
  });
});

describe('GET /api/exports/messages', () => {
  const messages = (tenant: TestTenant, claims: TestSession | null, query: string) => get(tenant, claims, query, MESSAGES, 'messages');
  beforeAll(async () => {
    for (const [i, subject] of ['Su ticket fue asignado', 'Visita confirmada: técnico en camino', '+Oferta'].entries()) {
      await scopedDb(a.id).message.create({
        data: { tenantId: a.id, channel: 'EMAIL', status: i === 1 ? 'FAILED' : 'SENT', kind: 'AUTOMATIC', reason: 'ticket.assigned', recipient: `r${i}@example.com`, subject, text: 'Hola', locale: 'es', createdAt: new Date(Date.now() - i * 60_000) },
      });
    }
    await scopedDb(b.id).message.create({ data: { tenantId: b.id, channel: 'EMAIL', status: 'SENT', kind: 'AUTOMATIC', reason: 'ticket.assigned', recipient: 'otra@example.com', subject: 'De otra empresa', text: 'x', locale: 'es' } });
  });
  it('exports a channel’s log newest first, or its filters; formulas neutralised', async () => {
    const res = await messages(a, staff(a, A, 'OPERATOR'), 'format=csv&channel=EMAIL&scope=all');
    expect(res.status).toBe(200);
    const rows = csv(res.bytes);
    expect(rows[0]!.slice(0, 4)).toEqual(['Fecha', 'Tipo', 'Estado', 'Destinatario']);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['Su ticket fue asignado', 'Visita confirmada: técnico en camino', "'+Oferta"]);
    const failed = csv((await messages(a, staff(a, A, 'OPERATOR'), 'format=csv&channel=EMAIL&status=FAILED')).bytes);
    expect(failed.slice(1).map((r) => r[2])).toEqual(['Falló']);
    expect(csv((await messages(a, staff(a, A, 'OPERATOR'), 'format=csv&channel=SMS')).bytes)).toHaveLength(1);
  });
  it('refuses a technician (no messages.read), another tenant’s staff and bad input', async () => {
    expect((await messages(a, staff(a, A, 'TECHNICIAN'), 'format=csv&channel=EMAIL')).status).toBe(403);
    expect((await messages(a, staff(b, B, 'ADMIN'), 'format=csv&channel=EMAIL')).status).toBe(401);
    expect((await messages(a, staff(a, A, 'OPERATOR'), 'format=csv')).status).toBe(400);
    expect((await messages(a, staff(a, A, 'OPERATOR'), 'format=csv&channel=EMAIL&from=2026-12-10&to=2026-12-01')).status).toBe(400);
    expect(csv((await messages(b, staff(b, B, 'ADMIN'), 'format=csv&channel=EMAIL&scope=all')).bytes).slice(1).map((r) => r[5])).toEqual(['De otra empresa']);
  });
});

// Last: it adds a ticket the other cases do not expect.
describe('GET /api/exports/tickets, partner companies', () => {
  it('G2: the company handling a ticket is a column, and the filter by company (or the ISP’s own) selects the rows', async () => {
    const handed = await A.OPERATOR.tickets.create({ title: 'Entregado a la empresa', description: 'Fibra' });
    await A.OPERATOR.tickets.handOver({ id: handed.id, version: 1, companyId: A.companyId });
    const company = (await A.OPERATOR.tickets.get({ id: handed.id })).company!.name;
    const all = csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=all&columns=number,company')).bytes);
    expect(all[0]?.[1]).toBe('Empresa');
    expect(all.find((r) => Number(r[0]) === handed.number)?.[1]).toBe(company);
    expect(all.find((r) => Number(r[0]) === mine)?.[1]).toBe('');
    const theirs = csv((await get(a, staff(a, A, 'OPERATOR'), `format=csv&scope=filtered&companyId=${A.companyId}&columns=number`)).bytes);
    expect(theirs.slice(1).map((r) => Number(r[0]))).toEqual([handed.number]);
    const own = csv((await get(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=filtered&companyId=own&columns=number')).bytes);
    expect(own.slice(1).map((r) => Number(r[0]))).not.toContain(handed.number);
    expect(own.slice(1).map((r) => Number(r[0]))).toContain(mine);
    // The grid's filter is the same condition.
    const grid = await A.OPERATOR.tickets.list({ tab: 'PENDING', filters: { companyId: A.companyId } });
    expect(grid.items.map((i) => i.number)).toEqual([handed.number]);
  });
});
