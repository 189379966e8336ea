'use client';
// The technician app's state shared by its views: the device's store, the network, the queue and
// its sync, and the view shown (a query parameter of the one /tech page, changed with the History
// API — no server round trip, so every view opens offline from the cached page).
import { createContext, startTransition, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'next/navigation';
import type { QueuedChange } from './offline/types';
import type { Meta } from './offline/store';
import type { LiveQuery, LiveValue } from './offline/protocol';
import type { Device } from './offline/device';
import { useStaffContext } from '@/components/shell/permissions';
import { withinWorkingHours } from '@/lib/working-hours';
import { afterLoad, holdStartup } from '@/lib/after-load';
import { warmIntl } from '@/lib/intl-warmup';
import { useLiveLocation, type LiveLocationError, type LiveLocationStatus, type LivePosition } from './use-live-location';

export type TechView = { name: 'home' | 'tickets' | 'map' | 'route' | 'profile' } | { name: 'ticket'; id: string };

type Ctx = {
  /** The device's engine (its database, queue and sender, in a worker), once started after load (null until then). */
  device: Device | null;
  online: boolean;
  syncing: boolean;
  syncedAt: Date | null;
  /** The device's copy of the server's answer (home, list), read once here for every view; undefined while it opens. */
  snapshot: Meta | undefined;
  /** The device's queue, in order (undefined until the device's database is open). */
  queue: QueuedChange[] | undefined;
  view: TechView;
  go: (view: TechView) => void;
  /** Sends the queue and reads the server's copy again (what "Recargar" and the network's return do). */
  sync: () => Promise<void>;
  /** Puts changes in the queue, in order, and tries to send them. */
  enqueue: (changes: QueuedChange[]) => Promise<void>;
  me: { id: string; tenantId: string };
  /** C16: the device's position while shared (the map's blue dot, the route's start). */
  location: { position: LivePosition | null; status: LiveLocationStatus; error: LiveLocationError };
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

/**
 * A query of the device's database as React state, kept current as the database changes. Its results
 * render as a transition: React renders them in slices between which the page stays responsive (a tap
 * is not kept waiting while a synced copy re-renders a view).
 */
function useLiveOn<Q extends LiveQuery>(device: Device | null, query: Q): LiveValue<Q> | undefined {
  const [value, setValue] = useState<LiveValue<Q>>();
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!device) return;
    return device.watch(JSON.parse(key) as Q, (next) => startTransition(() => setValue(() => next)));
  }, [device, key]);
  return value;
}

/** A query of the device's database (undefined while it loads). */
export function useLive<Q extends LiveQuery>(query: Q): LiveValue<Q> | undefined {
  return useLiveOn(useTech().device, query);
}

export function TechProvider({ tenantId, userId, children }: { tenantId: string; userId: string; children: ReactNode }) {
  const [device, setDevice] = useState<Device | null>(null);
  // The app's start lasts until its opening sync has run; the service worker's install waits for it.
  const startup = useRef<(() => void) | null>(null);
  useEffect(() => {
    const release = holdStartup();
    startup.current = release;
    return release;
  }, []);
  // The engine (a worker with the device's database and the queue's sender) starts once the page has
  // loaded and is idle, not during hydration: the home shows its frame first, then the device's copy.
  useEffect(() => {
    let opened: Device | null = null;
    let cancelled = false;
    const cancel = afterLoad(() => {
      // Its script not arriving (offline before the service worker kept it) leaves the home without
      // the device's copy until the app opens again, as a failed engine would.
      import('./offline/device')
        .then(({ openDevice }) => {
          if (cancelled) return;
          opened = openDevice(tenantId, userId);
          startTransition(() => setDevice(opened));
        })
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      cancel();
      opened?.close();
    };
  }, [tenantId, userId]);
  const params = useSearchParams();
  const view = viewOf(new URLSearchParams(params.toString()));
  const [online, setOnline] = useState(true);
  const [syncing, setSyncing] = useState(false);
  const meta = useLiveOn(device, { kind: 'meta' });
  // C16: reported while the app is open, with consent, within the tenant's working hours (checked each minute).
  const { tenant, intl } = useStaffContext();
  // The home formats its first date once the device's copy arrives: ICU's data is loaded before, on a worker.
  useEffect(() => warmIntl({ locale: intl, timeZone: tenant.timeZone }), [intl, tenant.timeZone]);
  const [minute, setMinute] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setMinute(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const location = useLiveLocation({
    withinWorkingHours: withinWorkingHours(new Date(minute), tenant.timeZone, meta?.home.workingHours ?? null),
    report: device?.reportPosition ?? null,
  });
  const queue = useLiveOn(device, { kind: 'queue' });

  const sync = useCallback(async () => {
    if (!navigator.onLine || !device) return;
    setSyncing(true);
    try {
      // An engine that could not start is like no network: everything stays queued for the next sync.
      await device.sync().catch(() => undefined);
    } finally {
      setSyncing(false);
    }
  }, [device]);

  const enqueue = useCallback(
    async (changes: QueuedChange[]) => {
      if (!device) return;
      await device.enqueue(changes);
      // Background Sync, where the browser has it, sends the queue even if the app is closed first.
      navigator.serviceWorker?.ready
        .then((r) => (r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('antena-sync'))
        .catch(() => undefined);
      void sync();
    },
    [device, sync],
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
    // Opening the app sends what was left and reads the server's copy — in the next idle moment, after
    // the device's copy has been shown (once the engine is there: this runs again when it arrives).
    const cancelOpening = afterLoad(() => {
      if (device) void sync().finally(() => startup.current?.());
    });
    return () => {
      cancelOpening();
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [sync, device]);

  const go = useCallback((next: TechView) => {
    window.history.pushState(null, '', hrefOf(next));
    window.scrollTo(0, 0);
  }, []);

  const value: Ctx = { device, online, syncing, syncedAt: meta?.syncedAt ?? null, snapshot: meta, queue, view, go, sync, enqueue, me: { id: userId, tenantId }, location };
  return <TechContext.Provider value={value}>{children}</TechContext.Provider>;
}
