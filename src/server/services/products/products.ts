// G8: the tenant's product catalogue and the products sold (or to sell) on a ticket — "la valigetta"
// of the back office and of the technician app. G9: what was collected for the intervention.
//
// Money is exact: prices are Decimal(18, 4), typed amounts are parsed to ten-thousandths
// (src/lib/money.ts) and every sum is PostgreSQL's numeric arithmetic — no floating point between
// the typed price and the ticket's total. Amounts reach only roles with billing.read (`requires`):
// a technician sells by name and quantity; the one amount they see is the cost the office chose to
// show them for collection (techTicket's `collection`).
//
// A ticket's lines are found through the scoped client, whose visibility rule covers TicketProduct
// as a child of the ticket: a ticket the caller may not see — and its lines — is not found.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { requires } from '@/lib/answers';
import { ZWhen } from '@/lib/answer-fields';
import { can } from '@/lib/permissions';
import { currencyDigits, parseAmount, toUnits, unitsToDecimal, unitsToNumber } from '@/lib/money';
import { AppError, fieldError, forbidden, notFound, uniqueWrite } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';

export const COLLECTION_METHODS = ['CASH', 'CARD', 'TRANSFER', 'OTHER'] as const;
export const MAX_QUANTITY = 9_999;

const ZAmountText = z.string().trim().min(1).max(40);
/** A tax rate as a percentage: "21", "10,5", "4.00". */
const ZTaxRate = z
  .string()
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, { message: 'validation.taxRate' })
  .refine((v) => Number(v.replace(',', '.')) <= 100, { message: 'validation.taxRate' });

export const ZProductInput = z.object({
  name: z.string().trim().min(1).max(120),
  code: z.string().trim().min(1).max(40),
  /** Before tax, as typed ("1500", "1500,50"): no more decimals than the tenant's currency has. */
  price: ZAmountText,
  taxRate: ZTaxRate,
  active: z.boolean().default(true),
});
export const ZProductUpdate = ZProductInput.partial().extend({ id: z.uuid() });

/** A catalogue row; its price only for billing.read. */
export const ZProductRow = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string(),
  price: requires('billing.read', z.number()),
  taxRate: z.number(),
  active: z.boolean(),
  inUse: z.boolean(),
});

