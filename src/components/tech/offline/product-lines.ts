// G8 on the device: a ticket's product lines as the technician sees them — the device's copy of the
// server's lines with the queue's product changes (not yet sent) applied in order, each marked waiting.
// Pure, so the rule is unit-tested (tests/unit/tech-product-lines.test.ts).
import type { QueuedChange, TechTicket } from './types';

export type Line = { productId: string; name: string; code: string; quantity: number; sold: boolean; waiting: boolean };

/** The ticket's lines with the device's queued product changes applied in order. */
export function linesWithQueue(ticket: TechTicket, queue: QueuedChange[] | undefined): Line[] {
  const lines = new Map<string, Line>((ticket.products ?? []).map((l) => [l.productId, { ...l, waiting: false }]));
  for (const change of queue ?? []) {
    if (change.ticketId !== ticket.id || change.kind !== 'product' || change.status !== 'pending') continue;
    if (change.quantity === null) {
      lines.delete(change.productId);
      continue;
    }
    const before = lines.get(change.productId);
    lines.set(change.productId, {
      productId: change.productId,
      name: before?.name ?? change.productName,
      code: before?.code ?? '',
      quantity: change.quantity,
      sold: change.sold ?? before?.sold ?? false,
      waiting: true,
    });
  }
  return [...lines.values()];
}

