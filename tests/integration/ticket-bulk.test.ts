// C3 mass actions: each ticket of the selection is checked like a single save — technicians may not
// close — and the answer says what was done, what was refused and why; other tenants' ids are not found.
import { beforeAll, describe, expect, it } from 'vitest';
import { rejects, type StaffOfEveryRole, twoTenantsWithStaff } from '../factories';

let A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ A, B } = await twoTenantsWithStaff()));

async function three(prefix: string) {
  return Promise.all([1, 2, 3].map((i) => A.OPERATOR.tickets.create({ title: `${prefix} ${i}`, description: 'Selección' })));
}

describe('mass actions', () => {
  it('assigns, recategorizes and closes a selection, with history on each ticket', async () => {
    const tickets = await three('Masivo');
    const ids = tickets.map((t) => t.id);
    const numbers = tickets.map((t) => t.number).sort((x, y) => x - y);
    const config = await A.ADMIN.ticketConfig.get();
    expect(await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'assign', assigneeId: A.ids.TECHNICIAN } })).toEqual({ done: numbers, unchanged: [], refused: [], notFound: 0 });
    const lentitud = config.categories.find((c) => c.name === 'Lentitud')!.id;
    expect((await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'category', categoryId: lentitud } })).done).toEqual(numbers);
    expect((await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'close' } })).done).toEqual(numbers);
    for (const id of ids) {
      const view = await A.OPERATOR.tickets.get({ id });
      expect(view).toMatchObject({ stage: 'CLOSED', assignee: { id: A.ids.TECHNICIAN }, category: { name: 'Lentitud' } });
      expect((await A.OPERATOR.tickets.history({ id })).filter((h) => h.kind === 'field').map((h) => h.field).sort()).toEqual(['assigneeId', 'categoryId', 'stateId', 'workStatus', 'workStatus']);
    }
    // Doing it again changes nothing.
    expect(await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'close' } })).toEqual({ done: [], unchanged: numbers, refused: [], notFound: 0 });
  });

  it('a technician’s mass close is refused ticket by ticket, with the reason; a finish goes through', async () => {
    const tickets = await three('Técnico masivo');
    const ids = tickets.map((t) => t.id);
    // Not theirs yet: a technician sees only the tickets assigned to them, so none is found.
    expect(await A.TECHNICIAN.tickets.bulk({ ids, action: { kind: 'close' } })).toEqual({ done: [], unchanged: [], refused: [], notFound: 3 });
    await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'assign', assigneeId: A.ids.TECHNICIAN } });
    const result = await A.TECHNICIAN.tickets.bulk({ ids, action: { kind: 'close' } });
    expect(result.done).toEqual([]);
    expect(result.refused.map((r) => r.message)).toEqual(Array(3).fill('No tenés permiso para hacer esto.'));
    const resuelto = (await A.ADMIN.ticketConfig.get()).states.find((s) => s.name === 'Resuelto')!.id;
    expect((await A.TECHNICIAN.tickets.bulk({ ids, action: { kind: 'state', stateId: resuelto } })).done).toHaveLength(3);
  });

  it('a bad reference is refused per ticket; another tenant’s tickets are not found and unchanged', async () => {
    const tickets = await three('Referencias');
    const ids = tickets.map((t) => t.id);
    const foreignState = (await B.ADMIN.ticketConfig.get()).states[0]!.id;
    const result = await A.OPERATOR.tickets.bulk({ ids, action: { kind: 'state', stateId: foreignState } });
    expect(result.refused.map((r) => r.message)).toEqual(Array(3).fill('La opción elegida ya no existe. Recargá la página.'));
    const fromB = await B.ADMIN.tickets.bulk({ ids, action: { kind: 'assign', assigneeId: null } });
    expect(fromB).toEqual({ done: [], unchanged: [], refused: [], notFound: 3 });
    await rejects(A.OPERATOR.tickets.bulk({ ids: [], action: { kind: 'close' } }), 'BAD_REQUEST');
    expect((await A.OPERATOR.tickets.get({ id: ids[0]! })).stage).toBe('PENDING');
  });
});
