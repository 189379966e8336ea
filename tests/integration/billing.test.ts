// A5/C6: billing data against PostgreSQL — the CSV import of invoices and payments (preview with
// translated row errors, then a good file; a commit with a problem anywhere writes nothing, also
// when the problem is in a later batch than rows already written), payments settling invoices,
// the account statement (running balance, debt, overdue debt in the tenant's time zone), and every
// entry point's allowed / wrong-role / cross-tenant cases: billing.customer, POST /api/import/billing
// and GET /api/invoices/[id]/pdf.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/env';
import { scopedDb } from '@/server/data/scoped';
import { loadStaffActor } from '@/server/services/auth/actors';
import { staffCallerFor, type StaffCaller } from '@/server/services/caller';
import { BILLING_IMPORT_LIMITS, importBilling, type BillingImportReport, type BillingKind } from '@/server/services/billing/import/import-billing';
import { customerBilling } from '@/server/services/billing/statement';
import { fileStore } from '@/server/files/storage';
import type { Locale } from '@/lib/format';
import { asCustomer, createCustomer, createTenant, rejects, signedIn, staffOfEveryRole, type StaffOfEveryRole, type TestSession, type TestTenant } from '../factories';
import { pdfText } from '../factories/pdf-text';
import { sessionCookie } from '../factories/http';

const { POST } = await import('@/app/api/import/billing/route');
const { GET: PDF } = await import('@/app/api/invoices/[id]/pdf/route');

const INVOICES = 'numero;tipo;cliente;fecha;vencimiento;periodo;total;saldo';
const PAYMENTS = 'cliente;fecha;importe;medio;referencia;facturas';
const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const file = (header: string, ...rows: string[]) => utf8([header, ...rows].join('\r\n') + '\r\n');

let a: TestTenant;
let b: TestTenant;
let A: StaffOfEveryRole;
let B: StaffOfEveryRole;
let ana: { id: string; code: string };
let beto: { id: string; code: string };
let otherTenantCustomer: { id: string; code: string };
let admin: StaffCaller;

async function callerFor(tenant: TestTenant, userId: string, locale: Locale = 'es'): Promise<StaffCaller> {
  const actor = await loadStaffActor(tenant.id, await signedIn({ kind: 'staff', userId, tenantId: tenant.id }));
  return staffCallerFor(tenant, actor!, locale);
}

async function counts(tenant: TestTenant) {
  const db = scopedDb(tenant.id);
  return { invoices: await db.invoice.count(), payments: await db.payment.count(), allocations: await db.paymentAllocation.count() };
}

const run = (kind: BillingKind, bytes: Uint8Array, mode: 'preview' | 'commit', caller = admin) => importBilling(caller, kind, bytes, { mode });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  [A, B] = await Promise.all([staffOfEveryRole(a), staffOfEveryRole(b)]);
  ana = await createCustomer(a, { code: 'C-100', name: 'Ana Facturada' });
  beto = await createCustomer(a, { code: 'C-200', name: 'Beto Deudor' });
  otherTenantCustomer = await createCustomer(b, { code: 'C-900', name: 'Cliente de B' });
  admin = await callerFor(a, A.ids.ADMIN);
});

