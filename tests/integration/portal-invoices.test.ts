// F4/F10: the customer's invoices in the portal — the list and the statement with the figures of the
// data, one invoice with the payments that settled it, the PDF route (the ISP's, or one Antena draws); each of the tenant's two
// switches enforced by the server; another customer's invoice NOT_FOUND, another tenant's too; the
// switches' settings for the admin only.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { scopedDb } from '@/server/data/scoped';
import { fileStore } from '@/server/files/storage';
import { asCustomer, asStaff, createCustomer, twoTenantsWithStaff, type StaffOfEveryRole, type TestSession, type TestTenant } from '../factories';
import { sessionCookie } from '../factories/http';
import { pdfText } from '../factories/pdf-text';

const { GET: PDF } = await import('@/app/api/portal/invoices/[id]/pdf/route');

let a: TestTenant;
let b: TestTenant;
let A: StaffOfEveryRole;
let B: StaffOfEveryRole;
let mine: { id: string };
let neighbour: { id: string };
const inv: Record<string, string> = {};
const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% factura de prueba\n%%EOF\n');
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function pdf(tenant: TestTenant, session: TestSession | null, id: string, download = false) {
  const req = new Request(`http://${tenant.host}/api/portal/invoices/${id}/pdf${download ? '?download=1' : ''}`, { headers: { host: tenant.host } });
  const cookie = await sessionCookie(session);
  if (cookie) req.headers.set('cookie', cookie);
  return PDF(req, { params: Promise.resolve({ id }) });
}

async function setSwitches(showStatement: boolean, allowDownload: boolean) {
  await A.ADMIN.tenants.updatePortalInvoiceSettings({ showStatement, allowDownload });
}

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  mine = await createCustomer(a, { name: 'Clienta Facturada', portalPassword: true });
  neighbour = await createCustomer(a, { name: 'Vecino', portalPassword: true });
  const db = scopedDb(a.id);
  // Two months: September paid in full, October paid in part (and overdue), November not yet due.
  const rows = [
    { number: 'B-0001', issuedOn: '2026-09-01', dueOn: '2026-09-10', period: '2026-09', total: 15000, balance: 0, status: 'PAID' as const },
    { number: 'B-0002', issuedOn: '2026-10-01', dueOn: '2026-10-10', period: '2026-10', total: 15000, balance: 5000, status: 'PARTIAL' as const },
    { number: 'B-0003', issuedOn: '2026-11-01', dueOn: '2026-12-20', period: '2026-11', total: 16500, balance: 16500, status: 'UNPAID' as const },
  ];
  for (const r of rows) {
    const row = await db.invoice.create({ data: { tenantId: a.id, customerId: mine.id, type: 'B', ...r, issuedOn: day(r.issuedOn), dueOn: day(r.dueOn) } });
    inv[r.number] = row.id;
  }
  const other = await db.invoice.create({ data: { tenantId: a.id, customerId: neighbour.id, number: 'B-9999', type: 'B', issuedOn: day('2026-11-01'), dueOn: day('2026-11-10'), total: 999, balance: 999, status: 'UNPAID' } });
  inv['B-9999'] = other.id;
  const pays = [
    { paidOn: '2026-09-08', amount: 15000, method: 'Transferencia', to: 'B-0001' },
    { paidOn: '2026-10-09', amount: 10000, method: 'Efectivo', to: 'B-0002' },
  ];
  for (const p of pays) {
    const payment = await db.payment.create({ data: { tenantId: a.id, customerId: mine.id, paidOn: day(p.paidOn), amount: p.amount, method: p.method } });
    await db.paymentAllocation.create({ data: { tenantId: a.id, customerId: mine.id, paymentId: payment.id, invoiceId: inv[p.to]!, amount: p.amount } });
  }
  // PDFs for the October invoice and the neighbour's.
  const store = fileStore();
  for (const id of [inv['B-0002']!, other.id]) {
    const key = await store.put(`${a.id}/${randomUUID()}`, PDF_BYTES, { name: 'f.pdf', mime: 'application/pdf' });
    await db.invoice.update({ where: { id }, data: { pdfName: 'B-0002.pdf', pdfStorage: store.kind, pdfKey: key, pdfSize: PDF_BYTES.byteLength } });
  }
});

