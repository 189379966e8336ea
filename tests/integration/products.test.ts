// G8/G9: the product catalogue, a ticket's products ("la valigetta") and the collection of the
// intervention's cost — who may do what, exact money, totals kept on the ticket, a technician's
// limits, another tenant's rows, and bad input refused with nothing half-saved.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { translateError } from '@/i18n/catalog';
import { rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let router: { id: string }, cable: { id: string }, otherTenantProduct: { id: string };

beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  router = await A.ADMIN.products.create({ name: 'Router Wi-Fi 6', code: 'RT-AX', price: '45000,50', taxRate: '21' });
  cable = await A.ADMIN.products.create({ name: 'Cable UTP (metro)', code: 'UTP-M', price: '0.35', taxRate: '10,5' });
  otherTenantProduct = await B.ADMIN.products.create({ name: 'Router de B', code: 'RT-AX', price: '1', taxRate: '0' });
}, 60_000);

async function ticketOf(assigneeId?: string) {
  return A.OPERATOR.tickets.create({ description: 'Instalación con venta', ...(assigneeId ? { assigneeId } : {}) });
}

describe('catalogue', () => {
  it('admins manage it; everyone reads it, prices only with billing.read', async () => {
    const asOperator = await A.OPERATOR.products.list({});
    expect(asOperator.find((p) => p.id === router.id)).toMatchObject({ name: 'Router Wi-Fi 6', code: 'RT-AX', price: 45000.5, taxRate: 21, active: true });
    const asTechnician = await A.TECHNICIAN.products.list({});
    const seen = asTechnician.find((p) => p.id === router.id)!;
    expect(seen.name).toBe('Router Wi-Fi 6');
    expect('price' in seen).toBe(false);
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      await rejects(A[role].products.create({ name: 'X', code: `X-${role}`, price: '1', taxRate: '0' }), 'FORBIDDEN');
    }
  });

  it('another tenant’s product is not found, and codes are per tenant', async () => {
    expect((await B.ADMIN.products.list({})).map((p) => p.id)).toEqual([otherTenantProduct.id]);
    await rejects(A.ADMIN.products.update({ id: otherTenantProduct.id, name: 'Robado' }), 'NOT_FOUND');
    await rejects(A.ADMIN.products.remove({ id: otherTenantProduct.id }), 'NOT_FOUND');
    const dup = await rejects(A.ADMIN.products.create({ name: 'Otro', code: 'RT-AX', price: '1', taxRate: '0' }), 'CONFLICT');
    expect(dup.cause).toMatchObject({ fieldErrors: { code: { key: 'products.codeTaken' } } });
  });

  it('refuses bad prices and tax rates with a field error', async () => {
    for (const [price, problem] of [['-5', 'notPositive'], ['1,234', 'tooManyDecimals'], ['abc', 'invalid']] as const) {
      const error = await rejects(A.ADMIN.products.create({ name: 'Mal', code: `MAL-${problem}`, price, taxRate: '0' }), 'BAD_REQUEST');
      expect(error.cause).toMatchObject({ fieldErrors: { price: { key: `products.amount.${problem}` } } });
    }
    await rejects(A.ADMIN.products.create({ name: 'Mal', code: 'MAL-TAX', price: '1', taxRate: '120' }), 'BAD_REQUEST');
    expect(await db().product.count({ where: { tenantId: a.id, code: { startsWith: 'MAL-' } } })).toBe(0);
  });

  it('a product on a ticket cannot be deleted, only deactivated; an inactive one cannot be added', async () => {
    const spare = await A.ADMIN.products.create({ name: 'Antena', code: 'ANT-1', price: '100', taxRate: '0' });
    const ticket = await ticketOf();
    await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: spare.id, quantity: 1 });
    await rejects(A.ADMIN.products.remove({ id: spare.id }), 'CONFLICT');
    await A.ADMIN.products.update({ id: spare.id, active: false });
    expect((await A.OPERATOR.products.list({})).some((p) => p.id === spare.id)).toBe(false);
    // The line already there keeps its product; a new ticket cannot add it.
    expect((await A.OPERATOR.products.ofTicket({ ticketId: ticket.id })).lines.map((l) => l.code)).toEqual(['ANT-1']);
    const other = await ticketOf();
    const error = await rejects(A.OPERATOR.products.setLine({ ticketId: other.id, productId: spare.id, quantity: 1 }), 'BAD_REQUEST');
    expect(error.cause).toMatchObject({ fieldErrors: { productId: { key: 'products.inactive' } } });
    const unused = await A.ADMIN.products.create({ name: 'Nunca vendido', code: 'NV-1', price: '1', taxRate: '0' });
    expect(await A.ADMIN.products.remove({ id: unused.id })).toEqual({ id: unused.id });
  });
});