describe('invoice import', () => {
  it('previews a file with problems: each by row and column, translated, and nothing is written', async () => {
    const bad = file(
      INVOICES,
      'F-1;B;C-100;01/09/2026;10/09/2026;2026-09;1500,00;',
      'F-2;B;C-999;01/09/2026;10/09/2026;2026-09;1500;',
      'F-3;B;C-100;01/09/2026;10/09/2026;2026-09;0;',
      'F-4;B;C-100;01/09/2026;10/09/2026;2026-09;-20;',
      'F-5;B;C-100;01/09/2026;10/09/2026;2026-09;10,123;',
      'F-6;B;C-100;31/02/2026;10/09/2026;2026-09;100;',
      'F-7;B;C-100;10/09/2026;01/09/2026;2026-09;100;',
      'F-1;B;C-100;01/09/2026;10/09/2026;2026-09;100;',
      'F-8;B;C-100;01/09/2026;10/09/2026;2026-09;100;150',
      // Another tenant's customer is unknown here.
      'F-9;B;C-900;01/09/2026;10/09/2026;2026-09;100;',
    );
    const before = await counts(a);
    const report = await run('invoices', bad, 'preview');
    expect(report.ok).toBe(false);
    const byRow = Object.fromEntries(report.errors.map((e) => [e.row, `${e.column}: ${e.message}`]));
    expect(byRow).toEqual({
      3: 'cliente: No hay ningún cliente con el código «C-999».',
      4: 'total: El importe tiene que ser mayor que cero.',
      5: 'total: El importe tiene que ser mayor que cero.',
      6: 'total: «10,123» tiene más decimales que la moneda (2).',
      7: 'fecha: «31/02/2026» no es una fecha. Escribila como 2026-11-30 o 30/11/2026.',
      8: 'vencimiento: El vencimiento es anterior a la fecha de emisión.',
      9: 'numero: Repetido: ya aparece en la fila 2.',
      10: 'saldo: El saldo no puede ser mayor que el total.',
      11: 'cliente: No hay ningún cliente con el código «C-900».',
    });
    expect(report.errorCount).toBe(9);
    const commit = await run('invoices', bad, 'commit');
    expect(commit.ok).toBe(false);
    expect(commit.created).toBeNull();
    expect(await counts(a)).toEqual(before);
    // In the caller's language.
    const english = await importBilling(await callerFor(a, A.ids.ADMIN, 'en'), 'invoices', bad, { mode: 'preview' });
    expect(english.errors.find((e) => e.row === 3)?.message).toBe('There is no customer with the code “C-999”.');
  });

  it('imports a good file (Latin-1, `;`), with balances and statuses, and refuses the same numbers again', async () => {
    const good = latin1(
      [
        INVOICES,
        'A-0001;B;C-100;2026-09-01;2026-09-10;Septiembre;1.000,00;0',
        'A-0002;B;C-100;2026-10-01;2026-10-10;Octubre;1000;400',
        'A-0003;B;C-100;2026-11-01;2026-11-10;Noviembre;1000;',
        'A-0004;B;C-100;2026-12-01;2026-12-10;Diciembre;1000;',
        'B-0001;B;C-200;2026-11-01;2026-11-10;Noviembre;2500,50;',
      ].join('\n') + '\n',
    );
    const preview = await run('invoices', good, 'preview');
    expect(preview.errors).toEqual([]);
    expect(preview.ok).toBe(true);
    expect(preview.counts.rows).toBe(5);
    expect(preview.sample.map((s) => [s.number, s.customerName, s.amount, s.balance, s.status])).toEqual([
      ['A-0001', 'Ana Facturada', 1000, 0, 'PAID'],
      ['A-0002', 'Ana Facturada', 1000, 400, 'PARTIAL'],
      ['A-0003', 'Ana Facturada', 1000, 1000, 'UNPAID'],
      ['A-0004', 'Ana Facturada', 1000, 1000, 'UNPAID'],
      ['B-0001', 'Beto Deudor', 2500.5, 2500.5, 'UNPAID'],
    ]);
    expect(await counts(a)).toMatchObject({ invoices: 0 });
    const commit = await run('invoices', good, 'commit');
    expect(commit.ok).toBe(true);
    expect(commit.created).toEqual({ rows: 5, allocations: 0 });
    expect(await counts(a)).toMatchObject({ invoices: 5 });
    const again = await run('invoices', good, 'preview');
    expect(again.errors.map((e) => e.message)).toContain('Ya hay una factura con el número «A-0001».');
    const stored = await scopedDb(a.id).invoice.findFirstOrThrow({ where: { number: 'B-0001' } });
    expect(stored.total.toFixed(2)).toBe('2500.50');
    expect(stored.customerId).toBe(beto.id);
  });

  it('refuses a file with a NUL byte as not a text file, and a spreadsheet, never a 500', async () => {
    const nul = await run('invoices', utf8(`${INVOICES}\nN-1;B;C-100;2026-01-01;2026-01-10;;10\u0000;\n`), 'commit');
    expect(nul.errors.map((e) => e.message)).toEqual(['No es un archivo de texto. Subí un archivo CSV.']);
    const xlsx = await run('payments', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'preview');
    expect(xlsx.errors[0]?.message).toMatch(/Guardalo como «CSV»/);
    const headerOnly = await run('invoices', utf8(`${INVOICES}\n`), 'preview');
    expect(headerOnly.errors.map((e) => e.message)).toEqual(['El archivo solo tiene la fila de encabezados.']);
    const missing = await run('payments', utf8('cliente;fecha;importe\nC-100;2026-01-01;10\n'), 'preview');
    expect(missing.errors.map((e) => e.message)).toEqual(['Faltan columnas obligatorias: medio.']);
  });

  it('is atomic: a bad row in a later batch leaves nothing of the batches already written', async () => {
    const rows = Array.from({ length: BILLING_IMPORT_LIMITS.batch + 100 }, (_, i) => `BIG-${i};B;C-200;2026-01-01;2026-01-10;;100;`);
    rows[BILLING_IMPORT_LIMITS.batch + 50] = `BIG-X;B;C-404;2026-01-01;2026-01-10;;100;`;
    const before = await counts(a);
    const report = await run('invoices', file(INVOICES, ...rows), 'commit');
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([{ row: BILLING_IMPORT_LIMITS.batch + 52, column: 'cliente', message: 'No hay ningún cliente con el código «C-404».' }]);
    expect(await counts(a)).toEqual(before);
  });

  it('reads the rows in a process of its own (issue 17): a reader that fails fails the import, and nothing is written', async () => {
    const before = await counts(a);
    // A saved upload that is not there: the reader cannot read it and exits with an error.
    await expect(importBilling(admin, 'invoices', { path: `${tmpdir()}/antena-missing-${randomUUID()}.csv` }, { mode: 'commit' })).rejects.toThrow(/invoice reader exited/);
    expect(await counts(a)).toEqual(before);
    // And the next import works as before.
    const report = await run('invoices', file(INVOICES, `R-1;B;${ana.code};2026-01-01;2026-01-10;;100;`), 'preview');
    expect(report).toMatchObject({ ok: true, counts: { rows: 1 } });
  });
});

