// F9: paying from the portal with Mercado Pago Checkout Pro, through the `mercadopago` SDK with the
// tenant's own access token.
//
//   1. createCheckout: the customer picks an amount (the seed's "Saldo deudor / Última factura /
//      Total / Ingresar manualmente"); the server works the figure out again (a typed one is checked:
//      positive, no more decimals than the currency has) and creates a preference — one item with the
//      amount, the payer, an external_reference "antena:<customer id>:<uuid>" that traces it back,
//      the notification URL on the tenant's host and the portal's back URLs. The browser is sent to
//      its init_point.
//   2. handleNotification (POST /api/payments/mercadopago/notify on the tenant's host): the
//      x-signature is checked with the tenant's webhook secret (HMAC-SHA256 over
//      "id:<data.id>;request-id:<x-request-id>;ts:<ts>;", data.id from the URL's query) — a forged one
//      is a 401 and nothing is read; the payment is fetched from the API by id (GET /v1/payments/:id,
//      with the tenant's token, so its amount and reference are Mercado Pago's, not the notifier's);
//      when approved it is recorded as a Payment (method "Mercado Pago", reference = the payment's id)
//      and settles the customer's open invoices oldest due first (statement-math's allocatePayment),
//      all in one transaction. The insert is `ON CONFLICT DO NOTHING` on Payment's unique (tenant,
//      method, reference): a repeated or concurrent notification records nothing the second time.
//
// The SDK sends every call to AppConfig.BASE_URL; MERCADOPAGO_API_URL sets it (tests: a local server).
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MercadoPagoConfig, Payment as MpPayment, Preference } from 'mercadopago';
import { AppConfig } from 'mercadopago/dist/utils/config/index.js';
import { z } from 'zod';
import { env, tenantOrigin } from '@/env';
import { dayIn } from '@/lib/format';
import { uuidv7 } from '@/lib/ids';
import { currencyDigits, parseAmount, toUnits, unitsToDecimal, unitsToNumber, type Units } from '@/lib/money';
import { Prisma } from '@/generated/prisma/client';
import { AppError, fieldError, notFound } from '@/server/errors';
import { scopedDb } from '@/server/data/scoped';
import { tenantSql } from '@/server/data/sql';
import { logger } from '@/server/logger';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { allocatePayment, type OpenInvoice } from '@/server/services/billing/statement-math';
import { accountFigures, payChoices, PAY_CHOICES } from '@/server/services/portal/home';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { mercadoPagoReady, notificationUrl } from './payment-settings';

type CustomerCaller = Caller<CustomerActor>;

/** How Antena names these payments (Payment.method); with the payment's id, unique in the tenant. */
export const MERCADO_PAGO_METHOD = 'Mercado Pago';

export const ZCheckoutInput = z
  .object({
    choice: z.enum(PAY_CHOICES),
    /** Only for MANUAL: the amount as typed ("1500", "1500,50"). */
    amount: z.string().trim().max(40).optional(),
  })
  .strict();
export const ZCheckout = z.object({ initPoint: z.url({ protocol: /^https?$/ }), amount: z.number() });

export const ZPayResultInput = z.object({ paymentId: z.string().regex(/^\d{1,20}$/).optional() }).strict();
export const ZPayResult = z.object({
  /** RECEIVED: recorded in the account; PENDING: Mercado Pago has not confirmed it yet. */
  state: z.enum(['RECEIVED', 'PENDING']),
  amount: z.number().nullable(),
});

function sdk(accessToken: string) {
  (AppConfig as { BASE_URL: string }).BASE_URL = env().MERCADOPAGO_API_URL.replace(/\/+$/, '');
  return new MercadoPagoConfig({ accessToken, options: { timeout: 15_000, maxRetries: 1, initialDelay: 200 } });
}

function assertOnline(tenant: TenantInfo) {
  if (!mercadoPagoReady(tenant.settings)) throw new AppError('FORBIDDEN', 'portalHome.payOff');
}

/** The amount the customer chose, worked out again on the server. */
export async function checkoutAmount(caller: CustomerCaller, input: z.output<typeof ZCheckoutInput>): Promise<Units> {
  const figures = await accountFigures(caller);
  const offered = payChoices(figures, caller.tenant.settings.payments.charge).find((c) => c.choice === input.choice);
  // Not offered (any more: the debt was paid meanwhile, the tenant changed what it charges).
  if (!offered) throw fieldError('choice', 'validation.unknownOption');
  if (offered.amount !== null) return offered.amount;
  const digits = currencyDigits(caller.tenant.currency);
  const parsed = parseAmount(input.amount ?? '', digits);
  if ('problem' in parsed) throw fieldError('amount', `portalHome.amount.${parsed.problem}`, { digits });
  return parsed.units;
}

