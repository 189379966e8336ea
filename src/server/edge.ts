// The production server's edge (src/cli/serve.ts): what every request must be before anything reads
// it, and the security headers of every answer that does not bring its own.
//   - A Host that is not a host name (`user@demo…`, spaces, an empty one) or a request target that is
//     not a path (`GET http://elsewhere/…`): 400. Next.js would build a URL with credentials from the
//     first (a 500) and redirect to the second's host.
//   - Methods other than GET, HEAD and POST (TRACE, TRACK, CONNECT, PUT…): 405 with Allow. Next.js
//     answered TRACE with a 500 and rendered pages for PUT; Node closed CONNECT without a word.
//   - A request asking to switch protocols (WebSocket, h2c): 400 — Antena speaks only HTTP/1.1 here.
// Bodies are the routes' JSON error, in the language of the caller's cookie.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { env } from '@/env';
import { translateError } from '@/i18n/catalog';
import { arrivedOverHttps, defaultHeaders, resourceHeaders } from '@/lib/security-headers';
import type { RouteErrorBody } from '@/server/api/route-handlers';
import { cookieLocale } from '@/server/http';

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?$`, 'i');

/** A Host header as RFC 9110 allows it (a name or an address, an optional port) and nothing else: no user info, spaces or paths. */
export function isWellFormedHost(host: string | undefined): boolean {
  if (!host || host.length > 260) return false;
  const match = HOST.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535);
}

type Refusal = { status: number; code: string; key: string; allow?: boolean };

/** Why a request is refused before it is read, or null. */
export function edgeRefusal(method: string | undefined, target: string | undefined, host: string | undefined): Refusal | null {
  if (!method || !(ALLOWED_METHODS as readonly string[]).includes(method)) return { status: 405, code: 'METHOD_NOT_SUPPORTED', key: 'methodNotAllowed', allow: true };
  if (!isWellFormedHost(host)) return { status: 400, code: 'BAD_REQUEST', key: 'badHost' };
  // Origin form only (RFC 9112 §3.2.1): a path, not `//host/…` nor an absolute URL meant for a proxy.
  if (!target || target[0] !== '/' || target[1] === '/') return { status: 400, code: 'BAD_REQUEST', key: 'badRequestTarget' };
  return null;
}

function https(headers: http.IncomingHttpHeaders): boolean {
  const proto = headers['x-forwarded-proto'];
  return arrivedOverHttps(env().PUBLIC_SCHEME, Array.isArray(proto) ? proto[0] : proto);
}

function errorBody(refusal: Refusal, cookie: string | undefined): string {
  return JSON.stringify({ error: { code: refusal.code, message: translateError(cookieLocale(cookie ?? null) ?? 'es', refusal.key) } } satisfies RouteErrorBody);
}

/**
 * Answers a request that must not go further (see edgeRefusal) and returns true; otherwise false.
 * Call first, for every request.
 */
export function refuseMalformedRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const refusal = edgeRefusal(req.method, req.url, req.headers.host);
  if (!refusal) return false;
  const body = errorBody(refusal, req.headers.cookie);
  for (const [name, value] of resourceHeaders(https(req.headers))) res.setHeader(name, value);
  if (refusal.allow) res.setHeader('allow', ALLOW);
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  // What the client still sends of a body is read and dropped.
  req.resume();
  return true;
}

/**
 * The security headers for any answer that does not set its own: route handlers, files, static
 * files, errors; the service worker gets its own policy (it must fetch). Pages bring theirs
 * (src/proxy.ts, with the page's nonce), tRPC answers theirs (http-handler.ts); a header an answer
 * sets is never replaced. Filled in when the head is written.
 */
export function fillSecurityHeaders(req: http.IncomingMessage, res: http.ServerResponse): void {
  const defaults = defaultHeaders((req.url ?? '/').split('?')[0]!, https(req.headers));
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    for (const [name, value] of defaults) if (!this.hasHeader(name)) this.setHeader(name, value);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/** A whole response written on a raw socket (no ServerResponse exists for it), then the connection closed. */
function rawAnswer(socket: Duplex, refusal: Refusal, headers: http.IncomingHttpHeaders = {}): void {
  const body = errorBody(refusal, headers.cookie);
  const lines = [
    `HTTP/1.1 ${refusal.status} ${REASONS[refusal.status] ?? 'Bad Request'}`,
    ...resourceHeaders(https(headers)).map(([name, value]) => `${name}: ${value}`),
    ...(refusal.allow ? [`allow: ${ALLOW}`] : []),
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * What Node answers before a request reaches the handler: CONNECT (405), a request to switch protocols
 * (400), and a request it cannot parse — an unknown method such as TRACK is 405, anything else keeps
 * Node's own status (400, 408, 413, 431). Call once, before the server listens.
 */
export function guardProtocolEdges(server: http.Server): void {
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    rawAnswer(socket, { status: 405, code: 'METHOD_NOT_SUPPORTED', key: 'methodNotAllowed', allow: true }, req.headers);
  });
  // Registered before Next.js adds its own on the first request, so this one answers first; Next.js's then finds the socket closed.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    rawAnswer(socket, edgeRefusal(req.method, req.url, req.headers.host) ?? { status: 400, code: 'BAD_REQUEST', key: 'badRequest' }, req.headers);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) return void socket.destroy();
    const status = { HPE_INVALID_METHOD: 405, HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 }[error.code ?? ''] ?? 400;
    if (status === 405) rawAnswer(socket, { status, code: 'METHOD_NOT_SUPPORTED', key: 'methodNotAllowed', allow: true });
    else rawAnswer(socket, { status, code: status === 413 || status === 431 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', key: status === 413 || status === 431 ? 'payloadTooLarge' : 'badRequest' });
  });
}