describe('invoice import: many problems (issue 17)', () => {
  it('counts every problem, sends the first 500 in row order — row checks and database checks mixed — and a commit writes nothing', async () => {
    // Row i: every third has a bad date (checked as the row is read); every other remaining even row
    // names an unknown customer (checked in the database); the last row repeats the first's number.
    const rows = Array.from({ length: 1200 }, (_, i) =>
      i % 3 === 0 ? `M-${i};B;C-100;2026-13-01;2026-01-10;;100;` : i % 2 === 0 ? `M-${i};B;C-404;2026-01-01;2026-01-10;;100;` : `M-${i};B;C-100;2026-01-01;2026-01-10;;100;`,
    );
    rows[1199] = 'M-0;B;C-100;2026-01-01;2026-01-10;;100;';
    const bad = file(INVOICES, ...rows);
    const before = await counts(a);
    const preview = await run('invoices', bad, 'preview');
    expect(preview.ok).toBe(false);
    expect(preview.counts.rows).toBe(1200);
    expect(preview.errorCount).toBe(400 + 400 + 1);
    expect(preview.errors).toHaveLength(BILLING_IMPORT_LIMITS.errors);
    const lines = preview.errors.map((e) => e.row!);
    expect(lines).toEqual([...lines].sort((x, y) => x - y));
    expect(preview.errors.slice(0, 3)).toEqual([
      { row: 2, column: 'fecha', message: '«2026-13-01» no es una fecha. Escribila como 2026-11-30 o 30/11/2026.' },
      { row: 4, column: 'cliente', message: 'No hay ningún cliente con el código «C-404».' },
      { row: 5, column: 'fecha', message: '«2026-13-01» no es una fecha. Escribila como 2026-11-30 o 30/11/2026.' },
    ]);
    // Good rows are still shown, in file order.
    expect(preview.sample.map((s) => s.row).slice(0, 3)).toEqual([3, 7, 9]);
    const commit = await run('invoices', bad, 'commit');
    expect(commit.ok).toBe(false);
    expect(commit.created).toBeNull();
    expect(commit.errorCount).toBe(801);
    expect(await counts(a)).toEqual(before);
    // A repeat names the first row with the number, even when that row had problems of its own.
    const repeat = await run('invoices', file(INVOICES, rows[0]!, rows[1]!, rows[1199]!), 'preview');
    expect(repeat.errors.map((e) => [e.row, e.column])).toEqual([[2, 'fecha'], [4, 'numero']]);
    expect(repeat.errors[1]?.message).toBe('Repetido: ya aparece en la fila 2.');
  });
});

