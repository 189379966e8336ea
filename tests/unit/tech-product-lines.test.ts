// G8 on the device: the lines the technician sees are the server's copy with the queued product
// changes of that ticket applied in order; failed changes and other tickets' changes do not count.
import { describe, expect, it } from 'vitest';
import { linesWithQueue } from '@/components/tech/offline/product-lines';
import type { QueuedChange, TechTicket } from '@/components/tech/offline/types';

const ticket = { id: 't1', products: [{ productId: 'p1', name: 'Router', code: 'RT', quantity: 1, sold: false }] } as unknown as TechTicket;
const change = (c: Partial<Extract<QueuedChange, { kind: 'product' }>>): QueuedChange =>
  ({ key: Math.random().toString(), ticketId: 't1', ticketNumber: 1, createdAt: new Date(), status: 'pending', kind: 'product', productId: 'p1', productName: 'Router', quantity: 1, ...c }) as QueuedChange;

describe('linesWithQueue', () => {
  it('is the server’s lines when nothing is queued (and none for a copy made before products existed)', () => {
    expect(linesWithQueue(ticket, [])).toEqual([{ productId: 'p1', name: 'Router', code: 'RT', quantity: 1, sold: false, waiting: false }]);
    expect(linesWithQueue({ id: 't1' } as TechTicket, undefined)).toEqual([]);
  });

  it('applies the ticket’s pending changes in order: a quantity, a new product, a removal', () => {
    const lines = linesWithQueue(ticket, [
      change({ quantity: 2 }),
      change({ productId: 'p2', productName: 'Cable', quantity: 10, sold: true }),
      change({ quantity: 3 }),
      change({ productId: 'p2', quantity: null }),
    ]);
    expect(lines).toEqual([{ productId: 'p1', name: 'Router', code: 'RT', quantity: 3, sold: false, waiting: true }]);
  });

  it('ignores failed changes and other tickets’ changes', () => {
    const lines = linesWithQueue(ticket, [change({ quantity: 5, status: 'failed' }), change({ ticketId: 't2', quantity: null })]);
    expect(lines).toEqual([{ productId: 'p1', name: 'Router', code: 'RT', quantity: 1, sold: false, waiting: false }]);
  });
});
