// C6 ticket view and A2: tickets.get gives every role the connection's place (the location tab),
// and billing data — the ticket's price and cost, its category's price, its plan's price — only to
// roles with billing.read: for the others the fields are absent, not null.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { can, ROLES } from '@/lib/permissions';
import { createCustomer, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, rejects } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let ticketId: string;
beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  const db = scopedDb(a.id);
  const config = await A.ADMIN.ticketConfig.get();
  const category = config.categories.find((c) => c.name === 'Instalación')!;
  await A.ADMIN.ticketConfig.categories.update({ id: category.id, price: 7350.5 });
  const [plan, node, locality] = await Promise.all([
    db.plan.create({ data: { tenantId: a.id, name: 'Fibra 600', downloadMbps: 600, uploadMbps: 300, price: 31999.99 } }),
    db.node.create({ data: { tenantId: a.id, name: 'Nodo Vista' } }),
    db.locality.create({ data: { tenantId: a.id, name: 'Bernal Oeste' } }),
  ]);
  const customer = await createCustomer(a);
  const connection = await db.connection.create({
    data: { tenantId: a.id, customerId: customer.id, address: 'Zapiola 1200', latitude: -34.7101, longitude: -58.2873, planId: plan.id, nodeId: node.id, localityId: locality.id },
  });
  // Assigned to the technician, so every role sees it (a technician sees only their tickets).
  ticketId = (await A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, categoryId: category.id, description: 'Instalar ONT', billable: true, assigneeId: A.ids.TECHNICIAN })).id;
  await A.OPERATOR.tickets.update({ id: ticketId, version: 1, cost: 4321 });
});

describe('tickets.get', () => {
  it('an operator gets the billing data: ticket price and cost, category price, plan price', async () => {
    const view = await A.OPERATOR.tickets.get({ id: ticketId });
    expect(view).toMatchObject({ billable: true, price: 7350.5, cost: 4321, category: { name: 'Instalación', price: 7350.5 } });
    expect(view.connection).toMatchObject({ address: 'Zapiola 1200', latitude: -34.7101, longitude: -58.2873, locality: { name: 'Bernal Oeste' }, node: { name: 'Nodo Vista' }, plan: { name: 'Fibra 600', price: 31999.99 } });
  });

  // A partner company's manager sees only its company's tickets (tests/integration/companies.test.ts: its view has no billing data either).
  it.each(ROLES.filter((r) => r !== 'PARTNER_MANAGER'))('as %s: billing fields only with billing.read; the location for everyone', async (role) => {
    const view = await A[role].tickets.get({ id: ticketId });
    expect(view.connection).toMatchObject({ latitude: -34.7101, longitude: -58.2873, plan: { name: 'Fibra 600' } });
    const billing = can(role, 'billing.read');
    expect('price' in view, 'ticket price').toBe(billing);
    expect('cost' in view, 'cost').toBe(billing);
    expect('price' in view.category!, 'category price').toBe(billing);
    expect('price' in view.connection!.plan!, 'plan price').toBe(billing);
  });

  it('a technician’s answer holds no amount at all, under any name', async () => {
    const text = JSON.stringify(await A.TECHNICIAN.tickets.get({ id: ticketId }));
    expect(text).not.toMatch(/"(price|cost)"/);
    // The amounts as a number or a string would show them; not as digits inside ids, tax ids or codes.
    for (const amount of ['7350.5', '7350.50', '31999.99', '4321']) {
      expect(text).not.toMatch(new RegExp(`(?<![0-9a-f.-])${amount.replace('.', '\\.')}(?![0-9a-f-])`));
    }
    expect(text).toContain('Fibra 600');
  });

  it('another tenant’s ticket is NOT_FOUND', async () => {
    await rejects(B.ADMIN.tickets.get({ id: ticketId }), 'NOT_FOUND');
  });
});