describe('a ticket’s products', () => {
  it('adds, changes and removes lines; the total is exact and kept on the ticket; each change is in the history', async () => {
    const ticket = await ticketOf();
    await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: router.id, quantity: 1 });
    const changed = await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: cable.id, quantity: 25, sold: true });
    // 45000.50 × 1.21 = 54450.605 → 54450.61; 0.35 × 25 × 1.105 = 9.66875 → 9.67.
    expect(changed.total).toBe(54460.28);
    const view = await A.OPERATOR.products.ofTicket({ ticketId: ticket.id });
    expect(view.lines).toEqual([
      { productId: router.id, name: 'Router Wi-Fi 6', code: 'RT-AX', quantity: 1, sold: false, unitPrice: 45000.5, taxRate: 21, total: 54450.61 },
      { productId: cable.id, name: 'Cable UTP (metro)', code: 'UTP-M', quantity: 25, sold: true, unitPrice: 0.35, taxRate: 10.5, total: 9.67 },
    ]);
    expect(view.total).toBe(54460.28);
    await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: router.id, quantity: 2 });
    await A.OPERATOR.products.removeLine({ ticketId: ticket.id, productId: cable.id });
    const stored = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { productsTotal: true } });
    expect(stored.productsTotal.toFixed(4)).toBe('108901.2100');
    const history = await A.OPERATOR.tickets.history({ id: ticket.id });
    expect(history.filter((h) => h.field === 'products').map((h) => [h.oldValue, h.newValue])).toEqual([
      ['Cable UTP (metro) (UTP-M) × 25', null],
      ['Router Wi-Fi 6 (RT-AX) × 1', 'Router Wi-Fi 6 (RT-AX) × 2'],
      [null, 'Cable UTP (metro) (UTP-M) × 25'],
      [null, 'Router Wi-Fi 6 (RT-AX) × 1'],
    ]);
  });

  it('a line keeps the price it was added at when the catalogue changes', async () => {
    const item = await A.ADMIN.products.create({ name: 'ONT', code: 'ONT-1', price: '80', taxRate: '0' });
    const ticket = await ticketOf();
    await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: item.id, quantity: 1 });
    await A.ADMIN.products.update({ id: item.id, price: '95' });
    await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: item.id, quantity: 3 });
    expect((await A.OPERATOR.products.ofTicket({ ticketId: ticket.id })).total).toBe(240);
  });

  it('sums of many lines equal the exact decimal sum (no floating point)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ cents: fc.integer({ min: 1, max: 99_999_99 }), qty: fc.integer({ min: 1, max: 50 }), rate: fc.constantFrom('0', '4', '10,5', '21', '27') }), { minLength: 1, maxLength: 6 }), async (lines) => {
        const ticket = await ticketOf();
        let expectedCents = 0n;
        for (const [i, line] of lines.entries()) {
          const price = `${Math.floor(line.cents / 100)},${String(line.cents % 100).padStart(2, '0')}`;
          const product = await A.ADMIN.products.create({ name: `Prop ${i}`, code: `P-${ticket.id.slice(-8)}-${i}`, price, taxRate: line.rate });
          await A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: product.id, quantity: line.qty });
          // cents × qty × (100 + rate) / 100, rounded half away from zero to cents — in bigint, rate in hundredths.
          const rateHundredths = BigInt(Math.round(Number(line.rate.replace(',', '.')) * 100));
          const scaled = BigInt(line.cents) * BigInt(line.qty) * (10_000n + rateHundredths); // cents × 10⁴
          expectedCents += (scaled + 5_000n) / 10_000n;
        }
        const stored = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { productsTotal: true } });
        const cents = BigInt(stored.productsTotal.toFixed(2).replace('.', ''));
        expect(cents).toBe(expectedCents);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a quantity of zero, negative or fractional, and a product of another tenant; nothing is saved', async () => {
    const ticket = await ticketOf();
    for (const quantity of [0, -2, 1.5]) {
      const error = await rejects(A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: router.id, quantity }), 'BAD_REQUEST');
      expect(JSON.stringify(error.cause)).toContain('validation.quantity');
    }
    await rejects(A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: otherTenantProduct.id, quantity: 1 }), 'NOT_FOUND');
    expect(await db().ticketProduct.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { productsTotal: true } })).productsTotal.toNumber()).toBe(0);
  });

  it('another tenant’s ticket is not found; a closed ticket’s sale is final', async () => {
    const ticket = await ticketOf();
    await rejects(B.ADMIN.products.setLine({ ticketId: ticket.id, productId: otherTenantProduct.id, quantity: 1 }), 'NOT_FOUND');
    await rejects(B.ADMIN.products.ofTicket({ ticketId: ticket.id }), 'NOT_FOUND');
    const config = await A.ADMIN.ticketConfig.get();
    const closed = config.states.find((s) => s.stage === 'CLOSED' && !s.archivedAt)!;
    const { version } = await A.OPERATOR.tickets.get({ id: ticket.id });
    await A.OPERATOR.tickets.update({ id: ticket.id, version, stateId: closed.id });
    const error = await rejects(A.OPERATOR.products.setLine({ ticketId: ticket.id, productId: router.id, quantity: 1 }), 'CONFLICT');
    expect(error.cause).toMatchObject({ messageKey: 'products.ticketClosed' });
    expect(translateError('es', 'products.ticketClosed')).toMatch(/cerrado/);
  });

  it('a technician sells on their own tickets by name and quantity, never sees amounts, and cannot reach others’ tickets', async () => {
    const mine = await ticketOf(A.ids.TECHNICIAN);
    const notMine = await ticketOf();
    const answer = await A.TECHNICIAN.products.setLine({ ticketId: mine.id, productId: router.id, quantity: 1 });
    expect('total' in answer).toBe(false);
    const view = await A.TECHNICIAN.products.ofTicket({ ticketId: mine.id });
    expect(view.lines).toEqual([{ productId: router.id, name: 'Router Wi-Fi 6', code: 'RT-AX', quantity: 1, sold: false }]);
    expect(JSON.stringify(view)).not.toMatch(/45000|54450|"total"|"cost"|"amount"/);
    await rejects(A.TECHNICIAN.products.setLine({ ticketId: notMine.id, productId: router.id, quantity: 1 }), 'NOT_FOUND');
    await rejects(A.TECHNICIAN.products.ofTicket({ ticketId: notMine.id }), 'NOT_FOUND');
  });
});

