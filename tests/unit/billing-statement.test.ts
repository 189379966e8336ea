// A5: money parsing and the account statement's arithmetic (src/lib/money.ts,
// src/server/services/billing/statement-math.ts), with a property test over random statements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits, parseAmount, parseDay, toUnits, unitsToDecimal, unitsToNumber } from '@/lib/money';
import { allocatePayment, statementEntries, statementTotals, statusFor, type OpenInvoice, type StatementInvoice, type StatementPayment } from '@/server/services/billing/statement-math';

const u = (n: string) => toUnits(n);

describe('amounts', () => {
  it('reads the ways an ISP writes them', () => {
    expect(parseAmount('1500', 2)).toEqual({ units: u('1500') });
    expect(parseAmount('1500.50', 2)).toEqual({ units: u('1500.5') });
    expect(parseAmount('1500,50', 2)).toEqual({ units: u('1500.5') });
    expect(parseAmount('1.500,50', 2)).toEqual({ units: u('1500.5') });
    expect(parseAmount('1,500.50', 2)).toEqual({ units: u('1500.5') });
    expect(parseAmount(' $ 12.345.678,9 ', 2)).toEqual({ units: u('12345678.9') });
    expect(parseAmount('€ 7,10', 2)).toEqual({ units: u('7.1') });
    expect(parseAmount('2500', 0)).toEqual({ units: u('2500') });
  });

  it('refuses zero, negatives, more decimals than the currency has, and what is not a number', () => {
    expect(parseAmount('0', 2)).toEqual({ problem: 'notPositive' });
    expect(parseAmount('0,00', 2)).toEqual({ problem: 'notPositive' });
    expect(parseAmount('-10', 2)).toEqual({ problem: 'notPositive' });
    expect(parseAmount('−10,5', 2)).toEqual({ problem: 'notPositive' });
    expect(parseAmount('10.123', 2)).toEqual({ problem: 'tooManyDecimals' });
    // "1.500" in a Spanish file means 1500; with a 2-decimal currency it is refused, never read as 1.5.
    expect(parseAmount('1.500', 2)).toEqual({ problem: 'tooManyDecimals' });
    expect(parseAmount('10,5', 0)).toEqual({ problem: 'tooManyDecimals' });
    expect(parseAmount('10.50', 2)).toEqual({ units: u('10.5') });
    expect(parseAmount('abc', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('1.2.3', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('12,34,56', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('1e5', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('99999999999999999', 2)).toEqual({ problem: 'tooLarge' });
  });

  it('knows the currencies’ decimals', () => {
    expect(currencyDigits('ARS')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('CLP')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('round-trips units and decimals exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (units) => {
        expect(toUnits(unitsToDecimal(units))).toBe(units);
      }),
    );
    expect(unitsToNumber(u('0.1') + u('0.2'))).toBe(0.3);
  });
});

describe('days', () => {
  it('reads ISO and day-first dates, and refuses days that do not exist', () => {
    expect(parseDay('2026-11-30')).toBe('2026-11-30');
    expect(parseDay('30/11/2026')).toBe('2026-11-30');
    expect(parseDay('1/2/2026')).toBe('2026-02-01');
    expect(parseDay('30.11.2026')).toBe('2026-11-30');
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('11/30/2026')).toBeNull();
    expect(parseDay('ayer')).toBeNull();
  });
});

const inv = (id: string, issuedOn: string, dueOn: string, total: string, balance = total, status?: StatementInvoice['status']): StatementInvoice => ({
  id, number: `F-${id}`, issuedOn, dueOn, total: u(total), balance: u(balance), status: status ?? statusFor(u(total), u(balance)),
});
const pay = (id: string, paidOn: string, amount: string): StatementPayment => ({ id, paidOn, amount: u(amount) });

describe('statement', () => {
  const invoices = [inv('1', '2026-09-01', '2026-09-10', '1000', '0'), inv('2', '2026-10-01', '2026-10-10', '1000', '400'), inv('3', '2026-11-01', '2026-11-10', '1000'), inv('4', '2026-12-01', '2026-12-10', '1000'), inv('5', '2026-10-15', '2026-10-20', '999', '0', 'VOID')];
  const payments = [pay('a', '2026-09-05', '1000'), pay('b', '2026-10-01', '600')];

  it('lists every invoice and payment in date order with the running balance', () => {
    const entries = statementEntries(invoices, payments);
    expect(entries.map((e) => [e.kind, e.date, unitsToNumber(e.balance)])).toEqual([
      ['invoice', '2026-09-01', 1000],
      ['payment', '2026-09-05', 0],
      // On the same day the invoice comes first.
      ['invoice', '2026-10-01', 1000],
      ['payment', '2026-10-01', 400],
      ['invoice', '2026-11-01', 1400],
      ['invoice', '2026-12-01', 2400],
    ]);
  });

  it('adds up the debt, the overdue debt (the due day itself is not late) and the next due day', () => {
    const totals = statementTotals(invoices, payments, '2026-12-10');
    expect(unitsToNumber(totals.balance)).toBe(2400);
    expect(unitsToNumber(totals.debt)).toBe(2400);
    expect(unitsToNumber(totals.overdueDebt)).toBe(1400);
    expect(totals.overdueInvoices).toBe(2);
    expect(totals.nextDueOn).toBe('2026-12-10');
    const later = statementTotals(invoices, payments, '2026-12-11');
    expect(unitsToNumber(later.overdueDebt)).toBe(2400);
    expect(later.nextDueOn).toBeNull();
  });

  it('settles named invoices first, then the oldest due; what is left is a credit', () => {
    const open = (id: string, dueOn: string, balance: string): OpenInvoice => ({ id, number: `F-${id}`, customerId: 'c', issuedOn: dueOn, dueOn, total: u('1000'), balance: u(balance), status: statusFor(u('1000'), u(balance)) });
    const [x, y, z] = [open('x', '2026-10-10', '1000'), open('y', '2026-09-10', '300'), open('z', '2026-11-10', '1000')];
    const result = allocatePayment(u('1500'), [z], [x, y, z]);
    expect(result.allocations.map((a) => [a.invoice.id, unitsToNumber(a.amount)])).toEqual([['z', 1000], ['y', 300], ['x', 200]]);
    expect(unitsToNumber(result.left)).toBe(0);
    expect([x.status, y.status, z.status]).toEqual(['PARTIAL', 'PAID', 'PAID']);
    const more = allocatePayment(u('1000'), [], [x, y, z]);
    expect(more.allocations.map((a) => [a.invoice.id, unitsToNumber(a.amount)])).toEqual([['x', 800]]);
    expect(unitsToNumber(more.left)).toBe(200);
  });

  it('property: the running balance is invoices minus payments, the debt is what invoices still owe, overdue ≤ debt', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const cents = fc.bigInt({ min: 1n, max: 10_000_000n }).map((c) => c * 100n);
    const invoice = fc.record({ issuedOn: day, days: fc.integer({ min: 0, max: 60 }), total: cents, paidShare: fc.integer({ min: 0, max: 100 }), voided: fc.boolean() });
    const payment = fc.record({ paidOn: day, amount: cents });
    fc.assert(
      fc.property(fc.array(invoice, { maxLength: 40 }), fc.array(payment, { maxLength: 40 }), day, (rawInvoices, rawPayments, today) => {
        const invoices: StatementInvoice[] = rawInvoices.map((r, i) => {
          const balance = (r.total * BigInt(100 - r.paidShare)) / 100n;
          const dueOn = new Date(Date.parse(r.issuedOn) + r.days * 86_400_000).toISOString().slice(0, 10);
          return { id: String(i).padStart(4, '0'), number: `N${i}`, issuedOn: r.issuedOn, dueOn, total: r.total, balance, status: r.voided ? 'VOID' : statusFor(r.total, balance) };
        });
        const payments: StatementPayment[] = rawPayments.map((p, i) => ({ id: `p${String(i).padStart(4, '0')}`, paidOn: p.paidOn, amount: p.amount }));
        const entries = statementEntries(invoices, payments);
        const totals = statementTotals(invoices, payments, today);
        const live = invoices.filter((i) => i.status !== 'VOID');
        const expected = live.reduce((s, i) => s + i.total, 0n) - payments.reduce((s, p) => s + p.amount, 0n);
        expect(entries.length).toBe(live.length + payments.length);
        expect(entries.at(-1)?.balance ?? 0n).toBe(expected);
        expect(totals.balance).toBe(expected);
        let running = 0n;
        for (let k = 0; k < entries.length; k += 1) {
          const e = entries[k]!;
          running += e.debit - e.credit;
          expect(e.balance).toBe(running);
          if (k) expect(entries[k - 1]!.date <= e.date).toBe(true);
        }
        expect(totals.debt).toBe(live.reduce((s, i) => s + i.balance, 0n));
        expect(totals.overdueDebt).toBe(live.filter((i) => i.dueOn < today).reduce((s, i) => s + i.balance, 0n));
        expect(totals.overdueDebt <= totals.debt).toBe(true);
        if (totals.nextDueOn) expect(totals.nextDueOn >= today).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
