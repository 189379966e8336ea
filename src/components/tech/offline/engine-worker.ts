// The technician app's device engine (E9), in a dedicated worker: the device's database (Dexie on
// IndexedDB), the queue's sender and the API client it uses (tRPC, superjson) run here, not on the
// page's main thread. On a phone the main thread is what the person's taps wait for: evaluating
// Dexie and the client, opening the database, reading the server's copy (its JSON and superjson)
// and storing it in IndexedDB all happened there, in tasks long enough to be felt while the app
// started. The page (./device.ts) watches queries and calls operations by message
// (./protocol.ts); the worker answers each watched query whenever its result changes.
import type { Subscription } from 'dexie';
import { makeApiClient } from '@/trpc/client';
import { deleteStore, liveQuery, retryChange, techStore, type TechStore } from './store';
import { flushQueue, refreshSnapshot } from './sync';
import type { DeviceCalls, EngineReply, EngineRequest, LiveQuery } from './protocol';

type Scope = {
  postMessage(message: EngineReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
  navigator: { onLine: boolean };
};
const scope = self as unknown as Scope;

let store: TechStore | null = null;
const client = makeApiClient();
const watching = new Map<number, Subscription>();

function read(db: TechStore, query: LiveQuery): Promise<unknown> {
  if (query.kind === 'meta') return db.meta.get('snapshot');
  if (query.kind === 'queue') return db.queue.orderBy('seq').toArray();
  return db.tickets.get(query.id);
}

function operations(db: TechStore): DeviceCalls {
  return {
    async enqueue(changes) {
      await db.queue.bulkAdd(changes);
    },
    async discard(seq) {
      await db.queue.delete(seq);
    },
    async retry(seq) {
      const change = await db.queue.get(seq);
      if (change) await retryChange(db, change);
    },
    async saveTicket(ticket) {
      await db.tickets.put(ticket);
    },
    async dropTicket(id) {
      await db.tickets.delete(id);
    },
    async sync() {
      if (!scope.navigator.onLine) return 'offline';
      const result = await flushQueue(db, client);
      if (result === 'done') await refreshSnapshot(db, client);
      return result;
    },
    async reportPosition(input) {
      await client.positions.report.mutate(input);
    },
    async erase() {
      for (const subscription of watching.values()) subscription.unsubscribe();
      watching.clear();
      await deleteStore(db);
    },
  };
}

let calls: DeviceCalls | null = null;

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'open') {
    store = techStore(request.tenantId, request.userId);
    calls = operations(store);
    return;
  }
  if (!store || !calls) return;
  const db = store;
  if (request.type === 'watch') {
    const { id, query } = request;
    // A query that fails (the database was deleted meanwhile) answers "nothing", like an empty copy.
    const subscription = liveQuery(() => read(db, query)).subscribe({
      next: (value) => scope.postMessage({ type: 'value', id, value }),
      error: () => scope.postMessage({ type: 'value', id, value: undefined }),
    });
    watching.set(id, subscription);
  } else if (request.type === 'unwatch') {
    watching.get(request.id)?.unsubscribe();
    watching.delete(request.id);
  } else {
    const { id, method, args } = request;
    const run = calls[method] as (...values: unknown[]) => Promise<unknown>;
    run(...args).then(
      (value) => scope.postMessage({ type: 'result', id, ok: true, value }),
      (error: unknown) => scope.postMessage({ type: 'result', id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  }
});
