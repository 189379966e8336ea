// G7 on the device: the ticket's customer's equipment as the technician sees it — the device's copy
// with the queue's equipment changes (not yet sent) applied in order, each marked waiting. Pure, so
// the rule is unit-tested (tests/unit/tech-equipment-list.test.ts). Changes made from another ticket
// of the same customer apply too: the list is the customer's.
import type { EquipmentType, QueuedChange, TechTicket } from './types';

export type EquipmentItem = { id: string; type: EquipmentType; brand: string; model: string; serial: string | null; note: string | null; waiting: boolean };

export function equipmentWithQueue(ticket: TechTicket, queue: QueuedChange[] | undefined): EquipmentItem[] {
  const customerId = ticket.customer?.id;
  const items = new Map<string, EquipmentItem>((ticket.customerEquipment ?? []).map((e) => [e.id, { id: e.id, type: e.type, brand: e.brand, model: e.model, serial: e.serial, note: e.note, waiting: false }]));
  for (const change of queue ?? []) {
    if (change.kind !== 'equipment' || change.customerId !== customerId || change.status !== 'pending') continue;
    if (change.action === 'remove') {
      items.delete(change.id);
      continue;
    }
    const before = items.get(change.id);
    if (change.action === 'update' && !before) continue;
    const f = change.fields ?? {};
    items.set(change.id, {
      id: change.id,
      type: f.type ?? before?.type ?? 'OTHER',
      brand: f.brand ?? before?.brand ?? '',
      model: f.model ?? before?.model ?? '',
      serial: f.serial !== undefined ? f.serial : (before?.serial ?? null),
      note: f.note !== undefined ? f.note : (before?.note ?? null),
      waiting: true,
    });
  }
  return [...items.values()];
}