describe('payment import', () => {
  it('refuses unknown and foreign invoices, zero and over-precise amounts; writes nothing', async () => {
    const before = await counts(a);
    const bad = file(
      PAYMENTS,
      'C-100;2026-10-05;500;Efectivo;R-1;A-9999',
      'C-100;2026-10-05;500;Efectivo;R-2;B-0001',
      'C-100;2026-10-05;0;Efectivo;R-3;',
      'C-100;2026-10-05;10,001;Efectivo;R-4;',
      'C-100;2026-10-05;100;Efectivo;R-5;A-0001',
      'C-100;hoy;100;Efectivo;R-6;',
      'C-100;2026-10-05;100;Efectivo;R-5;',
    );
    const report = await run('payments', bad, 'commit');
    expect(report.ok).toBe(false);
    expect(Object.fromEntries(report.errors.map((e) => [e.row, e.message]))).toEqual({
      2: 'No hay ninguna factura con el número «A-9999».',
      3: 'La factura «B-0001» no es del cliente C-100.',
      4: 'El importe tiene que ser mayor que cero.',
      5: '«10,001» tiene más decimales que la moneda (2).',
      6: 'La factura «A-0001» ya está pagada.',
      7: '«hoy» no es una fecha. Escribila como 2026-11-30 o 30/11/2026.',
      8: 'Repetido: ya aparece en la fila 6.',
    });
    expect(await counts(a)).toEqual(before);
  });

  it('settles the named invoices first, then the oldest; the preview says what the commit does; a repeat is refused', async () => {
    const good = file(PAYMENTS, 'C-100;2026-11-05;1200;Transferencia;TR-77;A-0003', 'C-200;2026-11-06;500,50;Efectivo;;');
    const preview = await run('payments', good, 'preview');
    expect(preview.errors).toEqual([]);
    expect(preview.sample.map((s) => s.settles)).toEqual([
      [{ number: 'A-0003', amount: 1000 }, { number: 'A-0002', amount: 200 }],
      [{ number: 'B-0001', amount: 500.5 }],
    ]);
    expect(preview.counts).toEqual({ rows: 2, allocations: 3 });
    const commit = await run('payments', good, 'commit');
    expect(commit.created).toEqual({ rows: 2, allocations: 3 });
    const db = scopedDb(a.id);
    const byNumber = Object.fromEntries((await db.invoice.findMany({ where: { number: { in: ['A-0002', 'A-0003', 'A-0004', 'B-0001'] } } })).map((i) => [i.number, [i.balance.toFixed(2), i.status]]));
    expect(byNumber).toEqual({ 'A-0002': ['200.00', 'PARTIAL'], 'A-0003': ['0.00', 'PAID'], 'A-0004': ['1000.00', 'UNPAID'], 'B-0001': ['2000.00', 'PARTIAL'] });
    const again = await run('payments', file(PAYMENTS, 'C-100;2026-11-05;1200;Transferencia;TR-77;'), 'commit');
    expect(again.errors.map((e) => e.message)).toEqual(['Este pago ya fue importado (mismo medio y referencia «TR-77»).']);
    expect(await counts(a)).toMatchObject({ payments: 2, allocations: 3 });
  });
});