/** Creates the Checkout Pro preference for the signed-in customer; the browser goes to its init_point. */
export async function createCheckout(caller: CustomerCaller, input: z.output<typeof ZCheckoutInput>): Promise<z.output<typeof ZCheckout>> {
  const { tenant, actor } = caller;
  assertOnline(tenant);
  const amount = await checkoutAmount(caller, input);
  const customer = await caller.db.customer.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: actor.id } }, select: { code: true, name: true, emails: true } });
  if (!customer) throw notFound();
  const origin = tenantOrigin(tenant.slug);
  const back = `${origin}/portal/pay/result`;
  const externalReference = `antena:${actor.id}:${uuidv7()}`;
  let preference;
  try {
    preference = await new Preference(sdk(tenant.settings.payments.mercadoPago.accessToken)).create({
      body: {
        items: [{ id: customer.code, title: `${tenant.name} · ${customer.code}`, quantity: 1, unit_price: unitsToNumber(amount), currency_id: tenant.currency }],
        payer: { name: customer.name, ...(customer.emails[0] ? { email: customer.emails[0] } : {}) },
        external_reference: externalReference,
        notification_url: notificationUrl(tenant.slug),
        back_urls: { success: back, pending: back, failure: back },
        auto_return: 'approved',
        metadata: { tenant: tenant.slug, customer_id: actor.id },
      },
    });
  } catch (err) {
    logger.error({ err, tenantId: tenant.id }, 'mercado pago: the preference could not be created');
    throw new AppError('BAD_REQUEST', 'portalHome.providerFailed');
  }
  const initPoint = ZCheckout.shape.initPoint.safeParse(preference.init_point);
  if (!initPoint.success) {
    logger.error({ tenantId: tenant.id, preferenceId: preference.id }, 'mercado pago: the preference has no init_point');
    throw new AppError('BAD_REQUEST', 'portalHome.providerFailed');
  }
  logger.info({ tenantId: tenant.id, customerId: actor.id, preferenceId: preference.id, externalReference }, 'mercado pago: checkout created');
  return { initPoint: initPoint.data, amount: unitsToNumber(amount) };
}

/** The back URL's page: is this payment (Mercado Pago's id, from the back URL) already in the customer's account? */
export async function payResult(caller: CustomerCaller, input: z.output<typeof ZPayResultInput>): Promise<z.output<typeof ZPayResult>> {
  if (!input.paymentId) return { state: 'PENDING', amount: null };
  const payment = await caller.db.payment.findFirst({ where: { customerId: caller.actor.id, method: MERCADO_PAGO_METHOD, reference: input.paymentId }, select: { amount: true } });
  return payment ? { state: 'RECEIVED', amount: unitsToNumber(toUnits(payment.amount)) } : { state: 'PENDING', amount: null };
}

/** Mercado Pago's x-signature ("ts=…,v1=…") over the manifest of this notification, with the tenant's secret. */
export function signatureValid(secret: string, header: string | null, requestId: string | null, dataId: string): boolean {
  if (!header || !secret) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]).filter((p) => p.length === 2));
  const ts = parts.get('ts');
  const v1 = parts.get('v1');
  if (!ts || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) return false;
  const id = /^[a-z0-9]+$/i.test(dataId) ? dataId.toLowerCase() : dataId;
  const manifest = `id:${id};${requestId ? `request-id:${requestId};` : ''}ts:${ts};`;
  const expected = createHmac('sha256', secret).update(manifest).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** Signs a notification as Mercado Pago does (the local test server and tests use it). */
export function signNotification(secret: string, dataId: string, requestId: string, ts = String(Date.now())): string {
  const v1 = createHmac('sha256', secret).update(`id:${dataId.toLowerCase()};request-id:${requestId};ts:${ts};`).digest('hex');
  return `ts=${ts},v1=${v1}`;
}

export type NotificationOutcome = { status: 200 | 401 | 404 | 502; recorded: boolean; reason: string };

