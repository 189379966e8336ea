// F9: the portal's home (portal.home: the account's figures equal the data), "Pagar" with Mercado Pago
// Checkout Pro against a local server speaking its API (tests/fakes/mercadopago.ts, reached by the
// real `mercadopago` SDK through MERCADOPAGO_API_URL), the notification route (a good one records
// once and settles the oldest invoices, a forged one is a 401, a replay records nothing), the payment
// settings (secrets never answered, roles, tenants) and a customer's own invoice PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '@/lib/format';
import { scopedDb } from '@/server/data/scoped';
import { fileStore } from '@/server/files/storage';
import { asCustomer, createConnection, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';
import { mercadoPagoSignature, startFakeMercadoPago } from '../fakes/mercadopago';

const { POST: NOTIFY } = await import('@/app/api/payments/mercadopago/notify/route');
const { GET: PDF } = await import('@/app/api/portal/invoices/[id]/pdf/route');

const ACCOUNT = { accessToken: 'APP_USR-1234567890-local-token-a', webhookSecret: 'secreto-webhook-a' };
/** Notifications reach the route handler directly (no server listens on the tenant's host here). */
const mp = await startFakeMercadoPago({
  accounts: [ACCOUNT],
  deliver: async (url, body, headers) => (await NOTIFY(new Request(url, { method: 'POST', headers: { ...headers, host: new URL(url).host, 'content-type': 'application/json' }, body }))).status,
});
process.env.MERCADOPAGO_API_URL = mp.url;

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let c1: { id: string }, c2: { id: string };
const inv = { paid: '', overdue: '', current: '', void: '', other: '' };

function dayFrom(today: string, days: number): Date {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000);
}

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  c1 = await createCustomer(a, { name: 'Clara Pagadora', emails: ['clara@example.com'], portalPassword: true });
  c2 = await createCustomer(a, { name: 'Vecino Ajeno', portalPassword: true });
  const s = scopedDb(a.id);
  const today = dayIn(new Date(), a.timeZone);
  const invoice = (number: string, issued: number, due: number, total: string, balance: string, status: 'PAID' | 'UNPAID' | 'PARTIAL' | 'VOID', customerId = c1.id) =>
    s.invoice.create({ data: { tenantId: a.id, customerId, number, type: 'B', issuedOn: dayFrom(today, issued), dueOn: dayFrom(today, due), total, balance, status } });
  // Paid two months ago; last month's partly paid and overdue; this month's owed and not yet due; one annulled.
  inv.paid = (await invoice('A-0001', -70, -60, '1000', '0', 'PAID')).id;
  inv.overdue = (await invoice('A-0002', -40, -30, '1000', '400', 'PARTIAL')).id;
  inv.current = (await invoice('A-0003', -5, 10, '1500.50', '1500.50', 'UNPAID')).id;
  inv.void = (await invoice('A-0004', -3, 12, '999', '999', 'VOID')).id;
  inv.other = (await invoice('B-0001', -5, 10, '777', '777', 'UNPAID', c2.id)).id;
  const p1 = await s.payment.create({ data: { tenantId: a.id, customerId: c1.id, paidOn: dayFrom(today, -62), amount: '1000', method: 'Efectivo', reference: 'E-1' } });
  await s.paymentAllocation.create({ data: { tenantId: a.id, customerId: c1.id, paymentId: p1.id, invoiceId: inv.paid, amount: '1000' } });
  const p2 = await s.payment.create({ data: { tenantId: a.id, customerId: c1.id, paidOn: dayFrom(today, -32), amount: '600', method: 'Transferencia', reference: 'T-1' } });
  await s.paymentAllocation.create({ data: { tenantId: a.id, customerId: c1.id, paymentId: p2.id, invoiceId: inv.overdue, amount: '600' } });
  const blocked = await createConnection(a, c1.id, { address: 'Calle Cortada 5' });
  await s.connection.update({ where: { id: blocked.id }, data: { status: 'BLOCKED' } });
  await createConnection(a, c1.id, { address: 'Calle Viva 9' });
});
afterAll(() => mp.close());

const enableMercadoPago = (admin = A.ADMIN) =>
  admin.payments.updateSettings({ mercadoPagoEnabled: true, charge: 'FREE', otherMethods: 'Transferencia al CBU 0000003100000000000001', accessToken: ACCOUNT.accessToken, webhookSecret: ACCOUNT.webhookSecret });

