'use client';
// The technician app's device database (Dexie): its copy and its queue, as one module the app loads
// after the page is shown (import('./engine')), so Dexie stays out of the first load's scripts. What
// sends the queue and reads the server's copy (the tRPC client, superjson) is ./sender, loaded by the
// first sync: two smaller evaluations on a phone's main thread instead of one, with the device's copy
// shown between them. The service worker keeps both chunks for offline like the others.
export { deleteStore, liveQuery, retryChange, saveSnapshot, techStore, type TechStore } from './store';