/** A ticket's line: what was sold, and its amounts for billing.read. */
export const ZTicketProductLine = z.object({
  productId: z.uuid(),
  name: z.string(),
  code: z.string(),
  quantity: z.number().int(),
  sold: z.boolean(),
  unitPrice: requires('billing.read', z.number()),
  taxRate: requires('billing.read', z.number()),
  /** quantity × unit price × (1 + tax), rounded to the currency's decimals. */
  total: requires('billing.read', z.number()),
});
/** G8/G9: a ticket's lines, their total, and the intervention's cost against what was collected. */
export const ZTicketProducts = z.object({
  lines: z.array(ZTicketProductLine),
  total: requires('billing.read', z.number()),
  collection: z.object({
    cost: requires('billing.read', z.number().nullable()),
    /** The office shows the cost to the technician, to collect. */
    toTechnician: z.boolean(),
    amount: requires('billing.read', z.number().nullable()),
    method: z.enum(COLLECTION_METHODS).nullable(),
    at: ZWhen.nullable(),
    by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
});

export const ZSetLine = z.object({
  ticketId: z.uuid(),
  productId: z.uuid(),
  quantity: z.number({ message: 'validation.quantity' }).int({ message: 'validation.quantity' }).min(1, { message: 'validation.quantity' }).max(MAX_QUANTITY, { message: 'validation.quantity' }),
  sold: z.boolean().optional(),
});
export const ZRemoveLine = z.object({ ticketId: z.uuid(), productId: z.uuid() });
export const ZCollect = z.object({ ticketId: z.uuid(), amount: ZAmountText, method: z.enum(COLLECTION_METHODS) });
export const ZLineChanged = z.object({ ticketId: z.uuid(), productId: z.uuid(), total: requires('billing.read', z.number()) });

/** A typed amount → a Decimal text, or a field error naming what is wrong. Zero is a price (a free cable); not an amount collected. */
function amountOf(caller: StaffCaller, field: string, raw: string, allowZero: boolean): string {
  const digits = currencyDigits(caller.tenant.currency);
  if (allowZero && /^0+([.,]0*)?$/.test(raw.trim())) return '0';
  const parsed = parseAmount(raw, digits);
  if ('problem' in parsed) throw fieldError(field, `products.amount.${parsed.problem}`, { digits });
  return unitsToDecimal(parsed.units);
}

const taxRateOf = (raw: string) => raw.replace(',', '.');

/** The catalogue, by name; inactive products only when asked (the admin's list). */
export async function listProducts(caller: StaffCaller, input: { includeInactive?: boolean }) {
  const billing = can(caller.actor.role, 'billing.read');
  const rows = await caller.db.product.findMany({
    where: input.includeInactive ? {} : { active: true },
    orderBy: [{ name: 'asc' }, { code: 'asc' }],
    select: { id: true, name: true, code: true, price: true, taxRate: true, active: true, _count: { select: { lines: true } } },
  });
  return rows.map(({ price, taxRate, _count, ...p }) => ({
    ...p,
    taxRate: Number(taxRate),
    inUse: _count.lines > 0,
    ...(billing ? { price: unitsToNumber(toUnits(price)) } : {}),
  }));
}

export async function createProduct(caller: StaffCaller, input: z.output<typeof ZProductInput>) {
  const price = amountOf(caller, 'price', input.price, true);
  return uniqueWrite(
    () =>
      caller.db.product.create({
        data: { tenantId: caller.tenantId, name: input.name, code: input.code, price, taxRate: taxRateOf(input.taxRate), active: input.active },
        select: { id: true },
      }),
    'code',
    'products.codeTaken',
  );
}

/** A change of price or tax applies to lines added from now on: a line keeps what was agreed. */
export async function updateProduct(caller: StaffCaller, { id, ...input }: z.output<typeof ZProductUpdate>) {
  const data: Prisma.ProductUpdateInput = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.price !== undefined ? { price: amountOf(caller, 'price', input.price, true) } : {}),
    ...(input.taxRate !== undefined ? { taxRate: taxRateOf(input.taxRate) } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  return uniqueWrite(() => caller.db.product.update({ where: { tenantId_id: { tenantId: caller.tenantId, id } }, data, select: { id: true } }), 'code', 'products.codeTaken');
}

/** A product never sold can be deleted; one on a ticket is deactivated instead (the line keeps it). */
export async function deleteProduct(caller: StaffCaller, id: string) {
  const product = await caller.db.product.findUnique({ where: { tenantId_id: { tenantId: caller.tenantId, id } }, select: { id: true, _count: { select: { lines: true } } } });
  if (!product) throw notFound();
  if (product._count.lines > 0) throw new AppError('CONFLICT', 'products.inUse');
  await caller.db.product.delete({ where: { tenantId_id: { tenantId: caller.tenantId, id } } });
  return { id };
}

/** The line total in SQL: exact numeric, rounded to the currency's decimals. */
const lineTotal = (digits: number) => Prisma.sql`round(l.quantity * l."unitPrice" * (100 + l."taxRate") / 100, ${digits}::int)`;

/** G8/G9: a ticket's lines with their amounts (billing.read), and its cost against what was collected. */
export async function ticketProducts(caller: StaffCaller, ticketId: string) {
  const { db, sql, tenant, actor } = caller;
  const billing = can(actor.role, 'billing.read');
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { productsTotal: true, cost: true, costToTechnician: true, collectedAmount: true, collectedMethod: true, collectedAt: true, collectedBy: { select: { id: true, name: true } } },
  });
  if (!ticket) throw notFound();
  const lines = await sql.rows<{ productId: string; name: string; code: string; quantity: number; sold: boolean; unitPrice: string; taxRate: string; total: string }>((s) => Prisma.sql`
    SELECT l."productId", p.name, p.code, l.quantity, l.sold, l."unitPrice"::text, l."taxRate"::text, ${lineTotal(currencyDigits(tenant.currency))}::text AS total
    FROM "TicketProduct" l JOIN "Product" p ON p."tenantId" = l."tenantId" AND p.id = l."productId"
    WHERE l."tenantId" = ${s.tenant} AND l."ticketId" = ${ticketId}::uuid AND ${s.visibleTicketId('l."ticketId"')}
    ORDER BY l."createdAt", p.name`);
  const num = (d: string | Prisma.Decimal) => unitsToNumber(toUnits(typeof d === 'string' ? d : d.toFixed(4)));
  const numOrNull = (d: Prisma.Decimal | null) => (d === null ? null : num(d));
  return {
    lines: lines.map(({ unitPrice, taxRate, total, ...l }) => ({ ...l, ...(billing ? { unitPrice: num(unitPrice), taxRate: Number(taxRate), total: num(total) } : {}) })),
    ...(billing ? { total: num(ticket.productsTotal) } : {}),
    collection: {
      ...(billing ? { cost: numOrNull(ticket.cost), amount: numOrNull(ticket.collectedAmount) } : {}),
      toTechnician: ticket.costToTechnician,
      method: ticket.collectedMethod,
      at: ticket.collectedAt,
      by: ticket.collectedBy,
    },
  };
}

