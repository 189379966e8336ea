// F9: the portal's home — the signed-in customer's account as they may see it: balance, debt,
// overdue debt, the next due day, the last invoice (to download), each connection with its status,
// and what "Pagar" offers. Two statements through the pool (totals and last invoice in one, the
// connections in the other), so a customer with ten years of months costs what one with a month does.
import 'server-only';
import { z } from 'zod';
import { dayIn } from '@/lib/format';
import { toUnits, unitsToNumber, type Units } from '@/lib/money';
import { Prisma } from '@/generated/prisma/client';
import { notFound } from '@/server/errors';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { mercadoPagoReady } from '@/server/services/payments/payment-settings';

type CustomerCaller = Caller<CustomerActor>;
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PAY_CHOICES = ['OVERDUE', 'LAST_INVOICE', 'TOTAL', 'MANUAL'] as const;
export type PayChoice = (typeof PAY_CHOICES)[number];

export const ZPortalHome = z.object({
  currency: z.string(),
  /** The tenant's today, against which "overdue" is measured. */
  today: ZDay,
  /** Every invoice minus every payment: positive, the customer owes; negative, a credit. */
  balance: z.number(),
  /** What invoices still owe. */
  debt: z.number(),
  /** Of the debt, what is past its due day. */
  overdueDebt: z.number(),
  overdueInvoices: z.number().int(),
  /** The earliest due day, today or later, of an invoice still owed. */
  nextDueOn: ZDay.nullable(),
  lastInvoice: z
    .object({ id: z.uuid(), number: z.string(), issuedOn: ZDay, dueOn: ZDay, total: z.number(), balance: z.number(), hasPdf: z.boolean() })
    .nullable(),
  connections: z.array(z.object({ id: z.uuid(), code: z.string().nullable(), address: z.string(), plan: z.string().nullable(), status: z.enum(['ENABLED', 'BLOCKED', 'NO_SERVICE']) })),
  pay: z.object({
    /** Mercado Pago is on with its credentials: the "Pagar" button shows. */
    online: z.boolean(),
    /** The amounts offered, each with its figure (MANUAL: typed by the customer, amount null). */
    choices: z.array(z.object({ choice: z.enum(PAY_CHOICES), amount: z.number().nullable() })),
    /** The ISP's other ways to pay, as plain text (empty: none). */
    otherMethods: z.string(),
  }),
});
export type PortalHome = z.infer<typeof ZPortalHome>;

type Totals = {
  found: boolean;
  total: string;
  paid: string;
  debt: string;
  overdue: string;
  overdueCount: number;
  nextDueOn: string | null;
  lastId: string | null;
  lastNumber: string | null;
  lastIssuedOn: string | null;
  lastDueOn: string | null;
  lastTotal: string | null;
  lastBalance: string | null;
  lastHasPdf: boolean | null;
};

export type AccountFigures = {
  balance: Units;
  debt: Units;
  overdueDebt: Units;
  overdueInvoices: number;
  nextDueOn: string | null;
  lastInvoice: { id: string; number: string; issuedOn: string; dueOn: string; total: Units; balance: Units; hasPdf: boolean } | null;
};