describe('portal.home', () => {
  it('answers the customer’s figures as the data and the office’s statement say', async () => {
    const home = await (await asCustomer(a, c1.id)).portal.home();
    const statement = await A.OPERATOR.billing.customer({ customerId: c1.id });
    // 1000 + 1000 + 1500.50 invoiced (the annulled one does not count), 1600 paid.
    expect(home).toMatchObject({ currency: 'ARS', balance: 1900.5, debt: 1900.5, overdueDebt: 400, overdueInvoices: 1 });
    expect({ balance: home.balance, debt: home.debt, overdueDebt: home.overdueDebt, overdueInvoices: home.overdueInvoices, nextDueOn: home.nextDueOn }).toEqual({
      balance: statement.balance, debt: statement.debt, overdueDebt: statement.overdueDebt, overdueInvoices: statement.overdueInvoices, nextDueOn: statement.nextDueOn,
    });
    expect(home.lastInvoice).toMatchObject({ id: inv.current, number: 'A-0003', total: 1500.5, balance: 1500.5, hasPdf: true }); // downloads allowed: the ISP's PDF, or one Antena draws
    expect(home.connections.map((c) => [c.address, c.status])).toEqual([['Calle Cortada 5', 'BLOCKED'], ['Calle Viva 9', 'ENABLED']]);
    expect(JSON.stringify(home)).not.toContain('B-0001');
  });

  it('offers no online payment while the tenant has no Mercado Pago credentials, and the server refuses a checkout', async () => {
    const home = await (await asCustomer(b, (await createCustomer(b, { portalPassword: true })).id)).portal.home();
    expect(home.pay.online).toBe(false);
    await rejects((await asCustomer(a, c1.id)).portal.pay.checkout({ choice: 'TOTAL' }), 'FORBIDDEN');
  });

  it('is the customer’s only: staff may not call it', async () => {
    await rejects(A.ADMIN.portal.home(), 'FORBIDDEN');
  });
});

describe('payment settings', () => {
  it('keeps the secrets on the server, answering only whether they are set', async () => {
    const view = await enableMercadoPago();
    expect(view).toMatchObject({ mercadoPagoEnabled: true, accessTokenSet: true, webhookSecretSet: true, accessTokenEnd: 'en-a' });
    expect(view.notificationUrl).toBe(`http://${a.slug}.localhost:3000/api/payments/mercadopago/notify`.replace(':3000', new URL(view.notificationUrl).port ? `:${new URL(view.notificationUrl).port}` : ''));
    const read = JSON.stringify(await A.SUPERVISOR.payments.settings());
    expect(read).not.toContain(ACCOUNT.accessToken);
    expect(read).not.toContain(ACCOUNT.webhookSecret);
    // Saving without the secrets keeps them.
    expect(await A.ADMIN.payments.updateSettings({ mercadoPagoEnabled: true, charge: 'FREE', otherMethods: 'Transferencia al CBU 0000003100000000000001' })).toMatchObject({ accessTokenSet: true, webhookSecretSet: true });
  });

  it('refuses other roles and other tenants', async () => {
    await rejects(A.SUPERVISOR.payments.updateSettings({ mercadoPagoEnabled: false, charge: 'FREE', otherMethods: '' }), 'FORBIDDEN');
    await rejects(A.OPERATOR.payments.settings(), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.payments.settings(), 'FORBIDDEN');
    await rejects((await asCustomer(a, c1.id)).payments.settings(), 'FORBIDDEN');
    // Tenant B's admin sees B's settings: nothing of A's.
    expect(await B.ADMIN.payments.settings()).toMatchObject({ mercadoPagoEnabled: false, accessTokenSet: false, webhookSecretSet: false });
  });

  it('refuses switching Mercado Pago on without its credentials', async () => {
    await rejects(B.ADMIN.payments.updateSettings({ mercadoPagoEnabled: true, charge: 'FREE', otherMethods: '' }), 'BAD_REQUEST');
    await rejects(B.ADMIN.payments.updateSettings({ mercadoPagoEnabled: true, charge: 'FREE', otherMethods: '', accessToken: 'APP_USR-x' }), 'BAD_REQUEST');
  });
});