/** A notification Mercado Pago sent to the tenant's host. */
export async function handleNotification(tenant: TenantInfo, url: URL, headers: Headers, body: unknown): Promise<NotificationOutcome> {
  if (!mercadoPagoReady(tenant.settings)) return { status: 404, recorded: false, reason: 'off' };
  const b = (body && typeof body === 'object' ? body : {}) as { type?: unknown; data?: { id?: unknown } };
  const type = url.searchParams.get('type') ?? url.searchParams.get('topic') ?? (typeof b.type === 'string' ? b.type : null);
  // data.id is read from the URL's query (what the signature covers), never from the body.
  const dataId = url.searchParams.get('data.id') ?? url.searchParams.get('id');
  if (type !== 'payment' || !dataId) return { status: 200, recorded: false, reason: 'not a payment' };
  const { accessToken, webhookSecret } = tenant.settings.payments.mercadoPago;
  if (!signatureValid(webhookSecret, headers.get('x-signature'), headers.get('x-request-id'), dataId)) {
    logger.warn({ tenantId: tenant.id, dataId }, 'mercado pago: a notification with a wrong signature was refused');
    return { status: 401, recorded: false, reason: 'signature' };
  }
  if (!/^\d{1,20}$/.test(dataId)) return { status: 200, recorded: false, reason: 'not a payment id' };
  let payment;
  try {
    payment = await new MpPayment(sdk(accessToken)).get({ id: dataId });
  } catch (err) {
    // Mercado Pago retries a notification that was not answered 200/201.
    logger.error({ err, tenantId: tenant.id, dataId }, 'mercado pago: the payment could not be read');
    return { status: 502, recorded: false, reason: 'provider' };
  }
  if (payment.status !== 'approved') return { status: 200, recorded: false, reason: `status ${payment.status}` };
  const customerId = /^antena:([0-9a-f-]{36}):/.exec(payment.external_reference ?? '')?.[1];
  if (!customerId || payment.currency_id !== tenant.currency || typeof payment.transaction_amount !== 'number' || payment.transaction_amount <= 0) {
    logger.warn({ tenantId: tenant.id, dataId, externalReference: payment.external_reference, currency: payment.currency_id }, 'mercado pago: an approved payment that is not one of this tenant’s checkouts');
    return { status: 200, recorded: false, reason: 'not ours' };
  }
  const paidOn = dayIn(payment.date_approved ? new Date(payment.date_approved) : new Date(), tenant.timeZone);
  const recorded = await recordPayment(tenant, { customerId, amount: toUnits(payment.transaction_amount.toFixed(4)), paidOn, reference: String(payment.id ?? dataId) });
  return { status: 200, recorded, reason: recorded ? 'recorded' : 'already recorded' };
}

/**
 * Records one provider payment and settles the customer's open invoices with it, oldest due first,
 * in one transaction. The customer's row is locked first, so two payments of one customer settle
 * one after the other. Answers false, writing nothing, when the method and reference are recorded already.
 */
export async function recordPayment(tenant: Pick<TenantInfo, 'id'>, p: { customerId: string; amount: Units; paidOn: string; reference: string }): Promise<boolean> {
  const db = scopedDb(tenant.id);
  const sql = tenantSql(tenant.id);
  return db.$transaction(async (tx) => {
    const customer = await sql.query<{ id: string }[]>(tx, (s) => Prisma.sql`SELECT c.id::text AS id FROM "Customer" c WHERE c."tenantId" = ${s.tenant} AND c.id = ${p.customerId}::uuid FOR UPDATE`);
    if (!customer.length) {
      logger.warn({ tenantId: tenant.id, customerId: p.customerId, reference: p.reference }, 'mercado pago: a payment for a customer the tenant does not have');
      return false;
    }
    const id = uuidv7();
    const inserted = await sql.query<{ id: string }[]>(tx, (s) => Prisma.sql`
      INSERT INTO "Payment" ("id", "tenantId", "customerId", "paidOn", "amount", "method", "reference", "createdAt")
      VALUES (${id}::uuid, ${s.tenant}, ${p.customerId}::uuid, ${p.paidOn}::date, ${unitsToDecimal(p.amount)}::numeric, ${MERCADO_PAGO_METHOD}, ${p.reference}, CURRENT_TIMESTAMP AT TIME ZONE 'UTC')
      ON CONFLICT ("tenantId", "method", "reference") DO NOTHING
      RETURNING id::text AS id`);
    if (!inserted.length) return false;
    const open = await sql.query<{ id: string; number: string; dueOn: string; issuedOn: string; total: string; balance: string; status: OpenInvoice['status'] }[]>(tx, (s) => Prisma.sql`
      SELECT i.id::text AS id, i.number, i."dueOn"::text AS "dueOn", i."issuedOn"::text AS "issuedOn", i.total::text AS total, i.balance::text AS balance, i.status::text AS status
      FROM "Invoice" i WHERE i."tenantId" = ${s.tenant} AND i."customerId" = ${p.customerId}::uuid AND i.balance > 0 AND i.status <> 'VOID'::"InvoiceStatus"
      ORDER BY i."dueOn", i."issuedOn", i.id FOR UPDATE`);
    const invoices: OpenInvoice[] = open.map((i) => ({ ...i, customerId: p.customerId, total: toUnits(i.total), balance: toUnits(i.balance) }));
    const { allocations } = allocatePayment(p.amount, [], invoices);
    for (const a of allocations) {
      await sql.execute(tx, (s) => Prisma.sql`
        INSERT INTO "PaymentAllocation" ("tenantId", "customerId", "paymentId", "invoiceId", "amount")
        VALUES (${s.tenant}, ${p.customerId}::uuid, ${id}::uuid, ${a.invoice.id}::uuid, ${unitsToDecimal(a.amount)}::numeric)`);
      await sql.execute(tx, (s) => Prisma.sql`
        UPDATE "Invoice" i SET "balance" = ${unitsToDecimal(a.invoice.balance)}::numeric, "status" = ${a.invoice.status}::"InvoiceStatus"
        WHERE i."tenantId" = ${s.tenant} AND i.id = ${a.invoice.id}::uuid`);
    }
    logger.info({ tenantId: tenant.id, customerId: p.customerId, paymentId: id, reference: p.reference, allocations: allocations.length }, 'mercado pago: payment recorded');
    return true;
  });
}
