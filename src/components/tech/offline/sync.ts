'use client';
// E9: sending the device's queue. Changes go in the order they were made, one at a time, each with
// its key, so the server applies each exactly once even when an answer is lost and the change is
// sent again. A refusal (the ticket was closed or reassigned, a stale version, a bad photo) marks
// that change failed with the server's reason and the rest of the queue goes on; the person retries
// or discards it. No network, or a server error, stops the run: everything stays queued, in order.
import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@/server/api/root';
import type { QueuedChange } from './types';
import type { TechStore } from './store';
import { saveSnapshot } from './store';

export type FlushResult = 'done' | 'offline';

class Transient extends Error {}

function refusal(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    // No status: the request never got an answer (offline, aborted). 5xx: try again later.
    if (!status || status >= 500 || status === 429) return null;
    const fields = (error.data as { fieldErrors?: Record<string, string> }).fieldErrors;
    return [error.message, ...Object.values(fields ?? {})].join(' ');
  }
  return null;
}

/** POSTs a queued photo upload with its key; resolves on 2xx, rejects Transient or with the server's message. */
function upload(change: Extract<QueuedChange, { kind: 'files' }>, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    change.files.forEach((blob, i) => body.append('file', blob, change.names[i] ?? `foto-${i + 1}.jpg`));
    // A new version (G11) takes its source's visibility on the server.
    if (change.sourceFileId) body.append('sourceFileId', change.sourceFileId);
    else body.append('visibility', 'TECHNICIAN');
    if (change.toCustomer) body.append('toCustomer', 'true');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/tickets/${change.ticketId}/files`);
    xhr.setRequestHeader('Idempotency-Key', change.key);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      if (xhr.status >= 500 || xhr.status === 429 || xhr.status === 0) return reject(new Transient(String(xhr.status)));
      let message = xhr.statusText;
      try {
        const parsed = JSON.parse(xhr.responseText) as { error?: { message?: string; fieldErrors?: Record<string, string> } };
        message = [parsed.error?.message, ...Object.values(parsed.error?.fieldErrors ?? {})].filter(Boolean).join(' ');
      } catch {
        // keep the status text
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Transient('network'));
    xhr.ontimeout = () => reject(new Transient('timeout'));
    xhr.onabort = () => reject(new Transient('abort'));
    xhr.send(body);
  });
}

let running: Promise<FlushResult> | null = null;
let again = false;

/**
 * Sends every pending change in order; one run at a time per page. A call during a run (a change
 * queued after the run last read the queue) makes the run read the queue once more before it ends,
 * so no change waits for the next reason to sync.
 */
export function flushQueue(store: TechStore, client: TRPCClient<AppRouter>): Promise<FlushResult> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let result: FlushResult;
    do {
      again = false;
      result = await run(store, client);
    } while (again && result === 'done');
    return result;
  })().finally(() => {
    running = null;
  });
  return running;
}

async function run(store: TechStore, client: TRPCClient<AppRouter>): Promise<FlushResult> {
  for (;;) {
    const next = await store.queue.where('status').equals('pending').sortBy('seq');
    const change = next[0];
    if (!change) break;
    try {
      if (change.kind === 'files') {
        await upload(change, (loaded) => void store.queue.update(change.seq!, { progress: loaded }));
      } else if (change.kind === 'signature') {
        await client.tech.send.mutate({
          kind: 'signature',
          key: change.key,
          ticketId: change.ticketId,
          name: change.name,
          image: change.image,
          signedAt: change.signedAt,
          latitude: change.latitude ?? null,
          longitude: change.longitude ?? null,
          accuracy: change.accuracy ?? null,
        });
      } else if (change.kind === 'comment') {
        await client.tech.send.mutate({ kind: 'comment', key: change.key, ticketId: change.ticketId, body: change.body, public: change.public });
      } else if (change.kind === 'product') {
        await client.tech.send.mutate({ kind: 'product', key: change.key, ticketId: change.ticketId, productId: change.productId, quantity: change.quantity, ...(change.sold !== undefined ? { sold: change.sold } : {}) });
      } else if (change.kind === 'equipment') {
        await client.tech.send.mutate({ kind: 'equipment', key: change.key, ticketId: change.ticketId, id: change.id, action: change.action, ...(change.fields ? { fields: change.fields } : {}) });
      } else if (change.kind === 'collect') {
        await client.tech.send.mutate({ kind: 'collect', key: change.key, ticketId: change.ticketId, amount: change.amount, method: change.method });
      } else {
        await client.tech.send.mutate({
          kind: 'update',
          key: change.key,
          ticketId: change.ticketId,
          version: change.version,
          ...(change.stateId ? { stateId: change.stateId } : {}),
          ...(change.kilometres !== undefined ? { kilometres: change.kilometres } : {}),
        });
      }
      await store.queue.delete(change.seq!);
    } catch (error) {
      if (error instanceof Transient) return 'offline';
      const reason = error instanceof TRPCClientError ? refusal(error) : (error as Error).message;
      if (reason === null) return 'offline';
      await store.queue.update(change.seq!, { status: 'failed', error: reason, progress: 0 });
    }
  }
  return 'done';
}

/** Reads the server's copy for the device (after a flush, so it includes what was just sent). */
export async function refreshSnapshot(store: TechStore, client: TRPCClient<AppRouter>): Promise<boolean> {
  try {
    await saveSnapshot(store, await client.tech.snapshot.query());
    return true;
  } catch {
    return false;
  }
}
