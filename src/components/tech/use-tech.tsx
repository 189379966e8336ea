'use client';
// The technician app's state shared by its views: the device's store, the network, the queue and
// its sync, and the view shown (a query parameter of the one /tech page, changed with the History
// API — no server round trip, so every view opens offline from the cached page).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'next/navigation';
import { useTRPCClient } from '@/trpc/react';
import { techStore, useLive, type QueuedChange, type TechStore } from './offline/store';
import { flushQueue, refreshSnapshot } from './offline/sync';

export type TechView = { name: 'home' | 'tickets' | 'map' | 'route' | 'profile' } | { name: 'ticket'; id: string };

type Ctx = {
  store: TechStore;
  online: boolean;
  syncing: boolean;
  syncedAt: Date | null;
  queue: QueuedChange[];
  view: TechView;
  go: (view: TechView) => void;
  /** Sends the queue and reads the server's copy again (what "Recargar" and the network's return do). */
  sync: () => Promise<void>;
  /** Puts changes in the queue, in order, and tries to send them. */
  enqueue: (changes: QueuedChange[]) => Promise<void>;
  me: { id: string; tenantId: string };
};

const TechContext = createContext<Ctx | null>(null);

export function useTech(): Ctx {
  const ctx = useContext(TechContext);
  if (!ctx) throw new Error('useTech outside TechProvider');
  return ctx;
}

function viewOf(params: URLSearchParams): TechView {
  const ticket = params.get('ticket');
  if (ticket && /^[0-9a-f-]{36}$/i.test(ticket)) return { name: 'ticket', id: ticket };
  const name = params.get('view');
  return name === 'tickets' || name === 'map' || name === 'route' || name === 'profile' ? { name } : { name: 'home' };
}

function hrefOf(view: TechView): string {
  if (view.name === 'ticket') return `/tech?ticket=${view.id}`;
  return view.name === 'home' ? '/tech' : `/tech?view=${view.name}`;
}

export function TechProvider({ tenantId, userId, children }: { tenantId: string; userId: string; children: ReactNode }) {
  const store = useMemo(() => techStore(tenantId, userId), [tenantId, userId]);
  const client = useTRPCClient();
  const params = useSearchParams();
  const view = viewOf(new URLSearchParams(params.toString()));
  const [online, setOnline] = useState(true);
  const [syncing, setSyncing] = useState(false);
  const meta = useLive(() => store.meta.get('snapshot'), [store]);
  const queue = useLive(() => store.queue.orderBy('seq').toArray(), [store]) ?? [];

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      const result = await flushQueue(store, client);
      if (result === 'done') await refreshSnapshot(store, client);
    } finally {
      setSyncing(false);
    }
  }, [store, client]);

  const enqueue = useCallback(
    async (changes: QueuedChange[]) => {
      await store.queue.bulkAdd(changes);
      // Background Sync, where the browser has it, sends the queue even if the app is closed first.
      navigator.serviceWorker?.ready
        .then((r) => (r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('antena-sync'))
        .catch(() => undefined);
      void sync();
    },
    [store, sync],
  );

  useEffect(() => {
    setOnline(navigator.onLine);
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    const fromWorker = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'antena-sync') void sync();
    };
    const visible = () => {
      if (document.visibilityState === 'visible') void sync();
    };
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    document.addEventListener('visibilitychange', visible);
    // Opening the app sends what was left and reads the server's copy.
    void sync();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [sync]);

  const go = useCallback((next: TechView) => {
    window.history.pushState(null, '', hrefOf(next));
    window.scrollTo(0, 0);
  }, []);

  const value: Ctx = { store, online, syncing, syncedAt: meta?.syncedAt ?? null, queue, view, go, sync, enqueue, me: { id: userId, tenantId } };
  return <TechContext.Provider value={value}>{children}</TechContext.Provider>;
}