describe('Pagar with Mercado Pago Checkout Pro', () => {
  beforeAll(() => enableMercadoPago());

  it('offers the seed’s amounts, worked out on the server', async () => {
    const home = await (await asCustomer(a, c1.id)).portal.home();
    expect(home.pay.online).toBe(true);
    expect(home.pay.choices).toEqual([
      { choice: 'OVERDUE', amount: 400 },
      { choice: 'LAST_INVOICE', amount: 1500.5 },
      { choice: 'TOTAL', amount: 1900.5 },
      { choice: 'MANUAL', amount: null },
    ]);
    expect(home.pay.otherMethods).toContain('CBU');
  });

  it('refuses a typed amount of zero, negative or with more decimals than the currency has, with a translated message', async () => {
    const customer = await asCustomer(a, c1.id);
    for (const [amount, key] of [['0', 'notPositive'], ['-5', 'notPositive'], ['10.123', 'tooManyDecimals'], ['diez', 'invalid'], ['', 'invalid']] as const) {
      const error = await customer.portal.pay.checkout({ choice: 'MANUAL', amount }).then(() => null, (e: unknown) => e as { code: string; cause?: { fieldErrors?: Record<string, { key: string }> }; shape?: unknown });
      expect(error?.code, amount).toBe('BAD_REQUEST');
      expect(error?.cause?.fieldErrors?.amount?.key).toBe(`portalHome.amount.${key}`);
    }
    expect(mp.preferences.size).toBe(0);
  });

  it('creates a preference with the amount, the customer, a traceable reference, the notification URL on the tenant’s host and the portal’s back URLs', async () => {
    const checkout = await (await asCustomer(a, c1.id)).portal.pay.checkout({ choice: 'OVERDUE' });
    expect(checkout.amount).toBe(400);
    const pref = [...mp.preferences.values()].at(-1)!;
    expect(checkout.initPoint).toBe(`${mp.url}/checkout/v1/redirect?pref_id=${pref.id}`);
    expect(pref.token).toBe(ACCOUNT.accessToken);
    const body = pref.body as { items: { unit_price: number; currency_id: string }[]; external_reference: string; notification_url: string; back_urls: { success: string }; payer: { email: string } };
    expect(body.items[0]).toMatchObject({ unit_price: 400, currency_id: 'ARS' });
    expect(body.external_reference).toMatch(new RegExp(`^antena:${c1.id}:`));
    expect(new URL(body.notification_url).host).toBe(new URL(body.back_urls.success).host);
    expect(new URL(body.notification_url).hostname).toBe(`${a.slug}.localhost`);
    expect(new URL(body.notification_url).pathname).toBe('/api/payments/mercadopago/notify');
    expect(new URL(body.back_urls.success).pathname).toBe('/portal/pay/result');
    expect(body.payer.email).toBe('clara@example.com');
  });

  it('records an approved payment once, settling the oldest invoices first; a replay records nothing', async () => {
    const customer = await asCustomer(a, c1.id);
    const checkout = await customer.portal.pay.checkout({ choice: 'MANUAL', amount: '1000,25' });
    expect(checkout.amount).toBe(1000.25);
    const pref = [...mp.preferences.values()].at(-1)!;
    const { payment, notification } = await mp.pay(pref.id);
    expect(notification.status).toBe(200);
    const s = scopedDb(a.id);
    const recorded = await s.payment.findMany({ where: { customerId: c1.id, method: 'Mercado Pago' }, include: { allocations: true } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.reference).toBe(String(payment.id));
    expect(Number(recorded[0]!.amount)).toBe(1000.25);
    // 400 to the overdue invoice, the remaining 600.25 to this month's.
    expect(Object.fromEntries(recorded[0]!.allocations.map((x) => [x.invoiceId, Number(x.amount)]))).toEqual({ [inv.overdue]: 400, [inv.current]: 600.25 });
    const home = await customer.portal.home();
    expect(home).toMatchObject({ debt: 900.25, overdueDebt: 0, overdueInvoices: 0, balance: 900.25 });
    expect(await customer.portal.pay.result({ paymentId: String(payment.id) })).toEqual({ state: 'RECEIVED', amount: 1000.25 });
    // Replayed, twice at once and once more: still one payment, the invoices as they were.
    const again = await Promise.all([mp.notify(payment), mp.notify(payment)]);
    expect(again.map((n) => n.status)).toEqual([200, 200]);
    expect((await mp.notify(payment)).status).toBe(200);
    expect(await s.payment.count({ where: { method: 'Mercado Pago', reference: String(payment.id) } })).toBe(1);
    expect(await customer.portal.home()).toMatchObject({ debt: 900.25 });
    // Another customer of the tenant asking about this payment learns nothing.
    expect(await (await asCustomer(a, c2.id)).portal.pay.result({ paymentId: String(payment.id) })).toEqual({ state: 'PENDING', amount: null });
  });

  it('answers 401 to a forged signature and records nothing; a rejected payment records nothing', async () => {
    const customer = await asCustomer(a, c1.id);
    await customer.portal.pay.checkout({ choice: 'TOTAL' });
    const pref = [...mp.preferences.values()].at(-1)!;
    const before = await scopedDb(a.id).payment.count();
    // The payment exists at Mercado Pago, but this notification is signed with another secret.
    const { payment } = await mp.pay(pref.id, 'rejected');
    expect(await scopedDb(a.id).payment.count()).toBe(before);
    const url = `http://${a.host}/api/payments/mercadopago/notify?data.id=${payment.id}&type=payment`;
    const forged = (signature: string, id = 'req-1') =>
      NOTIFY(new Request(url, { method: 'POST', headers: { host: a.host, 'content-type': 'application/json', 'x-signature': signature, 'x-request-id': id }, body: JSON.stringify({ type: 'payment', data: { id: String(payment.id) } }) }));
    expect((await forged(mercadoPagoSignature('otro-secreto', String(payment.id), 'req-1'))).status).toBe(401);
    expect((await forged('ts=1,v1=zz')).status).toBe(401);
    expect((await forged('')).status).toBe(401);
    // The right secret over another id does not sign this one.
    expect((await forged(mercadoPagoSignature(ACCOUNT.webhookSecret, '999', 'req-1'))).status).toBe(401);
    expect(await scopedDb(a.id).payment.count()).toBe(before);
    // Signed right, a rejected payment is answered 200 and recorded nowhere.
    expect((await forged(mercadoPagoSignature(ACCOUNT.webhookSecret, String(payment.id), 'req-1'))).status).toBe(200);
    expect(await scopedDb(a.id).payment.count()).toBe(before);
  });

  it('a notification on another tenant’s host records nothing there', async () => {
    await (await asCustomer(a, c1.id)).portal.pay.checkout({ choice: 'TOTAL' });
    const pref = [...mp.preferences.values()].at(-1)!;
    const { payment } = await mp.pay(pref.id);
    const before = await scopedDb(b.id).payment.count();
    const id = String(payment.id);
    const res = await NOTIFY(new Request(`http://${b.host}/api/payments/mercadopago/notify?data.id=${id}&type=payment`, { method: 'POST', headers: { host: b.host, 'x-signature': mercadoPagoSignature(ACCOUNT.webhookSecret, id, 'r'), 'x-request-id': 'r' }, body: '{}' }));
    expect(res.status).toBe(404);
    expect(await scopedDb(b.id).payment.count()).toBe(before);
  });

  it('refuses an amount the tenant does not offer', async () => {
    await A.ADMIN.payments.updateSettings({ mercadoPagoEnabled: true, charge: 'DEBT', otherMethods: '' });
    const customer = await asCustomer(a, c2.id);
    expect((await customer.portal.home()).pay.choices).toEqual([{ choice: 'TOTAL', amount: 777 }]);
    await rejects(customer.portal.pay.checkout({ choice: 'MANUAL', amount: '10' }), 'BAD_REQUEST');
    await enableMercadoPago();
  });
});

describe('the last invoice’s PDF for the customer', () => {
  async function download(customerId: string, id: string) {
    const req = new Request(`http://${a.host}/api/portal/invoices/${id}/pdf?download=1`, { headers: { host: a.host } });
    req.headers.set('cookie', (await sessionCookie({ kind: 'customer', userId: customerId, tenantId: a.id }))!);
    return PDF(req, { params: Promise.resolve({ id }) });
  }

  it('downloads the customer’s own invoice; another customer’s is a 404', async () => {
    const store = fileStore();
    const bytes = new TextEncoder().encode('%PDF-1.4\n% propia\n%%EOF\n');
    for (const id of [inv.current, inv.other]) {
      const key = await store.put(`${a.id}/${id}`, bytes, { name: 'f.pdf', mime: 'application/pdf' });
      await scopedDb(a.id).invoice.update({ where: { id }, data: { pdfName: 'factura.pdf', pdfStorage: store.kind, pdfKey: key, pdfSize: bytes.byteLength } });
    }
    expect((await (await asCustomer(a, c1.id)).portal.home()).lastInvoice).toMatchObject({ id: inv.current, hasPdf: true });
    const mine = await download(c1.id, inv.current);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toContain('attachment');
    expect(new TextDecoder().decode(await mine.arrayBuffer())).toContain('propia');
    expect((await download(c1.id, inv.other)).status).toBe(404);
    expect((await download(c2.id, inv.current)).status).toBe(404);
  });
});
