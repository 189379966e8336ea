'use client';
// E9: what the technician app keeps on the device, in IndexedDB through Dexie — chosen over TanStack
// Query's persister because the app needs two things a query cache is not: a durable, ordered queue
// of changes (with photos as Blobs) that survives closing the app and restarting the phone, and one
// explicit copy of "my tickets" read as a whole (tech.snapshot) with the time it was synced, rather
// than whichever queries happened to be cached. One database per tenant and person, so a shared
// phone never shows one technician another's copy or sends another's queue.
import Dexie, { liveQuery, type EntityTable } from 'dexie';
import { useEffect, useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>['tech'];
export type Snapshot = Outputs['snapshot'];
export type TechTicket = Outputs['ticket'];
export type TechListItem = Outputs['list'][number];
export type TechHome = Outputs['home'];

/** One change made on the device, waiting to reach the server. */
export type QueuedChange = {
  seq?: number;
  /** Made once on the device: the server applies the change once per key (E9). */
  key: string;
  ticketId: string;
  ticketNumber: number;
  createdAt: Date;
  /** pending: to send; failed: the server refused it (reason kept) — retried or discarded by the person. */
  status: 'pending' | 'failed';
  error?: string;
  /** Bytes sent so far of a photo upload, for its progress. */
  progress?: number;
} & (
  | { kind: 'comment'; body: string; public: boolean }
  | { kind: 'update'; version: number; stateId?: string; stateName?: string; kilometres?: number | null }
  | { kind: 'files'; files: Blob[]; names: string[]; toCustomer: boolean }
);

type Meta = { id: 'snapshot'; syncedAt: Date; home: TechHome; list: TechListItem[] };

export class TechStore extends Dexie {
  meta!: EntityTable<Meta, 'id'>;
  tickets!: EntityTable<TechTicket, 'id'>;
  queue!: EntityTable<QueuedChange, 'seq'>;
  constructor(name: string) {
    super(name);
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

/** A Dexie query as React state, kept current as the database changes. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
