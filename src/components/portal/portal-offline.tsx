'use client';
// F14: the portal without a network. The pages a customer reads offline (home, tickets) are rendered
// on the server with their data, and the service worker keeps their last copy (src/app/sw.ts); here:
//   - useOnline / OnlineOnly: what needs the network (paying, a promise, a new ticket) steps aside;
//   - PortalSaved: on a page shown from the kept copy, when it was saved and how long ago — read-only
//     until the connection returns, then the page is read again;
//   - PortalKeepPages: asks the worker to keep the offline pages current as the customer moves around
//     (a move inside the app is not a page load, so the worker would not see it).
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { CloudOff, History } from 'lucide-react';
import { formatDateTime } from '@/lib/format';
import { OFFLINE_PAGES } from '@/lib/pwa';
import { keepOfflinePages } from '@/components/pwa/service-worker';
import { Button } from '@/components/ui/controls';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the browser has a network; on the server and while hydrating, yes. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/** `children` with a network, `offline` (nothing by default) without one. */
export function OnlineOnly({ children, offline = null }: { children: ReactNode; offline?: ReactNode }) {
  return useOnline() ? children : offline;
}

/** A page older than this when it hydrates was the worker's kept copy, not the network's answer. */
const FRESH_MS = 60_000;

/** Whether a page rendered at `savedAt` came from the network just now (online, and not the worker's old copy). */
export function isFreshPage(savedAt: number): boolean {
  return navigator.onLine && Date.now() - savedAt <= FRESH_MS;
}

/**
 * The notice of a page shown from its kept copy: offline, or the network too slow to answer (the worker
 * answers from the copy after a few seconds). `savedAt`: when the server rendered the page (ms).
 */
export function PortalSaved({ savedAt, intl, timeZone }: { savedAt: number; intl: string; timeZone: string }) {
  const t = useTranslations('portalOffline');
  const format = useFormatter();
  const [now, setNow] = useState(savedAt);
  const online = useOnline();
  const router = useRouter();
  const [fromCopy, setFromCopy] = useState(false);
  const wasOffline = useRef(false);
  useEffect(() => {
    setFromCopy(!isFreshPage(savedAt));
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [savedAt]);
  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current) {
      // The connection is back: the page is read again (its server data, and the queries on it).
      wasOffline.current = false;
      router.refresh();
    }
  }, [online, router]);
  if (online && !fromCopy) return null;
  const saved = t('savedAt', { date: formatDateTime(new Date(savedAt), intl, timeZone), age: format.relativeTime(savedAt, now) });
  return (
    <div role="status" data-testid="portal-saved" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="flex items-center gap-2 font-semibold">
        {online ? <History aria-hidden className="h-4 w-4" /> : <CloudOff aria-hidden className="h-4 w-4" />}
        {online ? t('savedTitle') : t('offlineTitle')}
      </p>
      <p className="mt-1">{saved}</p>
      {online ? (
        <Button type="button" variant="secondary" className="mt-2" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      ) : (
        <p className="mt-1">{t('readOnly')}</p>
      )}
    </div>
  );
}

/**
 * In the portal's frame: when the app starts (a page load), the worker reads every offline page into
 * its copy; after each move inside the app to one of them, that one again — the copy is what the
 * customer last saw. (The worker skips a copy made in the last minute: the page just loaded.)
 */
export function PortalKeepPages() {
  const pathname = usePathname();
  const started = useRef(false);
  useEffect(() => {
    if (!navigator.onLine) return;
    const pages = started.current ? OFFLINE_PAGES.filter((page) => page === pathname) : OFFLINE_PAGES;
    started.current = true;
    if (pages.length) void keepOfflinePages(pages);
  }, [pathname]);
  return null;
}