describe('account statement (billing.customer)', () => {
  it('lists invoices and payments with the running balance, the debt and the overdue debt', async () => {
    const statement = await A.OPERATOR.billing.customer({ customerId: ana.id });
    expect(statement.currency).toBe('ARS');
    expect(statement.entries.map((e) => [e.kind, e.date, e.number, e.debit, e.credit, e.balance])).toEqual([
      ['invoice', '2026-09-01', 'A-0001', 1000, 0, 1000],
      ['invoice', '2026-10-01', 'A-0002', 1000, 0, 2000],
      ['invoice', '2026-11-01', 'A-0003', 1000, 0, 3000],
      ['payment', '2026-11-05', null, 0, 1200, 1800],
      ['invoice', '2026-12-01', 'A-0004', 1000, 0, 2800],
    ]);
    // Imported balances (A-0001 paid outside Antena, A-0002 partly) are the ISP's: the debt is what the invoices still owe.
    expect(statement.debt).toBe(1200);
    expect(statement.payments).toEqual([
      { id: expect.any(String), paidOn: '2026-11-05', amount: 1200, method: 'Transferencia', reference: 'TR-77', settles: [{ number: 'A-0002', amount: 200 }, { number: 'A-0003', amount: 1000 }] },
    ]);
    expect(statement.invoices.map((i) => i.number)).toEqual(['A-0004', 'A-0003', 'A-0002', 'A-0001']);
  });

  it('measures overdue in the tenant’s calendar: a due day is not late until it has passed there', async () => {
    // 02:00 UTC on 11 December is still 10 December, 23:00, in Buenos Aires: A-0004 (due 10 December) is not late yet.
    const lateEvening = await customerBilling(admin, ana.id, new Date('2026-12-11T02:00:00Z'));
    expect(lateEvening.today).toBe('2026-12-10');
    expect([lateEvening.overdueDebt, lateEvening.overdueInvoices, lateEvening.nextDueOn]).toEqual([200, 1, '2026-12-10']);
    expect(lateEvening.invoices.find((i) => i.number === 'A-0004')?.overdue).toBe(false);
    const nextMorning = await customerBilling(admin, ana.id, new Date('2026-12-11T04:00:00Z'));
    expect([nextMorning.overdueDebt, nextMorning.overdueInvoices, nextMorning.nextDueOn]).toEqual([1200, 2, null]);
  });

  it('answers roles holding billing.read only; another tenant’s customer is not found', async () => {
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) expect((await A[role].billing.customer({ customerId: beto.id })).debt).toBe(2000);
    await rejects(A.TECHNICIAN.billing.customer({ customerId: beto.id }), 'FORBIDDEN');
    await rejects((await asCustomer(a, beto.id)).billing.customer({ customerId: beto.id }), 'FORBIDDEN');
    await rejects(B.ADMIN.billing.customer({ customerId: beto.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.billing.customer({ customerId: otherTenantCustomer.id }), 'NOT_FOUND');
  });
});

const session = { current: null as TestSession | null };
afterEach(() => {
  session.current = null;
});

async function withCookie(req: Request) {
  const cookie = await sessionCookie(session.current);
  if (cookie) req.headers.set('cookie', cookie);
  return req;
}

function upload(tenant: TestTenant, query: string, bytes: Uint8Array<ArrayBuffer>) {
  const data = new FormData();
  data.set('file', new Blob([bytes], { type: 'text/csv' }), 'facturas.csv');
  return new Request(`http://${tenant.host}/api/import/billing${query}`, { method: 'POST', headers: { host: tenant.host }, body: data });
}

describe('POST /api/import/billing', () => {
  const good = () => file(INVOICES, 'H-1;B;C-100;2026-12-01;2026-12-15;;99,90;');
  const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('antena-upload-')).length;

  it('takes the file as the raw body (what the page sends): saved while it arrives, read from disk, the temporary file removed after', async () => {
    session.current = { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id };
    const raw = (query: string, bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      new Request(`http://${a.host}/api/import/billing${query}`, { method: 'POST', headers: { host: a.host, 'content-type': 'text/csv', ...headers }, body: bytes });
    const before = uploads();
    const latin = latin1(`${INVOICES}\r\nRAW-1;B;C-100;2026-12-01;2026-12-15;Diciembre año;10,50;\r\n`);
    const preview = (await (await POST(await withCookie(raw('?kind=invoices&mode=preview', latin)))).json()) as BillingImportReport;
    expect(preview).toMatchObject({ ok: true, encoding: 'windows-1252', delimiter: ';', counts: { rows: 1 } });
    expect(preview.sample[0]).toMatchObject({ row: 2, number: 'RAW-1', period: 'Diciembre año', amount: 10.5 });
    const bad = (await (await POST(await withCookie(raw('?kind=invoices&mode=commit', file(INVOICES, 'RAW-2;B;C-404;2026-12-01;2026-12-15;;10;'))))).json()) as BillingImportReport;
    expect(bad.errors).toEqual([{ row: 2, column: 'cliente', message: 'No hay ningún cliente con el código «C-404».' }]);
    // Declared larger than BILLING_IMPORT_MAX_MB: refused before a byte is read, translated.
    const huge = await POST(await withCookie(raw('?kind=invoices&mode=preview', good(), { 'content-length': String((env().BILLING_IMPORT_MAX_MB + 1) * 2 ** 20) })));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toContain(`${env().BILLING_IMPORT_MAX_MB} MB`);
    expect(uploads()).toBe(before);
    expect(await scopedDb(a.id).invoice.count({ where: { number: { startsWith: 'RAW-' } } })).toBe(0);
  });

  it('previews and commits for an admin', async () => {
    session.current = { kind: 'staff', userId: A.ids.SUPERVISOR, tenantId: a.id };
    const preview = await POST(await withCookie(upload(a, '?kind=invoices&mode=preview', good())));
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as BillingImportReport).ok).toBe(true);
    const commit = await POST(await withCookie(upload(a, '?kind=invoices&mode=commit', good())));
    expect(commit.status).toBe(200);
    expect(((await commit.json()) as BillingImportReport).created).toEqual({ rows: 1, allocations: 0 });
    const failed = await POST(await withCookie(upload(a, '?kind=invoices&mode=commit', good())));
    expect(failed.status).toBe(400);
  });

  it('refuses roles without billing.import, another tenant’s session and no session', async () => {
    const before = await counts(a);
    for (const role of ['OPERATOR', 'TECHNICIAN'] as const) {
      session.current = { kind: 'staff', userId: A.ids[role], tenantId: a.id };
      expect((await POST(await withCookie(upload(a, '?kind=invoices&mode=commit', file(INVOICES, `R-${role};B;C-100;2026-12-01;2026-12-15;;10;`))))).status).toBe(403);
    }
    session.current = { kind: 'staff', userId: B.ids.ADMIN, tenantId: b.id };
    expect((await POST(await withCookie(upload(a, '?kind=invoices&mode=commit', file(INVOICES, 'R-B;B;C-100;2026-12-01;2026-12-15;;10;'))))).status).toBe(401);
    // B's admin on B's host imports into B only: A's customer codes are unknown there.
    const own = (await (await POST(await withCookie(upload(b, '?kind=invoices&mode=commit', file(INVOICES, 'R-B;B;C-100;2026-12-01;2026-12-15;;10;'))))).json()) as BillingImportReport;
    expect(own.errors.map((e) => e.message)).toEqual(['No hay ningún cliente con el código «C-100».']);
    session.current = null;
    expect((await POST(await withCookie(upload(a, '?kind=invoices&mode=commit', good())))).status).toBe(401);
    expect(await counts(a)).toEqual(before);
  });
});

