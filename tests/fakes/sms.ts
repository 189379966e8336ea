// A local stand-in for Twilio Programmable Messaging on loopback: `POST /2010-04-01/Accounts/{Sid}/Messages.json`
// with a form body (To, From or MessagingServiceSid, Body) and HTTP Basic auth (SID:token). It records
// every request the real Twilio library makes, answers like Twilio (201 and the message's JSON; errors as
// { code, message, more_info, status }), and can be told to fail the next requests with given statuses.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsRequest = { method: string; url: string; headers: IncomingHttpHeaders; form: Record<string, string> };
export type ReceivedSms = { sid: string; to: string; from: string | null; messagingServiceSid: string | null; body: string };

/** What Twilio says for a status the test asks for. */
const FAILURES: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "The 'To' number is not a valid phone number." },
  401: { code: 20003, message: 'Authenticate' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'An internal server error has occurred' },
  503: { code: 20503, message: 'Service unavailable' },
};

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function twilioError(res: ServerResponse, status: number) {
  const { code, message } = FAILURES[status] ?? { code: 20001, message: `Failed with ${status}` };
  answer(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/** Starts the fake on `port` (0: any free one) for one account. `GET /_received` lists what it accepted, for tests in another process. */
export async function startFakeSms(opts: { accountSid: string; authToken: string; port?: number }) {
  const requests: SmsRequest[] = [];
  const received: ReceivedSms[] = [];
  /** Statuses to answer the next requests with (Twilio's error JSON), a status and a raw body (a proxy's HTML page …), or 'hang' (no answer). */
  const failNext: (number | { status: number; body: string } | 'hang')[] = [];
  const path = `/2010-04-01/Accounts/${opts.accountSid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_received') return answer(res, 200, received);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, form });
      if (req.method !== 'POST' || req.url !== path) return answer(res, 404, { code: 20404, message: `The requested resource ${req.url} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });
      if (req.headers.authorization !== expectedAuth) return twilioError(res, 401);
      const failure = failNext.shift();
      if (failure === 'hang') return;
      if (typeof failure === 'number') return twilioError(res, failure);
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'text/html' });
        return res.end(failure.body);
      }
      if (!form.To || !form.Body || !(form.From || form.MessagingServiceSid)) {
        return answer(res, 400, { code: 21604, message: "A 'To' phone number, a 'From' or 'MessagingServiceSid', and a 'Body' are required.", more_info: 'https://www.twilio.com/docs/errors/21604', status: 400 });
      }
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const now = new Date().toUTCString();
      received.push({ sid, to: form.To, from: form.From ?? null, messagingServiceSid: form.MessagingServiceSid ?? null, body: form.Body });
      answer(res, 201, {
        sid,
        account_sid: opts.accountSid,
        to: form.To,
        from: form.From ?? null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        body: form.Body,
        status: 'queued',
        direction: 'outbound-api',
        num_segments: '1',
        api_version: '2010-04-01',
        date_created: now,
        date_updated: now,
        date_sent: null,
        error_code: null,
        error_message: null,
        price: null,
        price_unit: 'USD',
        uri: `${path.replace('.json', '')}/${sid}.json`,
        subresource_uris: { media: `${path.replace('.json', '')}/${sid}/Media.json` },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Messages Twilio accepted: what the recipients' phones would receive. */
    received,
    failNext,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
