'use client';
// The page's side of the technician app's device engine: the engine runs in a dedicated worker
// (./engine-worker.ts — Dexie, the queue's sender, the API client), and this is all the page loads of
// it: a few hundred bytes that post requests and route the answers. The service worker keeps the
// worker's scripts with the app's other files, so the engine starts offline too.
import type { DeviceCalls, DeviceMethod, EngineReply, EngineRequest, LiveQuery, LiveValue } from './protocol';

export type Device = DeviceCalls & {
  /** Calls `onValue` with the query's result now and whenever it changes; returns the unsubscribe. */
  watch<Q extends LiveQuery>(query: Q, onValue: (value: LiveValue<Q>) => void): () => void;
  /** Stops the worker (the page is leaving this person's device data). */
  close(): void;
};

/** Starts the device engine for this tenant and person (one database each, see ./store.ts). */
export function openDevice(tenantId: string, userId: string): Device {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { name: 'antena-device' });
  let next = 0;
  const watchers = new Map<number, (value: unknown) => void>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const post = (request: EngineRequest) => worker.postMessage(request);

  // Set when the worker could not start (its script did not load or run): every call then fails at
  // once, like a network error, and the queue stays on the device for the next start.
  let broken: Error | null = null;
  let started = false;

  worker.addEventListener('message', (event: MessageEvent<EngineReply>) => {
    started = true;
    const reply = event.data;
    if (reply.type === 'value') {
      watchers.get(reply.id)?.(reply.value);
      return;
    }
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new Error(reply.message));
  });
  worker.addEventListener('error', (event) => {
    const error = new Error(`device engine: ${event.message || 'failed'}`);
    // An error before any answer is a worker that never started; a later one (an exception the
    // engine did not catch) fails only what was waiting.
    if (!started) broken = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });
  post({ type: 'open', tenantId, userId });

  const call =
    <M extends DeviceMethod>(method: M) =>
    (...args: Parameters<DeviceCalls[M]>): ReturnType<DeviceCalls[M]> =>
      new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        const id = ++next;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        post({ type: 'call', id, method, args });
      }) as ReturnType<DeviceCalls[M]>;

  return {
    watch(query, onValue) {
      const id = ++next;
      watchers.set(id, onValue as (value: unknown) => void);
      post({ type: 'watch', id, query });
      return () => {
        watchers.delete(id);
        post({ type: 'unwatch', id });
      };
    },
    enqueue: call('enqueue'),
    discard: call('discard'),
    retry: call('retry'),
    saveTicket: call('saveTicket'),
    dropTicket: call('dropTicket'),
    sync: call('sync'),
    reportPosition: call('reportPosition'),
    erase: call('erase'),
    close() {
      worker.terminate();
      for (const pendingCall of pending.values()) pendingCall.reject(new Error('device engine closed'));
      pending.clear();
      watchers.clear();
    },
  };
}