describe('GET /api/invoices/[id]/pdf', () => {
  let invoiceId: string;
  const bytes = utf8('%PDF-1.4\n% factura de prueba\n%%EOF\n');

  beforeAll(async () => {
    const db = scopedDb(a.id);
    const invoice = await db.invoice.findFirstOrThrow({ where: { number: 'A-0004' } });
    const key = await fileStore('LOCAL').put(`${a.id}/${randomUUID()}`, bytes, { name: 'A-0004.pdf', mime: 'application/pdf' });
    await db.invoice.update({ where: { id: invoice.id }, data: { pdfName: 'A-0004.pdf', pdfStorage: 'LOCAL', pdfKey: key, pdfSize: bytes.byteLength } });
    invoiceId = invoice.id;
  });

  const get = async (tenant: TestTenant, id: string) => PDF(await withCookie(new Request(`http://${tenant.host}/api/invoices/${id}/pdf`, { headers: { host: tenant.host } })), { params: Promise.resolve({ id }) });

  it('serves the PDF to billing.read roles, and to no one else', async () => {
    session.current = { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id };
    const ok = await get(a, invoiceId);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(bytes);
    expect((await A.OPERATOR.billing.customer({ customerId: ana.id })).invoices.find((i) => i.id === invoiceId)?.hasPdf).toBe(true);
    session.current = { kind: 'staff', userId: A.ids.TECHNICIAN, tenantId: a.id };
    expect((await get(a, invoiceId)).status).toBe(403);
    session.current = { kind: 'staff', userId: B.ids.ADMIN, tenantId: b.id };
    expect((await get(b, invoiceId)).status).toBe(404);
    session.current = { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id };
    // Without the ISP's PDF, Antena draws one from the invoice's data.
    const noPdf = await scopedDb(a.id).invoice.findFirstOrThrow({ where: { number: 'A-0001' } });
    const drawn = await get(a, noPdf.id);
    expect(drawn.status).toBe(200);
    expect(drawn.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await drawn.arrayBuffer()));
    expect(text).toContain('A-0001');
    expect(text).toContain('Documento generado por Antena');
  });
});

