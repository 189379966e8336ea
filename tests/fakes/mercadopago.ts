// A local stand-in for Mercado Pago on loopback, speaking the API the `mercadopago` SDK calls (the app
// points the SDK's AppConfig.BASE_URL here through MERCADOPAGO_API_URL):
//   POST /checkout/preferences      a Checkout Pro preference (Bearer access token) → { id, init_point, … }
//   GET  /v1/payments/:id           a payment made here, for the token whose preference it paid
// and a checkout page at each preference's init_point (GET /checkout/v1/redirect?pref_id=…) whose
// "Pagar" button pays: the payment is approved, Mercado Pago's notification is sent to the
// preference's notification_url (?data.id=…&type=payment, signed with the account's webhook secret in
// x-signature as Mercado Pago signs it), and the browser is sent back to back_urls.success with the
// query Mercado Pago adds. `GET /_payments` lists the payments (for specs in another process);
// `POST /_notify/:id` sends a payment's notification again (a replay).
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAccount = { accessToken: string; webhookSecret: string };
type Preference = { id: string; token: string; body: Record<string, unknown>; amount: number; currency: string };
export type FakePayment = { id: number; preferenceId: string; token: string; status: 'approved' | 'rejected'; amount: number; currency: string; externalReference: string; dateApproved: string };
export type SentNotification = { url: string; status: number; paymentId: number };

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** x-signature as Mercado Pago computes it: HMAC-SHA256 over "id:<data.id>;request-id:<x-request-id>;ts:<ts>;". */
export function mercadoPagoSignature(secret: string, dataId: string, requestId: string, ts = String(Date.now())): string {
  return `ts=${ts},v1=${createHmac('sha256', secret).update(`id:${dataId};request-id:${requestId};ts:${ts};`).digest('hex')}`;
}