/** The customer's figures, summed by PostgreSQL over the (tenant, customer, …) indexes. */
export async function accountFigures(caller: CustomerCaller, now = new Date()): Promise<AccountFigures & { today: string }> {
  const today = dayIn(now, caller.tenant.timeZone);
  const customerId = caller.actor.id;
  const [row] = await caller.sql.rows<Totals>(
    (s) => Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM "Customer" c WHERE c."tenantId" = ${s.tenant} AND c.id = ${customerId}::uuid) AS found,
      COALESCE(t.total, 0)::text AS total, COALESCE(p.paid, 0)::text AS paid, COALESCE(t.debt, 0)::text AS debt,
      COALESCE(t.overdue, 0)::text AS overdue, COALESCE(t."overdueCount", 0)::int AS "overdueCount", t."nextDueOn",
      l.id::text AS "lastId", l.number AS "lastNumber", l."issuedOn"::text AS "lastIssuedOn", l."dueOn"::text AS "lastDueOn",
      l.total::text AS "lastTotal", l.balance::text AS "lastBalance", (l."pdfKey" IS NOT NULL) AS "lastHasPdf"
    FROM (
      SELECT SUM(i.total) AS total,
        SUM(i.balance) FILTER (WHERE i.balance > 0) AS debt,
        SUM(i.balance) FILTER (WHERE i.balance > 0 AND i."dueOn" < ${today}::date) AS overdue,
        COUNT(*) FILTER (WHERE i.balance > 0 AND i."dueOn" < ${today}::date) AS "overdueCount",
        (MIN(i."dueOn") FILTER (WHERE i.balance > 0 AND i."dueOn" >= ${today}::date))::text AS "nextDueOn"
      FROM "Invoice" i WHERE i."tenantId" = ${s.tenant} AND i."customerId" = ${customerId}::uuid AND i.status <> 'VOID'::"InvoiceStatus"
    ) t
    CROSS JOIN (SELECT SUM(p.amount) AS paid FROM "Payment" p WHERE p."tenantId" = ${s.tenant} AND p."customerId" = ${customerId}::uuid) p
    LEFT JOIN LATERAL (
      SELECT i.id, i.number, i."issuedOn", i."dueOn", i.total, i.balance, i."pdfKey" FROM "Invoice" i
      WHERE i."tenantId" = ${s.tenant} AND i."customerId" = ${customerId}::uuid AND i.status <> 'VOID'::"InvoiceStatus"
      ORDER BY i."issuedOn" DESC, i.id DESC LIMIT 1
    ) l ON TRUE`,
    { prepared: true },
  );
  if (!row?.found) throw notFound();
  return {
    today,
    balance: toUnits(row.total) - toUnits(row.paid),
    debt: toUnits(row.debt),
    overdueDebt: toUnits(row.overdue),
    overdueInvoices: row.overdueCount,
    nextDueOn: row.nextDueOn,
    lastInvoice: row.lastId
      ? { id: row.lastId, number: row.lastNumber!, issuedOn: row.lastIssuedOn!, dueOn: row.lastDueOn!, total: toUnits(row.lastTotal!), balance: toUnits(row.lastBalance!), hasPdf: !!row.lastHasPdf }
      : null,
  };
}

/**
 * The amounts "Pagar" offers, as the seed's "Cobro con botón de pago" says: FREE offers the overdue
 * debt ("Saldo deudor"), what the last invoice still owes ("Última factura"), the whole debt
 * ("Total") and a typed amount; DEBT only the whole debt; INVOICE only the last invoice. An amount
 * of nothing is not offered.
 */
export function payChoices(figures: AccountFigures, charge: 'FREE' | 'DEBT' | 'INVOICE'): { choice: PayChoice; amount: Units | null }[] {
  const last = figures.lastInvoice && figures.lastInvoice.balance > 0n ? figures.lastInvoice.balance : 0n;
  const all: { choice: PayChoice; amount: Units | null }[] = [
    { choice: 'OVERDUE', amount: figures.overdueDebt },
    { choice: 'LAST_INVOICE', amount: last },
    { choice: 'TOTAL', amount: figures.debt },
    { choice: 'MANUAL', amount: null },
  ];
  const allowed: Record<typeof charge, PayChoice[]> = { FREE: ['OVERDUE', 'LAST_INVOICE', 'TOTAL', 'MANUAL'], DEBT: ['TOTAL'], INVOICE: ['LAST_INVOICE'] };
  return all.filter((c) => allowed[charge].includes(c.choice) && (c.amount === null || c.amount > 0n));
}

export async function portalHome(caller: CustomerCaller, now = new Date()): Promise<PortalHome> {
  const [figures, connections] = await Promise.all([
    accountFigures(caller, now),
    caller.sql.rows<{ id: string; code: string | null; address: string; plan: string | null; status: 'ENABLED' | 'BLOCKED' | 'NO_SERVICE' }>(
      (s) => Prisma.sql`
      SELECT c.id::text AS id, c.code, c.address, pl.name AS plan, c.status::text AS status
      FROM "Connection" c LEFT JOIN "Plan" pl ON pl."tenantId" = c."tenantId" AND pl.id = c."planId"
      WHERE c."tenantId" = ${s.tenant} AND c."customerId" = ${caller.actor.id}::uuid
      ORDER BY c."createdAt", c.id LIMIT 50`,
      { prepared: true },
    ),
  ]);
  const payments = caller.tenant.settings.payments;
  return {
    currency: caller.tenant.currency,
    today: figures.today,
    balance: unitsToNumber(figures.balance),
    debt: unitsToNumber(figures.debt),
    overdueDebt: unitsToNumber(figures.overdueDebt),
    overdueInvoices: figures.overdueInvoices,
    nextDueOn: figures.nextDueOn,
    // Its PDF is offered when the tenant allows downloads (F4): the ISP's, or one Antena draws.
    lastInvoice: figures.lastInvoice && {
      ...figures.lastInvoice,
      total: unitsToNumber(figures.lastInvoice.total),
      balance: unitsToNumber(figures.lastInvoice.balance),
      hasPdf: caller.tenant.settings.portalInvoices.allowDownload,
    },
    connections,
    pay: {
      online: mercadoPagoReady(caller.tenant.settings),
      choices: payChoices(figures, payments.charge).map((c) => ({ choice: c.choice, amount: c.amount === null ? null : unitsToNumber(c.amount) })),
      otherMethods: payments.otherMethods,
    },
  };
}
