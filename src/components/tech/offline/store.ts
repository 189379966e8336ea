'use client';
// E9: what the technician app keeps on the device, in IndexedDB through Dexie — chosen over TanStack
// Query's persister because the app needs two things a query cache is not: a durable, ordered queue
// of changes (with photos as Blobs) that survives closing the app and restarting the phone, and one
// explicit copy of "my tickets" read as a whole (tech.snapshot) with the time it was synced, rather
// than whichever queries happened to be cached. One database per tenant and person, so a shared
// phone never shows one technician another's copy or sends another's queue.
import Dexie, { liveQuery, type EntityTable } from 'dexie';
import type { QueuedChange, Snapshot, TechTicket, TechHome, TechListItem } from './types';

export type Meta = { id: 'snapshot'; syncedAt: Date; home: TechHome; list: TechListItem[] };

export class TechStore extends Dexie {
  meta!: EntityTable<Meta, 'id'>;
  tickets!: EntityTable<TechTicket, 'id'>;
  queue!: EntityTable<QueuedChange, 'seq'>;
  constructor(name: string) {
    // Dexie 4's optimistic cache can leave a live query showing a queued change after it was sent:
    // an upload's progress update still in flight when the change is deleted puts it back into the
    // cached result, while IndexedDB no longer has it (seen as "1 pending change" that never goes).
    // The queue and the copy are small: live queries read IndexedDB itself.
    super(name, { cache: 'disabled' });
    this.version(1).stores({ meta: 'id', tickets: 'id', queue: '++seq, key, ticketId, status' });
  }
}

const stores = new Map<string, TechStore>();

export function techStore(tenantId: string, userId: string): TechStore {
  const name = `antena-tech-${tenantId}-${userId}`;
  let store = stores.get(name);
  if (!store) {
    store = new TechStore(name);
    stores.set(name, store);
  }
  return store;
}

/** Replaces the device's copy with the server's, in one transaction. */
export async function saveSnapshot(store: TechStore, snapshot: Snapshot): Promise<void> {
  await store.transaction('rw', store.meta, store.tickets, async () => {
    await store.meta.put({ id: 'snapshot', syncedAt: snapshot.syncedAt, home: snapshot.home, list: snapshot.list });
    await store.tickets.clear();
    await store.tickets.bulkPut(snapshot.tickets);
  });
}

/** Deletes a person's copy and queue from the device (signing out of a shared phone). */
export async function deleteStore(store: TechStore): Promise<void> {
  store.close();
  await Dexie.delete(store.name);
}

/** A failed change sent again: a state change takes the ticket's version the device knows now. */
export async function retryChange(store: TechStore, change: QueuedChange): Promise<void> {
  const ticket = change.kind === 'update' ? await store.tickets.get(change.ticketId) : null;
  await store.queue.update(change.seq!, {
    status: 'pending',
    error: undefined,
    ...(change.kind === 'update' && ticket ? { version: ticket.version } : {}),
  } as Partial<QueuedChange>);
}

export { liveQuery };
