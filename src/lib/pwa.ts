// The installable apps (E1, and the portal next): which pages the service worker (src/app/sw.ts) keeps
// for offline use, under which key, and the messages it exchanges with the pages. Pure: the worker,
// the pages and the unit tests share it.

/** The apps a phone installs: each is one scope of pages, its own manifest and its own start page. */
export const APP_SCOPES = ['/tech', '/portal'] as const;
export type AppScope = (typeof APP_SCOPES)[number];

/** The scope a path belongs to (`/tech`, `/tech/…`), or null. `/technical` is not `/tech`. */
export function appScopeOf(pathname: string): AppScope | null {
  return APP_SCOPES.find((scope) => pathname === scope || pathname.startsWith(`${scope}/`)) ?? null;
}

/**
 * Whether the worker answers this request from the network first with the cached page as fallback:
 * a page load (a navigation, GET) of this origin under an app's scope. Everything else — tRPC, /api,
 * Next.js's RSC fetches, other scopes, other origins — never goes through the page cache.
 */
export function isAppPageRequest(request: { mode: string; method: string; url: string }, origin: string): boolean {
  if (request.mode !== 'navigate' || request.method !== 'GET') return false;
  const url = new URL(request.url);
  return url.origin === origin && !url.pathname.startsWith('/api/') && appScopeOf(url.pathname) !== null && !UNCACHED_PAGES.includes(url.pathname);
}

/**
 * Pages of a scope never kept: setting one's portal password (F2/F8) — its page carries the e-mailed
 * link's secret, which must not outlive it in the browser's cache — and asking for that link.
 */
export const UNCACHED_PAGES: readonly string[] = ['/portal/password', '/portal/access'];

/**
 * The key a page is cached under: its address without the query string, so an offline load of
 * `/tech?ticket=…` or `/tech?view=map` gets the last `/tech` the app loaded (the app's views are query
 * parameters of one page).
 */
export function pageCacheKey(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/**
 * F14: the portal's pages a customer reads offline — the account (home) and the tickets — and the page
 * shown instead of any other portal page the worker has no copy of. The portal keeps them current
 * (src/components/portal/portal-offline.tsx); /tech is one page, kept whenever it loads.
 */
export const PORTAL_OFFLINE_PAGE = '/portal/offline';
export const OFFLINE_PAGES: readonly string[] = ['/portal', '/portal/tickets', PORTAL_OFFLINE_PAGE];

/** The kept page to answer with when `url` (a page of an app's scope) has no copy and no network: the portal's offline page, or none. */
export function offlineFallbackOf(url: string): string | null {
  const parsed = new URL(url);
  return appScopeOf(parsed.pathname) === '/portal' ? new URL(PORTAL_OFFLINE_PAGE, parsed.origin).href : null;
}

/** The cache of app pages (the precache of the build's assets is Serwist's own). */
export const PAGES_CACHE = 'antena-pages';

/** Seconds the worker waits for the network before answering a page from the cache. */
export const PAGE_NETWORK_TIMEOUT_SECONDS = 3;

/** Background Sync's tag under which the app asks to flush its offline queue. */
export const SYNC_TAG = 'antena-sync';

/** Worker → pages: the browser says the connection is back and the queue may be flushed. */
export type SyncMessage = { type: 'antena-sync' };
/** Page → worker: drop every cached page (signing out on a shared phone); answered on the message's port. */
export type ClearMessage = { type: 'antena-clear' };
export type ClearedMessage = { type: 'antena-cleared'; deleted: string[] };

/** Page → worker: read these pages of this origin again into the kept copies. */
export type KeepMessage = { type: 'antena-keep'; urls: string[] };

export function isKeepMessage(data: unknown): data is KeepMessage {
  const message = data as { type?: unknown; urls?: unknown } | null;
  return typeof message === 'object' && message !== null && message.type === 'antena-keep' && Array.isArray(message.urls) && message.urls.every((u) => typeof u === 'string');
}

export function isClearMessage(data: unknown): data is ClearMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'antena-clear';
}

/** What a push carries (src/server/notifications/push.ts writes it). */
export type PushPayload = { title?: string; body?: string; url?: string; tag?: string };

/** A push's data as the worker shows it: JSON as sent, or its text as the body. */
export function readPushPayload(read: { json: () => unknown; text: () => string } | null): PushPayload {
  if (!read) return {};
  try {
    const data = read.json();
    return typeof data === 'object' && data !== null ? (data as PushPayload) : {};
  } catch {
    return { body: read.text() };
  }
}
