'use client';
// The browser's tRPC client: TanStack Query with tRPC's typed options (@trpc/tanstack-react-query).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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
export function PersistedTRPCProvider({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const [queryClient] = useState(() => {
    const client = makeQueryClient();
    client.setDefaultOptions({ ...client.getDefaultOptions(), queries: { ...client.getDefaultOptions().queries, gcTime: SAVED_FOR_MS } });
    return client;
  });
  const [trpcClient] = useState(makeApiClient);
  const [persister] = useState(() =>
    createSyncStoragePersister({ storage: typeof window === 'undefined' ? undefined : window.localStorage, key: storageKey, serialize: superjson.stringify, deserialize: superjson.parse }),
  );
  return (
    <PersistQueryClientProvider client={queryClient} persistOptions={{ persister, maxAge: SAVED_FOR_MS, buster: storageKey }}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </PersistQueryClientProvider>
  );
}
