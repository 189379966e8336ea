// Antena's service worker, served at /sw.js with scope '/' (built by `serwist build` after `next build`,
// see serwist.config.js; type-checked by tsconfig.sw.json). It
//   - precaches the build's static assets (scripts, styles, fonts, icons), so an installed app starts offline;
//   - answers page loads under /tech and /portal from the network first (3 s), else from the last copy,
//     keyed without the query string (src/lib/pwa.ts), and on activation fetches the app pages already
//     open (they loaded before the worker), and the pages the portal asks it to keep ('antena-keep', F14);
//     a portal page with neither network nor copy gets the portal's offline page; nothing else is
//     cached: /api and tRPC answers go straight to the network (the technician app keeps its data in
//     IndexedDB itself, the portal's offline pages carry theirs in their HTML);
//   - shows Web Push notifications (D2, F13; payload { title, body, url, tag } from
//     src/server/notifications/push.ts) and opens the ticket on a click;
//   - relays Background Sync ('antena-sync') to the pages, and drops the cached pages on 'antena-clear'.
import { CacheableResponsePlugin, cacheNames, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistGlobalConfig, type SerwistPlugin } from 'serwist';
import { APP_WORKER_PATH } from '@/lib/security-headers';
import { isAppPageRequest, isClearMessage, isKeepMessage, offlineFallbackOf, pageCacheKey, PAGE_NETWORK_TIMEOUT_SECONDS, PAGES_CACHE, readPushPayload, SYNC_TAG, type ClearedMessage, type SyncMessage } from '@/lib/pwa';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    /** The precache manifest `serwist build` injects. */
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
  /** Background Sync (not in TypeScript's webworker library). */
  interface SyncEvent extends ExtendableEvent {
    readonly tag: string;
    readonly lastChance: boolean;
  }
  interface ServiceWorkerGlobalScopeEventMap {
    sync: SyncEvent;
  }
}

declare const self: ServiceWorkerGlobalScope;

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: PAGE_NETWORK_TIMEOUT_SECONDS,
  plugins: [
    // A sign-in redirect (opaque, status 0) or an error page is never kept as the app's page.
    new CacheableResponsePlugin({ statuses: [200] }),
    { cacheKeyWillBeUsed: async ({ request }) => pageCacheKey(request.url) },
    new ExpirationPlugin({ maxEntries: 20 }),
    // No network and no copy of this page: the portal's offline page, if it is kept (F14).
    {
      handlerDidError: async ({ request }) => {
        const fallback = offlineFallbackOf(request.url);
        return fallback ? ((await (await caches.open(PAGES_CACHE)).match(fallback)) ?? undefined) : undefined;
      },
    },
  ],
});

/** Reads an app page into the kept copies (its network answer also goes back to whoever asked). */
function keep(event: ExtendableEvent, url: string): Promise<unknown> {
  return pages.handle({ event, request: new Request(url, { redirect: 'manual', credentials: 'same-origin' }) }).catch(() => undefined);
}

/** A kept copy younger than this is current enough: the page the customer just loaded is not read twice. */
const KEPT_FRESH_MS = 60_000;

async function keepUnlessFresh(event: ExtendableEvent, url: string): Promise<unknown> {
  const copy = await (await caches.open(PAGES_CACHE)).match(pageCacheKey(url));
  const saved = Date.parse(copy?.headers.get('date') ?? '');
  return Date.now() - saved < KEPT_FRESH_MS ? undefined : keep(event, url);
}

/**
 * An app worker's entry script (the technician app's device engine) reads its configuration from its
 * own URL's fragment (`turbopack-worker-….js#params=…`, which Turbopack writes when the page starts
 * the worker). A worker's location is the URL of the response it runs: the precache's copy carries
 * the cached URL, without the fragment, so the worker would start with no configuration. Answered as
 * a new response (same body and headers), the worker's location is the URL the page asked for.
 */
const appWorkerEntries: SerwistPlugin = {
  cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
    cachedResponse && APP_WORKER_PATH.test(new URL(request.url).pathname) ? new Response(cachedResponse.body, cachedResponse) : cachedResponse,
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { plugins: [appWorkerEntries] },
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [{ matcher: ({ request }) => isAppPageRequest(request, self.location.origin), handler: pages }],
});

// The page that registered the worker loaded before the worker existed, so it went by unseen: once active, the
// worker fetches the app pages open now into the cache, and the first visit already works offline afterwards.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) =>
      Promise.all(
        windows
          .filter((w) => isAppPageRequest({ mode: 'navigate', method: 'GET', url: w.url }, self.location.origin))
          .map((w) => keep(event, w.url)),
      ),
    ),
  );
});

self.addEventListener('push', (event) => {
  const data = readPushPayload(event.data);
  event.waitUntil(
    self.registration.showNotification(data.title || 'Antena', {
      body: data.body || '',
      tag: data.tag,
      icon: '/icon.svg',
      data: { url: data.url || '/' },
    }),
  );
});

// A click focuses a window of this origin and shows the ticket there, or opens one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url || '/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const same = windows.find((w) => new URL(w.url).origin === url.origin);
      if (same) return same.navigate(url.href).then((w) => (w || same).focus());
      return self.clients.openWindow(url.href);
    }),
  );
});

// The browser says the connection is back: every open page flushes its offline queue.
self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const w of windows) w.postMessage({ type: 'antena-sync' } satisfies SyncMessage);
    }),
  );
});

// The portal asks for its offline pages to be read again as the customer moves around inside it (F14).
self.addEventListener('message', (event) => {
  if (!isKeepMessage(event.data)) return;
  const urls = event.data.urls.filter((url) => isAppPageRequest({ mode: 'navigate', method: 'GET', url }, self.location.origin));
  event.waitUntil(Promise.all(urls.map((url) => keepUnlessFresh(event, url))));
});

// Signing out on a shared phone: the pages kept for offline use go (the precached assets hold no one's data).
self.addEventListener('message', (event) => {
  if (!isClearMessage(event.data)) return;
  const reply = event.ports[0];
  event.waitUntil(
    caches.keys().then(async (names) => {
      // Every runtime cache (today only PAGES_CACHE), never the precache.
      const deleted = names.filter((name) => name !== cacheNames.precache);
      await Promise.all(deleted.map((name) => caches.delete(name)));
      reply?.postMessage({ type: 'antena-cleared', deleted } satisfies ClearedMessage);
    }),
  );
});

serwist.addEventListeners();
