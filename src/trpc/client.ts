// The browser's tRPC client without React (no TanStack Query): one batched HTTP link with superjson.
// The React provider (./react.tsx) wraps it for the screens; the technician app's queue sender
// (src/components/tech/offline/engine-worker.ts) uses it alone, in the device engine's worker.
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api/root';
import { MAX_TRPC_BATCH } from './batch';

export type ApiClient = TRPCClient<AppRouter>;

export function makeApiClient(): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_TRPC_BATCH })] });
}
