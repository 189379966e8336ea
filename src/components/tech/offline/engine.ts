'use client';
// Everything of the technician app that needs Dexie (the device's database and its queue's sender),
// as one module the app loads after the page is shown (import('./engine')): Dexie stays out of the
// first load's scripts, and the service worker keeps this chunk for offline like the others. The
// tRPC client comes with it: the first view reads only the device's copy, so the client, superjson
// and TanStack Query are not in the first load either.
export { deleteStore, liveQuery, saveSnapshot, techStore, type TechStore } from './store';
export { flushQueue, refreshSnapshot, retryChange } from './sync';
export { makeApiClient } from '@/trpc/client';