/** The scoped client's transaction (what `caller.db.$transaction` hands its callback). */
type Tx = Parameters<Parameters<StaffCaller['db']['$transaction']>[0]>[0];

/**
 * Locks the ticket the caller may see (NOT_FOUND otherwise) for a change of its lines or collection;
 * a closed ticket's sale is final (CONFLICT, shown to the technician with their change kept).
 */
async function lockTicket(caller: StaffCaller, tx: Tx, ticketId: string) {
  const rows = await caller.sql.query<{ id: string; stage: string; version: number; cost: string | null; costToTechnician: boolean }[]>(tx, (s) => Prisma.sql`
    SELECT t.id, t.stage::text, t.version, t.cost::text, t."costToTechnician" FROM "Ticket" t
    WHERE t."tenantId" = ${s.tenant} AND t.id = ${ticketId}::uuid AND ${s.visible('t')} FOR UPDATE`);
  const ticket = rows[0];
  if (!ticket) throw notFound();
  if (ticket.stage === 'CLOSED') throw new AppError('CONFLICT', 'products.ticketClosed');
  return ticket;
}

/** Recomputes the ticket's products total from its lines (same transaction) and answers it. */
async function refreshTotal(caller: StaffCaller, tx: Tx, ticketId: string): Promise<string> {
  const [row] = await caller.sql.query<{ total: string }[]>(tx, (s) => Prisma.sql`
    UPDATE "Ticket" t SET "productsTotal" = COALESCE((
      SELECT sum(${lineTotal(currencyDigits(caller.tenant.currency))}) FROM "TicketProduct" l WHERE l."tenantId" = t."tenantId" AND l."ticketId" = t.id), 0)
    WHERE t."tenantId" = ${s.tenant} AND t.id = ${ticketId}::uuid AND ${s.visible('t')}
    RETURNING t."productsTotal"::text AS total`);
  return row!.total;
}

const describeLine = (name: string, code: string, quantity: number) => `${name} (${code}) × ${quantity}`;

async function lineEvent(caller: StaffCaller, tx: Tx, ticketId: string, version: number, oldValue: string | null, newValue: string | null) {
  await tx.ticketEvent.create({ data: { tenantId: caller.tenantId, ticketId, actorId: caller.actor.id, kind: 'field', field: 'products', version, oldValue, newValue } });
}

/**
 * Adds a product to the ticket or sets its line's quantity (and whether it was delivered). A new line
 * takes the product's current price and tax, and only an active product can be added; a line already
 * there keeps the price it was agreed at. Absolute, so the technician's queue may send it again.
 */
