// The security headers of every answer, in one place: pages (src/proxy.ts, with a fresh nonce per
// request), tRPC answers (src/server/api/http-handler.ts) and everything else the production server
// sends — route handlers, ticket files, static files (src/server/edge.ts fills in what an answer lacks).
// Pure: the callers pass what the environment and the request say.

export type PolicyOptions = {
  /** MAP_TILE_URL: the browser fetches the location map's tiles from its origin. */
  tileUrl: string;
  /** `next dev`: React needs eval for its debugging, and styles are injected without a nonce. */
  dev: boolean;
  /** The request reached us over HTTPS (HSTS and upgrade-insecure-requests only then). */
  https: boolean;
};

/**
 * The origin of the tile server as a CSP source: `https://tile.example.org:8443`, `https://*.tile.example.org`
 * for a `{s}` subdomain template, or null for tiles on this site (a path) — 'self' already covers them.
 */
export function tileSource(tileUrl: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!match) return null;
  const [, scheme, authority] = match;
  const labels = authority!.toLowerCase().split('.');
  // A template placeholder in the host ({s}, rarely another) names many hosts: a wildcard for its label.
  if (labels[0]!.includes('{')) labels[0] = '*';
  const host = labels.join('.');
  // Anything else unusual in the host cannot be said as a host source; the scheme alone still excludes the rest.
  return /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/.test(host) ? `${scheme!.toLowerCase()}://${host}` : `${scheme!.toLowerCase()}:`;
}

/** 16 random bytes, base64: unguessable and new for every page. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A page's policy. Scripts only with this response's nonce (Next.js reads it from the request's CSP
 * header and puts it on its own scripts), and what those load ('strict-dynamic'): no inline script,
 * no eval outside development. Style elements and sheets are held to the same nonce or this origin;
 * style *attributes* stay allowed (style-src-attr 'unsafe-inline') because the e-mail preview (a
 * sandboxed srcdoc frame, which inherits this policy) is e-mail HTML, styled only by attributes as
 * mail clients require. An attribute cannot run script, and img-src bounds what a style could fetch.
 * (React's style props are set through the CSSOM, which no policy restricts.)
 */
export function pageContentSecurityPolicy(nonce: string, opts: PolicyOptions): string {
  const tiles = tileSource(opts.tileUrl);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // In development Next.js injects style elements without the nonce (and a nonce would disable 'unsafe-inline').
    opts.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    opts.dev ? "style-src-elem 'self' 'unsafe-inline'" : `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    // tRPC and Next.js's own requests; next dev's hot reload is a WebSocket.
    `connect-src 'self'${opts.dev ? ' ws: wss:' : ''}`,
    // The service worker (offline pages, push) is /sw.js.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Anything that is not a page (JSON, files, scripts, images): a document made of it may load and run nothing, nor be framed. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Where the service worker is served (src/app/sw.ts, built into public/sw.js), with scope '/'. */
export const SERVICE_WORKER_PATH = '/sw.js';

/**
 * The service worker's own policy: a worker runs under the policy its script was served with, and
 * RESOURCE_CSP would refuse its fetches (precaching the build's assets, pages from the network). It
 * may fetch from this origin only (connect-src; notification icons from img-src) and load no script.
 */
export const SERVICE_WORKER_CSP = "default-src 'none'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Where Turbopack puts a dedicated worker's entry script (`new Worker(new URL(…, import.meta.url))`:
 * the technician app's device engine, src/components/tech/offline/engine-worker.ts). The entry
 * loads the worker's chunks with importScripts.
 */
export const APP_WORKER_PATH = /^\/_next\/static\/chunks\/turbopack-worker-[\w-]+\.js$/;

/**
 * An app worker's own policy (it runs under the policy its entry script was served with, and
 * RESOURCE_CSP would refuse its chunks and its requests): scripts and requests of this origin only —
 * its chunks, the API, the queue's photo uploads.
 */
export const APP_WORKER_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A ticket file opened in a tab: it runs nothing (sandbox), loads nothing but itself, and no site
 * frames it. A PDF is only kept out of frames: what script a PDF has runs in the browser's viewer,
 * which a page's policy does not govern, and a sandbox has kept some viewers from showing it.
 */
export function fileContentSecurityPolicy(mime: string): string {
  return mime === 'application/pdf' ? "frame-ancestors 'none'" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";
}

/** Two years, every subdomain (each tenant is one); sent only over HTTPS, where browsers heed it. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** Powerful features: the camera and the location for the technician app on this origin; nothing else, and never for frames of others. */
export const PERMISSIONS_POLICY = 'accelerometer=(), autoplay=(), camera=(self), display-capture=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()';

/** The headers every answer carries besides its Content-Security-Policy. */
export function commonHeaders(https: boolean): [string, string][] {
  return [
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
    // The tile servers still learn which site asks (OpenStreetMap's policy requires it), never the page.
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['permissions-policy', PERMISSIONS_POLICY],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ...(https ? ([['strict-transport-security', HSTS]] as [string, string][]) : []),
  ];
}

type HeaderList = readonly (readonly [string, string])[];

/** A policy with the common headers, made once for each scheme (callers must not modify the lists). */
function withPolicy(csp: string): (https: boolean) => HeaderList {
  const http: HeaderList = [['content-security-policy', csp], ...commonHeaders(false)];
  const https: HeaderList = [['content-security-policy', csp], ...commonHeaders(true)];
  return (overHttps) => (overHttps ? https : http);
}

/** The headers of anything that is not a page (the same two lists every time: do not modify them). */
export const resourceHeaders = withPolicy(RESOURCE_CSP);
const serviceWorkerHeaders = withPolicy(SERVICE_WORKER_CSP);
const appWorkerHeaders = withPolicy(APP_WORKER_CSP);

/** The headers of an answer that does not set its own, by the path asked for: the service worker's, an app worker's, or any resource's. */
export function defaultHeaders(pathname: string, https: boolean): HeaderList {
  if (pathname === SERVICE_WORKER_PATH) return serviceWorkerHeaders(https);
  if (APP_WORKER_PATH.test(pathname)) return appWorkerHeaders(https);
  return resourceHeaders(https);
}

/**
 * Whether the request reached us over HTTPS: PUBLIC_SCHEME=https says users reach the app that way;
 * otherwise the load balancer's X-Forwarded-Proto. Browsers ignore HSTS received over plain HTTP
 * (RFC 6797 §8.1), so a client forging the header only changes the headers of its own answer.
 */
export function arrivedOverHttps(publicScheme: string | undefined, forwardedProto: string | null | undefined): boolean {
  if (publicScheme === 'https') return true;
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
