// E9: the device's queue sender. A change queued while a run is finishing (after the run last read the
// queue) is still sent by that run, not left waiting for the next reason to sync. The queue here is an
// in-memory table with the three calls the sender makes; the server is a recorder of what was sent.
import { describe, expect, it } from 'vitest';
import { flushQueue } from '@/components/tech/offline/sync';
import type { TechStore } from '@/components/tech/offline/store';
import type { QueuedChange } from '@/components/tech/offline/types';

type Row = QueuedChange & { seq: number };

function memoryQueue(onRead: (readNumber: number) => void) {
  const rows: Row[] = [];
  let seq = 0;
  let reads = 0;
  const queue = {
    add(change: QueuedChange) {
      rows.push({ ...change, seq: ++seq } as Row);
    },
    where: (field: 'status') => ({
      equals: (value: string) => ({
        sortBy: async () => {
          const found = rows.filter((r) => r[field] === value).sort((a, b) => a.seq - b.seq);
          onRead(++reads);
          return found;
        },
      }),
    }),
    delete: async (key: number) => void rows.splice(rows.findIndex((r) => r.seq === key), 1),
    update: async (key: number, changes: Partial<Row>) => void Object.assign(rows.find((r) => r.seq === key) ?? {}, changes),
  };
  return { rows, queue, store: { queue } as unknown as TechStore };
}

const comment = (body: string): QueuedChange => ({ key: body, ticketId: 't1', ticketNumber: 1, createdAt: new Date(), status: 'pending', kind: 'comment', body, public: false });

describe('flushQueue', () => {
  it('sends a change queued while the run that found the queue empty is ending', async () => {
    const sent: string[] = [];
    const client = { tech: { send: { mutate: async (input: { kind: string; body?: string }) => void sent.push(input.body ?? input.kind) } } };
    let late: Promise<unknown> | null = null;
    const { rows, queue, store } = memoryQueue((read) => {
      // The run's second read finds the queue empty; right then the technician queues another comment.
      if (read === 2) {
        queue.add(comment('second'));
        late = flushQueue(store, client as never);
      }
    });
    queue.add(comment('first'));

    const result = await flushQueue(store, client as never);
    expect(late).not.toBeNull();
    expect(await late).toBe('done');
    expect(result).toBe('done');
    expect(sent).toEqual(['first', 'second']);
    expect(rows).toEqual([]);
  });

  it('stops with everything kept, in order, when the server cannot be reached', async () => {
    const { rows, queue, store } = memoryQueue(() => undefined);
    queue.add(comment('a'));
    queue.add(comment('b'));
    const { TRPCClientError } = await import('@trpc/client');
    const client = { tech: { send: { mutate: async () => Promise.reject(new TRPCClientError('Failed to fetch')) } } };
    expect(await flushQueue(store, client as never)).toBe('offline');
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
  });
});
