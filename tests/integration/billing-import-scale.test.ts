// A5 measurement, not run by default: BILLING_IMPORT_ROWS=200000 npx vitest run --project integration
// tests/integration/billing-import-scale.test.ts. Imports that many invoice rows (one file, one
// commit) for 20,000 customers, then as many payment rows, and logs the time and this process's RSS
// (the vitest worker's own baseline included) sampled every 50 ms. Target (issue 17): 1,000,000
// invoice rows ≤ 2 min at ≤ 500 MB server RSS.
import { describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { loadStaffActor } from '@/server/services/auth/actors';
import { staffCallerFor } from '@/server/services/caller';
import { importBilling } from '@/server/services/billing/import/import-billing';
import { createTenant, signedIn } from '../factories';

const ROWS = Number(process.env.BILLING_IMPORT_ROWS ?? 0);
const CUSTOMERS = 20_000;

describe.skipIf(!ROWS)('billing import at scale', () => {
  it(`imports ${ROWS} invoice rows, then ${ROWS} payment rows`, async () => {
    const tenant = await createTenant();
    const db = scopedDb(tenant.id);
    for (let i = 0; i < CUSTOMERS; i += 5_000) {
      await db.customer.createMany({ data: Array.from({ length: 5_000 }, (_, k) => ({ tenantId: tenant.id, code: `K${i + k}`, name: `Escala ${i + k}`, searchText: `escala ${i + k}` })) });
    }
    const actor = await loadStaffActor(tenant.id, await signedIn({ kind: 'staff', userId: tenant.adminId, tenantId: tenant.id }));
    const caller = staffCallerFor(tenant, actor!, 'es');
    const build = (header: string, row: (i: number) => string) => {
      const parts = [header];
      for (let i = 0; i < ROWS; i += 1) parts.push(row(i));
      return Buffer.from(parts.join('\n') + '\n', 'latin1');
    };
    const invoices = build('numero;tipo;cliente;fecha;vencimiento;periodo;total', (i) => `F${i};B;K${i % CUSTOMERS};01/0${1 + (i % 9)}/2020;10/0${1 + (i % 9)}/2020;2020-0${1 + (i % 9)};${1000 + (i % 97)},50`);
    const payments = build('cliente;fecha;importe;medio;referencia', (i) => `K${i % CUSTOMERS};15/10/2020;900;Efectivo;R${i}`);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    const heapBaseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let heapPeak = heapBaseline;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed + m.external);
    }, 50);
    const mb = (n: number) => Math.round(n / 2 ** 20);
    let t = performance.now();
    const a = await importBilling(caller, 'invoices', invoices, { mode: 'commit' });
    const invoiceMs = performance.now() - t;
    const invoicePeak = peak;
    const invoiceHeapPeak = heapPeak;
    t = performance.now();
    const b = await importBilling(caller, 'payments', payments, { mode: 'commit' });
    const paymentMs = performance.now() - t;
    clearInterval(timer);
    console.info(
      `billing import at scale: ${ROWS} invoice rows (${mb(invoices.length)} MB file) in ${Math.round(invoiceMs)} ms, peak RSS ${mb(invoicePeak)} MB (baseline ${mb(baseline)} MB), peak heap+external ${mb(invoiceHeapPeak)} MB (baseline ${mb(heapBaseline)} MB); ` +
        `${ROWS} payment rows in ${Math.round(paymentMs)} ms, peak RSS ${mb(peak)} MB, peak heap+external ${mb(heapPeak)} MB`,
    );
    expect(a.created?.rows).toBe(ROWS);
    expect(b.created?.rows).toBe(ROWS);
  }, 1_800_000);
});