describe('scale (moderate)', () => {
  // Ten batches each way; the timing is logged (the 1,000,000-row target is for `npm run bench`, not this suite).
  it('imports 50,000 invoice rows and 50,000 payment rows in one transaction each', async () => {
    const tenant = await createTenant();
    const staff = await staffOfEveryRole(tenant);
    const caller = await callerFor(tenant, staff.ids.ADMIN);
    const customers = 500;
    for (let i = 0; i < customers; i += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => createCustomer(tenant, { code: `S-${i + k}`, name: `Escala ${i + k}` })));
    const invoiceRows = Array.from({ length: 50_000 }, (_, i) => `S-F-${i};B;S-${i % customers};2020-01-01;2020-01-10;;${1000 + (i % 7)},50;`);
    const paymentRows = Array.from({ length: 50_000 }, (_, i) => `S-${i % customers};2020-02-01;800;Efectivo;S-R-${i};`);
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const invoices = await importBilling(caller, 'invoices', file(INVOICES, ...invoiceRows), { mode: 'commit' });
    const t1 = performance.now();
    const payments = await importBilling(caller, 'payments', file(PAYMENTS, ...paymentRows), { mode: 'commit' });
    const t2 = performance.now();
    clearInterval(timer);
    console.info(`billing import: 50,000 invoices ${Math.round(t1 - t0)} ms, 50,000 payments ${Math.round(t2 - t1)} ms, test process RSS ${Math.round(rss0 / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MB`);
    expect(invoices.created).toEqual({ rows: 50_000, allocations: 0 });
    expect(payments.created?.rows).toBe(50_000);
    const s7 = (await scopedDb(tenant.id).customer.findFirstOrThrow({ where: { code: 'S-7' } })).id;
    const statement = await customerBilling(caller, s7);
    expect(statement.entries.length).toBe(200);
    // One customer's statement (100 invoices, 100 payments, 100 allocations) among 100,000 rows: timed through the service.
    const times: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const t = performance.now();
      await customerBilling(caller, s7);
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    console.info(`billing statement (200 entries): p50 ${times[19]!.toFixed(1)} ms, p95 ${times[37]!.toFixed(1)} ms`);
    expect(statement.debt).toBeCloseTo(statement.balance, 2);
  }, 240_000);
});
