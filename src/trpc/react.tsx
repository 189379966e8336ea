'use client';
// The browser's tRPC client: TanStack Query with tRPC's typed options (@trpc/tanstack-react-query).
import { onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister';
import superjson from 'superjson';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import type { AppRouter } from '@/server/api/root';
import { makeApiClient } from './client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: (count, error) => count < 2 && !(error as { data?: { httpStatus?: number } }).data?.httpStatus },
    },
  });
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeApiClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** How long the portal's saved answers are shown offline (F14). */
const SAVED_FOR_MS = 7 * 24 * 3_600_000;

/**
 * F14: the provider of an installable app whose last answers stay on the device (localStorage, under
 * `storageKey` — one per signed-in person, dropped on sign-out) so the app shows them offline, with
 * their age. Only successful answers are kept; superjson keeps their dates dates.
 */
/** A request that never reached the server (no network, or the server unreachable), as opposed to an answer. */
function unreachable(error: unknown): boolean {
  const e = error as { data?: unknown; cause?: unknown };
  return !e.data && e.cause instanceof TypeError;
}

/**
 * Whether the app is online, for TanStack Query (which pauses fetches offline instead of failing):
 * the browser's word at start and on its online/offline events and on coming back to the page, and
 * "offline" as soon as a request cannot reach the server (a page loaded offline hears no event).
 */
function followConnection(): void {
  const say = () => onlineManager.setOnline(navigator.onLine);
  say();
  onlineManager.setEventListener((setOnline) => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    const back = () => document.visibilityState === 'visible' && say();
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
      document.removeEventListener('visibilitychange', back);
    };
  });
}

export function PersistedTRPCProvider({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const [queryClient] = useState(() => {
    if (typeof window !== 'undefined') followConnection();
    const client = makeQueryClient();
    const queries = client.getDefaultOptions().queries;
    client.setDefaultOptions({
      ...client.getDefaultOptions(),
      queries: {
        ...queries,
        gcTime: SAVED_FOR_MS,
        // A request that cannot reach the server means offline: the query keeps what it shows and waits.
        retry: (count, error) => {
          if (unreachable(error)) {
            onlineManager.setOnline(false);
            return true;
          }
          return typeof queries?.retry === 'function' ? queries.retry(count, error) : false;
        },
      },
    });
    return client;
  });
  const [trpcClient] = useState(makeApiClient);
  const [persister] = useState(() =>
    createSyncStoragePersister({ storage: typeof window === 'undefined' ? undefined : window.localStorage, key: storageKey, serialize: superjson.stringify, deserialize: superjson.parse }),
  );
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{ persister, maxAge: SAVED_FOR_MS, buster: storageKey }}
      // What was saved is shown at once, and asked again of the server (when online) rather than trusted as fresh.
      onSuccess={() => queryClient.invalidateQueries()}
    >
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </PersistQueryClientProvider>
  );
}
