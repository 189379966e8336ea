// The browser's API client fetched on first use: a page that calls the API only when the person acts
// (the portal's home) leaves tRPC's client and superjson out of its first scripts.
import type { ApiClient } from './client';

let client: Promise<ApiClient> | null = null;

export function lazyApiClient(): Promise<ApiClient> {
  client ??= import('./client').then(({ makeApiClient }) => makeApiClient());
  return client;
}