describe('collection of the intervention’s cost (G9)', () => {
  it('the office sets the cost and shows it to the technician, who records what was collected; the office sees collected against expected', async () => {
    const ticket = await ticketOf(A.ids.TECHNICIAN);
    let { version } = await A.OPERATOR.tickets.get({ id: ticket.id });
    ({ version } = await A.OPERATOR.tickets.update({ id: ticket.id, version, cost: 3500 }));
    // Not shown yet: the technician may not record a collection.
    await rejects(A.TECHNICIAN.products.collect({ ticketId: ticket.id, amount: '3500', method: 'CASH' }), 'FORBIDDEN');
    await A.OPERATOR.tickets.update({ id: ticket.id, version, costToTechnician: true });
    await A.TECHNICIAN.products.collect({ ticketId: ticket.id, amount: '3000,50', method: 'CASH' });
    const office = await A.OPERATOR.products.ofTicket({ ticketId: ticket.id });
    expect(office.collection).toMatchObject({ cost: 3500, toTechnician: true, amount: 3000.5, method: 'CASH', by: { id: A.ids.TECHNICIAN } });
    const technician = await A.TECHNICIAN.products.ofTicket({ ticketId: ticket.id });
    expect(technician.collection).toMatchObject({ toTechnician: true, method: 'CASH' });
    expect('amount' in technician.collection || 'cost' in technician.collection).toBe(false);
    const history = await A.OPERATOR.tickets.history({ id: ticket.id });
    expect(history.find((h) => h.field === 'collected')).toMatchObject({ oldValue: null, newValue: '3000.50 CASH' });
    // The collection is billing history: a technician's history leaves it out.
    expect((await A.TECHNICIAN.tickets.history({ id: ticket.id })).some((h) => h.field === 'collected')).toBe(false);
  });

  it('refuses a zero, negative or over-precise amount, and an unknown method', async () => {
    const ticket = await ticketOf();
    for (const [amount, problem] of [['0', 'notPositive'], ['-10', 'notPositive'], ['10,123', 'tooManyDecimals']] as const) {
      const error = await rejects(A.OPERATOR.products.collect({ ticketId: ticket.id, amount, method: 'CARD' }), 'BAD_REQUEST');
      expect(error.cause).toMatchObject({ fieldErrors: { amount: { key: `products.amount.${problem}` } } });
    }
    await rejects(A.OPERATOR.products.collect({ ticketId: ticket.id, amount: '10', method: 'BITCOIN' as 'CASH' }), 'BAD_REQUEST');
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { collectedAmount: true } })).collectedAmount).toBeNull();
  });

  it('another tenant cannot record a collection on this tenant’s ticket', async () => {
    const ticket = await ticketOf();
    await rejects(B.OPERATOR.products.collect({ ticketId: ticket.id, amount: '10', method: 'CASH' }), 'NOT_FOUND');
  });
});
