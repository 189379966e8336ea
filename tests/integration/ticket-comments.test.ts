// C7 and C12: public comments and internal notes (internal notes never produce a customer-facing
// event), and the per-operator +N counter that opening a ticket resets.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { asCustomer, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

async function newTicket(title: string) {
  const customer = await createCustomer(a);
  // Assigned to the technician, who works it (a technician sees only the tickets assigned to them).
  return A.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'Para comentar', assigneeId: A.ids.TECHNICIAN });
}

describe('comments', () => {
  it('public comments and internal notes, in order, with their author; only public ones reach the outbox', async () => {
    const t = await newTicket('Con comentarios');
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Le avisamos que mañana pasa el técnico.', public: true });
    await A.TECHNICIAN.tickets.comment({ ticketId: t.id, body: 'El cliente no atiende el teléfono.', public: false });
    const list = await A.SUPERVISOR.tickets.comments({ id: t.id });
    expect(list.map((c) => [c.public, c.body, c.author?.id])).toEqual([
      [true, 'Le avisamos que mañana pasa el técnico.', A.ids.OPERATOR],
      [false, 'El cliente no atiende el teléfono.', A.ids.TECHNICIAN],
    ]);
    const outbox = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: t.id } }, select: { type: true, payload: true } });
    expect(outbox.map((e) => e.type).sort()).toEqual(['ticket.assigned', 'ticket.commented', 'ticket.created']);
    expect(JSON.stringify(outbox)).not.toContain('no atiende');
    expect((await A.OPERATOR.tickets.history({ id: t.id })).map((h) => h.kind)).toEqual(['note', 'comment', 'created']);
    // The grid counts both, from the count the comments' triggers keep on the ticket.
    const row = (await A.OPERATOR.tickets.list({ tab: 'PENDING', query: String(t.number) })).items.find((i) => i.id === t.id);
    expect(row?.commentCount).toBe(2);
  });

  it('an empty comment is a field error; a customer session and another tenant cannot comment or read', async () => {
    const t = await newTicket('Comentarios privados');
    await rejects(A.OPERATOR.tickets.comment({ ticketId: t.id, body: '   ', public: true }), 'BAD_REQUEST');
    const customer = await createCustomer(a, { portalPassword: true });
    await rejects((await asCustomer(a, customer.id)).tickets.comment({ ticketId: t.id, body: 'Hola', public: true }), 'FORBIDDEN');
    await rejects(B.ADMIN.tickets.comment({ ticketId: t.id, body: 'Intruso', public: true }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.comments({ id: t.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.markRead({ id: t.id }), 'NOT_FOUND');
    expect(await A.OPERATOR.tickets.comments({ id: t.id })).toEqual([]);
  });
});

describe('the +N counter', () => {
  it('counts what others did since the operator last opened the ticket; opening resets it', async () => {
    const t = await newTicket('Contador de cambios');
    const unseen = async (who: typeof A.SUPERVISOR) => (await who.tickets.list({ query: 'contador de cambios' })).items.find((x) => x.id === t.id)!.unseenChanges;
    // The supervisor never opened it: the operator's creation counts.
    expect(await unseen(A.SUPERVISOR)).toBe(1);
    // The operator's own actions do not count for the operator.
    expect(await unseen(A.OPERATOR)).toBe(0);
    await A.SUPERVISOR.tickets.markRead({ id: t.id });
    expect(await unseen(A.SUPERVISOR)).toBe(0);
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Primera novedad', public: false });
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, title: 'Contador de cambios (editado)', complexity: 'LOW' });
    expect(await unseen(A.SUPERVISOR)).toBe(3);
    await A.SUPERVISOR.tickets.markRead({ id: t.id });
    expect(await unseen(A.SUPERVISOR)).toBe(0);
  });
});