/** POSTs to a URL; a *.localhost host is reached on loopback (Node does not resolve it), keeping its Host header. */
export function postTo(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(url);
  const local = u.hostname === 'localhost' || u.hostname.endsWith('.localhost');
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: local ? '127.0.0.1' : u.hostname, port: u.port || 80, path: `${u.pathname}${u.search}`, method: 'POST', headers: { ...headers, host: u.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `deliver`: how a notification reaches the app (default: an HTTP POST; integration tests hand it to the route handler). */
export async function startFakeMercadoPago(opts: { accounts: FakeAccount[]; port?: number; deliver?: (url: string, body: string, headers: Record<string, string>) => Promise<number> }) {
  const preferences = new Map<string, Preference>();
  const payments = new Map<number, FakePayment>();
  const notifications: SentNotification[] = [];
  let nextPayment = 1_300_000_001;
  let base = '';
  const secretOf = (token: string) => opts.accounts.find((a) => a.accessToken === token)?.webhookSecret;
  const tokenOf = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

  async function notify(payment: FakePayment): Promise<SentNotification> {
    const pref = preferences.get(payment.preferenceId)!;
    const target = String(pref.body.notification_url ?? '');
    const url = `${target}${target.includes('?') ? '&' : '?'}data.id=${payment.id}&type=payment`;
    const requestId = randomUUID();
    const body = JSON.stringify({ action: 'payment.created', api_version: 'v1', data: { id: String(payment.id) }, date_created: new Date().toISOString(), id: Date.now(), live_mode: false, type: 'payment', user_id: '123456' });
    const status = await (opts.deliver ?? postTo)(url, body, { 'x-signature': mercadoPagoSignature(secretOf(payment.token) ?? '', String(payment.id), requestId), 'x-request-id': requestId }).catch(() => 0);
    const sent = { url, status, paymentId: payment.id };
    notifications.push(sent);
    return sent;
  }

  function paymentJson(p: FakePayment) {
    return {
      id: p.id, status: p.status, status_detail: p.status === 'approved' ? 'accredited' : 'cc_rejected_other_reason', transaction_amount: p.amount, currency_id: p.currency,
      external_reference: p.externalReference, date_created: p.dateApproved, date_approved: p.status === 'approved' ? p.dateApproved : null,
      payment_method_id: 'account_money', payment_type_id: 'account_money', operation_type: 'regular_payment', live_mode: false, metadata: {},
      order: { id: p.preferenceId, type: 'mercadopago' },
    };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (req.method === 'GET' && path === '/_payments') return json(res, 200, [...payments.values()]);
      if (req.method === 'GET' && path === '/_notifications') return json(res, 200, notifications);
      const replay = /^\/_notify\/(\d+)$/.exec(path);
      if (req.method === 'POST' && replay) {
        const payment = payments.get(Number(replay[1]));
        return payment ? json(res, 200, await notify(payment)) : json(res, 404, { message: 'not found' });
      }
      if (req.method === 'POST' && path === '/checkout/preferences') {
        const token = tokenOf(req);
        if (!secretOf(token)) return json(res, 401, { message: 'invalid_token', error: 'unauthorized', status: 401, cause: [] });
        const body = JSON.parse(await readAll(req)) as Record<string, unknown>;
        const items = (body.items ?? []) as { unit_price?: number; quantity?: number; currency_id?: string }[];
        if (!items.length || items.some((i) => typeof i.unit_price !== 'number' || i.unit_price <= 0)) return json(res, 400, { message: 'invalid items.unit_price', error: 'bad_request', status: 400, cause: [] });
        const id = `123456-${randomUUID()}`;
        const amount = items.reduce((sum, i) => sum + i.unit_price! * (i.quantity ?? 1), 0);
        preferences.set(id, { id, token, body, amount, currency: items[0]!.currency_id ?? 'ARS' });
        const initPoint = `${base}/checkout/v1/redirect?pref_id=${id}`;
        return json(res, 201, { ...body, id, collector_id: 123456, client_id: '654321', date_created: new Date().toISOString(), init_point: initPoint, sandbox_init_point: initPoint, operation_type: 'regular_payment' });
      }
      const get = /^\/v1\/payments\/(\d+)$/.exec(path);
      if (req.method === 'GET' && get) {
        const payment = payments.get(Number(get[1]));
        if (!payment || payment.token !== tokenOf(req)) return json(res, 404, { message: 'Payment not found', error: 'not_found', status: 404, cause: [{ code: 2000, description: 'Payment not found' }] });
        return json(res, 200, paymentJson(payment));
      }
      if (req.method === 'GET' && path === '/checkout/v1/redirect') {
        const pref = preferences.get(url.searchParams.get('pref_id') ?? '');
        if (!pref) return json(res, 404, { message: 'preference not found' });
        const title = String(((pref.body.items as { title?: string }[])[0] ?? {}).title ?? '');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html lang="es"><head><meta name="viewport" content="width=device-width"><title>Mercado Pago (local)</title></head><body>
<h1>Mercado Pago (local)</h1><p data-testid="mp-title">${escapeHtml(title)}</p><p data-testid="mp-amount">${pref.currency} ${pref.amount.toFixed(2)}</p>
<form method="post" action="/checkout/v1/pay"><input type="hidden" name="pref_id" value="${escapeHtml(pref.id)}"><button type="submit">Pagar</button></form>
<form method="post" action="/checkout/v1/pay"><input type="hidden" name="pref_id" value="${escapeHtml(pref.id)}"><input type="hidden" name="reject" value="1"><button type="submit">Rechazar</button></form>
</body></html>`);
      }
      if (req.method === 'POST' && path === '/checkout/v1/pay') {
        const form = new URLSearchParams(await readAll(req));
        const pref = preferences.get(form.get('pref_id') ?? '');
        if (!pref) return json(res, 404, { message: 'preference not found' });
        const payment: FakePayment = {
          id: nextPayment++, preferenceId: pref.id, token: pref.token, status: form.get('reject') ? 'rejected' : 'approved', amount: pref.amount, currency: pref.currency,
          externalReference: String(pref.body.external_reference ?? ''), dateApproved: new Date().toISOString(),
        };
        payments.set(payment.id, payment);
        // Mercado Pago notifies the seller's server; here before the redirect, so the portal sees it settled.
        await notify(payment);
        const backs = (pref.body.back_urls ?? {}) as { success?: string; failure?: string };
        const back = new URL(String((payment.status === 'approved' ? backs.success : backs.failure) ?? base));
        for (const [k, v] of Object.entries({ collection_id: String(payment.id), collection_status: payment.status, payment_id: String(payment.id), status: payment.status, external_reference: payment.externalReference, payment_type: 'account_money', preference_id: pref.id })) back.searchParams.set(k, v);
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      json(res, 404, { message: `not found: ${req.method} ${path}` });
    })().catch((error: unknown) => json(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    preferences,
    payments,
    notifications,
    /** Pays a preference as its checkout page's button does (without a browser); answers the payment and its notification. */
    async pay(preferenceId: string, status: 'approved' | 'rejected' = 'approved') {
      const response = await fetch(`${base}/checkout/v1/pay`, { method: 'POST', body: new URLSearchParams({ pref_id: preferenceId, ...(status === 'rejected' ? { reject: '1' } : {}) }), redirect: 'manual' });
      const location = response.headers.get('location') ?? '';
      const paymentId = Number(new URL(location).searchParams.get('payment_id'));
      return { payment: payments.get(paymentId)!, notification: notifications.at(-1)!, location };
    },
    notify,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
