// G7 on the device: the customer's equipment the technician sees is the server's copy with the queued
// equipment changes of that customer applied in order; failed changes and other customers' do not count.
import { describe, expect, it } from 'vitest';
import { equipmentWithQueue } from '@/components/tech/offline/equipment-list';
import type { QueuedChange, TechTicket } from '@/components/tech/offline/types';

const ticket = { id: 't1', customer: { id: 'c1' }, customerEquipment: [{ id: 'e1', type: 'ROUTER', brand: 'TP-Link', model: 'Archer C6', serial: 'A1', note: null }] } as unknown as TechTicket;
const change = (c: Partial<Extract<QueuedChange, { kind: 'equipment' }>>): QueuedChange =>
  ({ key: Math.random().toString(), ticketId: 't1', ticketNumber: 1, createdAt: new Date(), status: 'pending', kind: 'equipment', customerId: 'c1', id: 'e1', action: 'update', label: 'x', ...c }) as QueuedChange;

describe('equipmentWithQueue', () => {
  it('is the server’s list when nothing is queued (and none for a copy made before equipment existed)', () => {
    expect(equipmentWithQueue(ticket, [])).toEqual([{ id: 'e1', type: 'ROUTER', brand: 'TP-Link', model: 'Archer C6', serial: 'A1', note: null, waiting: false }]);
    expect(equipmentWithQueue({ id: 't1' } as TechTicket, undefined)).toEqual([]);
  });

  it('applies the customer’s pending changes in order: a correction, an addition, a removal', () => {
    const list = equipmentWithQueue(ticket, [
      change({ fields: { serial: 'A2' } }),
      change({ id: 'e2', action: 'create', fields: { type: 'ONT', brand: 'Huawei', model: 'HG8145V5', serial: null } }),
      change({ id: 'e2', action: 'update', fields: { serial: 'H1' } }),
      change({ ticketId: 't9', fields: { note: 'from another ticket of the customer' } }),
      change({ id: 'e2', action: 'remove' }),
    ]);
    expect(list).toEqual([{ id: 'e1', type: 'ROUTER', brand: 'TP-Link', model: 'Archer C6', serial: 'A2', note: 'from another ticket of the customer', waiting: true }]);
  });

  it('ignores failed changes, other customers’ changes and corrections of unknown equipment', () => {
    const list = equipmentWithQueue(ticket, [change({ status: 'failed', fields: { serial: 'X' } }), change({ customerId: 'c2', action: 'remove' }), change({ id: 'e9', fields: { serial: 'Y' } })]);
    expect(list).toEqual([{ id: 'e1', type: 'ROUTER', brand: 'TP-Link', model: 'Archer C6', serial: 'A1', note: null, waiting: false }]);
  });
});
