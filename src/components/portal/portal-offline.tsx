'use client';
// F14: the installed portal without a network. The pages come from the service worker's copy and the
// data from the device's saved answers (PersistedTRPCProvider); this frame says so, with the age of
// what is shown, and makes the page read-only (every form control disabled) until the network is back.
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { WifiOff } from 'lucide-react';
import { formatAge } from '@/lib/format';

/** Whether the app is online as its queries see it (PersistedTRPCProvider follows the connection); true on the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => onlineManager.subscribe(onChange),
    () => onlineManager.isOnline(),
    () => true,
  );
}

/** When the newest answer shown was received, following the query cache. */
function useNewestAnswer(): number {
  const cache = useQueryClient().getQueryCache();
  const newest = () => Math.max(0, ...cache.getAll().map((q) => q.state.dataUpdatedAt));
  const [at, setAt] = useState(newest);
  useEffect(() => cache.subscribe(() => setAt(newest())), [cache]); // eslint-disable-line react-hooks/exhaustive-deps
  return at;
}

export function PortalOffline({ intl, children }: { intl: string; children: ReactNode }) {
  const t = useTranslations('portal');
  const online = useOnline();
  const newest = useNewestAnswer();
  return (
    <>
      {!online ? (
        <div role="status" className="mb-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <WifiOff aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <p>{newest ? t('offline.saved', { age: formatAge(new Date(newest), new Date(), intl) }) : t('offline.nothing')}</p>
        </div>
      ) : null}
      <fieldset disabled={!online} className="contents">
        {children}
      </fieldset>
    </>
  );
}