describe('portal.invoices', () => {
  it('lists my invoices newest first, and my statement with the figures of the data', async () => {
    await setSwitches(true, true);
    const list = await (await asCustomer(a, mine.id)).portal.invoices.list();
    expect(list.invoices.map((i) => [i.number, i.balance, i.status, i.pdf])).toEqual([
      ['B-0003', 16500, 'UNPAID', true],
      ['B-0002', 5000, 'PARTIAL', true],
      ['B-0001', 0, 'PAID', true],
    ]);
    expect(list.allowDownload).toBe(true);
    expect(list.statement).toMatchObject({ balance: 21500, debt: 21500, overdueDebt: 5000, overdueInvoices: 1, nextDueOn: '2026-12-20' });
    expect(list.statement!.entries.map((e) => [e.kind, e.balance])).toEqual([
      ['invoice', 15000],
      ['payment', 0],
      ['invoice', 15000],
      ['payment', 5000],
      ['invoice', 21500],
    ]);
    expect(JSON.stringify(list)).not.toContain('B-9999');
  });

  it('shows one of my invoices with the payments that settled it; another customer’s is NOT_FOUND', async () => {
    const me = await asCustomer(a, mine.id);
    const one = await me.portal.invoices.get({ id: inv['B-0002']! });
    expect(one).toMatchObject({ number: 'B-0002', total: 15000, balance: 5000, overdue: true, pdf: true, currency: 'ARS' });
    expect(one.payments).toEqual([{ paidOn: '2026-10-09', method: 'Efectivo', amount: 10000 }]);
    await expect(me.portal.invoices.get({ id: inv['B-9999']! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect((await asCustomer(b, mine.id)).portal.invoices.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('is not the office’s: staff of every role are refused', async () => {
    for (const role of ['ADMIN', 'OPERATOR', 'TECHNICIAN'] as const) await expect(A[role].portal.invoices.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('serves my invoice’s PDF, inline or to save; never another customer’s, another tenant’s or without a customer’s session', async () => {
    await setSwitches(true, true);
    const me: TestSession = { kind: 'customer', userId: mine.id, tenantId: a.id };
    const inline = await pdf(a, me, inv['B-0002']!);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(PDF_BYTES);
    expect((await pdf(a, me, inv['B-0002']!, true)).headers.get('content-disposition')).toMatch(/^attachment;/);
    // The ISP sent no PDF of September's: Antena draws one from the invoice, in the tenant's words and money.
    const drawn = await pdf(a, me, inv['B-0001']!);
    expect(drawn.status).toBe(200);
    const text = await pdfText(new Uint8Array(await drawn.arrayBuffer()));
    for (const expected of ['Factura B B-0001', 'Clienta Facturada', 'Pagada', '2026-09', 'Transferencia', 'Documento generado por Antena']) expect(text).toContain(expected);
    expect(text.replace(/\s/g, ' ')).toContain('Total: $ 15.000,00');
    expect((await pdf(a, me, inv['B-9999']!)).status).toBe(404); // the neighbour's
    expect((await pdf(b, { kind: 'customer', userId: mine.id, tenantId: b.id }, inv['B-0002']!)).status).toBe(401);
    expect((await pdf(a, null, inv['B-0002']!)).status).toBe(401);
    expect((await pdf(a, { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id }, inv['B-0002']!)).status).toBe(403);
  });

  it('follows the switches on the server: no statement, no PDF', async () => {
    await setSwitches(false, false);
    try {
      const list = await (await asCustomer(a, mine.id)).portal.invoices.list();
      expect(list.statement).toBeNull();
      expect(list.allowDownload).toBe(false);
      expect(list.invoices.every((i) => !i.pdf)).toBe(true);
      expect(list.invoices).toHaveLength(3);
      expect((await (await asCustomer(a, mine.id)).portal.invoices.get({ id: inv['B-0002']! })).pdf).toBe(false);
      const refused = await pdf(a, { kind: 'customer', userId: mine.id, tenantId: a.id }, inv['B-0002']!);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('Tu proveedor no habilitó la descarga de facturas en el portal.');
    } finally {
      await setSwitches(true, true);
    }
  });
});

describe('tenants.portalInvoiceSettings', () => {
  it('the admin reads and changes them; managers read; others are refused; each tenant has its own', async () => {
    await A.ADMIN.tenants.updatePortalInvoiceSettings({ showStatement: false, allowDownload: true });
    // A caller made now: the factory's callers keep the tenant as it was when they were made.
    expect(await (await asStaff(a, A.ids.SUPERVISOR)).tenants.portalInvoiceSettings()).toEqual({ showStatement: false, allowDownload: true });
    expect(await B.ADMIN.tenants.portalInvoiceSettings()).toEqual({ showStatement: true, allowDownload: true });
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      await expect(A[role].tenants.updatePortalInvoiceSettings({ showStatement: true, allowDownload: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(A.TECHNICIAN.tenants.portalInvoiceSettings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await asCustomer(a, mine.id)).tenants.portalInvoiceSettings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await A.ADMIN.tenants.updatePortalInvoiceSettings({ showStatement: true, allowDownload: true });
  });
});