export async function setLine(caller: StaffCaller, input: z.output<typeof ZSetLine>) {
  const billing = can(caller.actor.role, 'billing.read');
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.ticketId);
    const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId: caller.tenantId, id: input.productId } }, select: { name: true, code: true, price: true, taxRate: true, active: true } });
    if (!product) throw fieldError('productId', 'products.unknownProduct', undefined, 'NOT_FOUND');
    const key = { tenantId_ticketId_productId: { tenantId: caller.tenantId, ticketId: input.ticketId, productId: input.productId } };
    const line = await tx.ticketProduct.findUnique({ where: key, select: { quantity: true, sold: true } });
    if (!line && !product.active) throw fieldError('productId', 'products.inactive');
    const sold = input.sold ?? line?.sold ?? false;
    if (line && line.quantity === input.quantity && line.sold === sold) {
      const row = await tx.ticket.findUniqueOrThrow({ where: { id: input.ticketId }, select: { productsTotal: true } });
      return { ticketId: input.ticketId, productId: input.productId, ...(billing ? { total: unitsToNumber(toUnits(row.productsTotal)) } : {}) };
    }
    if (line) await tx.ticketProduct.update({ where: key, data: { quantity: input.quantity, sold } });
    else await tx.ticketProduct.create({ data: { tenantId: caller.tenantId, ticketId: input.ticketId, productId: input.productId, quantity: input.quantity, sold, unitPrice: product.price, taxRate: product.taxRate, addedById: caller.actor.id } });
    const total = await refreshTotal(caller, tx, input.ticketId);
    await lineEvent(caller, tx, input.ticketId, ticket.version, line ? describeLine(product.name, product.code, line.quantity) : null, describeLine(product.name, product.code, input.quantity));
    return { ticketId: input.ticketId, productId: input.productId, ...(billing ? { total: unitsToNumber(toUnits(total)) } : {}) };
  });
}

/** Removes a product's line from the ticket; a line already gone is left as it is (a queue may send it twice). */
export async function removeLine(caller: StaffCaller, input: z.output<typeof ZRemoveLine>) {
  const billing = can(caller.actor.role, 'billing.read');
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.ticketId);
    const key = { tenantId_ticketId_productId: { tenantId: caller.tenantId, ticketId: input.ticketId, productId: input.productId } };
    const line = await tx.ticketProduct.findUnique({ where: key, select: { quantity: true, product: { select: { name: true, code: true } } } });
    if (!line) {
      const row = await tx.ticket.findUniqueOrThrow({ where: { id: input.ticketId }, select: { productsTotal: true } });
      return { ticketId: input.ticketId, productId: input.productId, ...(billing ? { total: unitsToNumber(toUnits(row.productsTotal)) } : {}) };
    }
    await tx.ticketProduct.delete({ where: key });
    const total = await refreshTotal(caller, tx, input.ticketId);
    await lineEvent(caller, tx, input.ticketId, ticket.version, describeLine(line.product.name, line.product.code, line.quantity), null);
    return { ticketId: input.ticketId, productId: input.productId, ...(billing ? { total: unitsToNumber(toUnits(total)) } : {}) };
  });
}

/**
 * G9: records what was collected from the customer and how. The office (billing.read) may always;
 * a technician only when the office shows them the cost for collection.
 */
export async function recordCollection(caller: StaffCaller, input: z.output<typeof ZCollect>) {
  const amount = amountOf(caller, 'amount', input.amount, false);
  const digits = currencyDigits(caller.tenant.currency);
  /** "1500.5000" → "1500.50" for the history (the currency's decimals; text, not a float). */
  const shown = (decimal: string) => decimal.slice(0, decimal.indexOf('.') + (digits ? digits + 1 : 0));
  return caller.db.$transaction(async (tx) => {
    const ticket = await lockTicket(caller, tx, input.ticketId);
    if (!can(caller.actor.role, 'billing.read') && !ticket.costToTechnician) throw forbidden();
    const before = await tx.ticket.findUniqueOrThrow({ where: { id: input.ticketId }, select: { collectedAmount: true, collectedMethod: true } });
    const at = new Date();
    await tx.ticket.update({ where: { id: input.ticketId }, data: { collectedAmount: amount, collectedMethod: input.method, collectedAt: at, collectedById: caller.actor.id } });
    await tx.ticketEvent.create({
      data: {
        tenantId: caller.tenantId,
        ticketId: input.ticketId,
        actorId: caller.actor.id,
        kind: 'field',
        field: 'collected',
        version: ticket.version,
        oldValue: before.collectedAmount === null ? null : `${shown(unitsToDecimal(toUnits(before.collectedAmount)))} ${before.collectedMethod ?? ''}`.trim(),
        newValue: `${shown(amount)} ${input.method}`,
      },
    });
    return { ticketId: input.ticketId, at };
  });
}
export const ZCollected = z.object({ ticketId: z.uuid(), at: ZWhen });
