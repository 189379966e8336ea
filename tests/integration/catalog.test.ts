// Plans, nodes and localities: everyone reads, admins manage; prices are billing data (A2).
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { createCatalog, createConnection, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

describe('catalog reads', () => {
  it('every role lists the tenant’s catalog; only billing roles see plan prices', async () => {
    const { plan, node, locality } = await createCatalog(a);
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      expect((await A[role].catalog.nodes()).map((n) => n.id)).toContain(node.id);
      expect((await A[role].catalog.localities()).map((l) => l.id)).toContain(locality.id);
    }
    expect((await A.OPERATOR.catalog.plans()).find((p) => p.id === plan.id)).toMatchObject({ price: 15000 });
    const techPlan = (await A.TECHNICIAN.catalog.plans()).find((p) => p.id === plan.id);
    expect(techPlan).toBeDefined();
    expect(techPlan).not.toHaveProperty('price');
  });

  it('never lists another tenant’s catalog', async () => {
    const { plan, node, locality } = await createCatalog(a);
    expect((await B.ADMIN.catalog.plans()).map((p) => p.id)).not.toContain(plan.id);
    expect((await B.ADMIN.catalog.nodes()).map((n) => n.id)).not.toContain(node.id);
    expect((await B.ADMIN.catalog.localities()).map((l) => l.id)).not.toContain(locality.id);
  });
});

describe('catalog writes', () => {
  it('admins create, update and delete plans, nodes and localities', async () => {
    const plan = await A.ADMIN.catalog.createPlan({ name: 'Fibra 500', downloadMbps: 500, uploadMbps: 250, price: 30000, offeredInPortal: true });
    const node = await A.ADMIN.catalog.createNode({ name: 'Nodo Norte', latitude: -34.5, longitude: -58.5 });
    const locality = await A.ADMIN.catalog.createLocality({ name: 'Bernal', province: 'Buenos Aires' });
    await A.ADMIN.catalog.updatePlan({ id: plan.id, price: 31000 });
    await A.ADMIN.catalog.updateNode({ id: node.id, name: 'Nodo Norte 2' });
    await A.ADMIN.catalog.updateLocality({ id: locality.id, postalCode: '1876' });
    const db = scopedDb(a.id);
    expect(Number((await db.plan.findUnique({ where: { id: plan.id } }))?.price)).toBe(31000);
    expect((await db.node.findUnique({ where: { id: node.id } }))?.name).toBe('Nodo Norte 2');
    expect((await db.locality.findUnique({ where: { id: locality.id } }))?.postalCode).toBe('1876');
    await A.ADMIN.catalog.deletePlan({ id: plan.id });
    await A.ADMIN.catalog.deleteNode({ id: node.id });
    await A.ADMIN.catalog.deleteLocality({ id: locality.id });
    expect(await db.plan.findUnique({ where: { id: plan.id } })).toBeNull();
  });

  it('refuses non-admins', async () => {
    const { plan, node, locality } = await createCatalog(a);
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      await rejects(A[role].catalog.createPlan({ name: 'X', downloadMbps: 1, uploadMbps: 1 }), 'FORBIDDEN');
      await rejects(A[role].catalog.createNode({ name: 'X' }), 'FORBIDDEN');
      await rejects(A[role].catalog.createLocality({ name: 'XX' }), 'FORBIDDEN');
      await rejects(A[role].catalog.updatePlan({ id: plan.id, name: 'Y' }), 'FORBIDDEN');
      await rejects(A[role].catalog.updateNode({ id: node.id, name: 'Y' }), 'FORBIDDEN');
      await rejects(A[role].catalog.updateLocality({ id: locality.id, name: 'YY' }), 'FORBIDDEN');
      await rejects(A[role].catalog.deletePlan({ id: plan.id }), 'FORBIDDEN');
      await rejects(A[role].catalog.deleteNode({ id: node.id }), 'FORBIDDEN');
      await rejects(A[role].catalog.deleteLocality({ id: locality.id }), 'FORBIDDEN');
    }
  });

  it('is NOT_FOUND for another tenant’s rows', async () => {
    const { plan, node, locality } = await createCatalog(a);
    await rejects(B.ADMIN.catalog.updatePlan({ id: plan.id, name: 'Robado' }), 'NOT_FOUND');
    await rejects(B.ADMIN.catalog.updateNode({ id: node.id, name: 'Robado' }), 'NOT_FOUND');
    await rejects(B.ADMIN.catalog.updateLocality({ id: locality.id, name: 'Robado' }), 'NOT_FOUND');
    await rejects(B.ADMIN.catalog.deletePlan({ id: plan.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.catalog.deleteNode({ id: node.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.catalog.deleteLocality({ id: locality.id }), 'NOT_FOUND');
    expect((await scopedDb(a.id).plan.findUnique({ where: { id: plan.id } }))?.name).toBe(plan.name);
  });

  it('a duplicate name is a field error; a plan in use is archived-safe (CONFLICT, not deleted)', async () => {
    const { plan } = await createCatalog(a);
    const dup = await rejects(A.ADMIN.catalog.createPlan({ name: plan.name, downloadMbps: 1, uploadMbps: 1 }), 'CONFLICT');
    expect(dup.cause).toMatchObject({ fieldErrors: { name: { key: 'validation.nameTaken' } } });
    const c = await createCustomer(a);
    const k = await createConnection(a, c.id);
    await scopedDb(a.id).connection.update({ where: { id: k.id }, data: { planId: plan.id } });
    const inUse = await rejects(A.ADMIN.catalog.deletePlan({ id: plan.id }), 'CONFLICT');
    expect(inUse.cause).toMatchObject({ messageKey: 'inUse' });
    expect(await scopedDb(a.id).plan.findUnique({ where: { id: plan.id } })).not.toBeNull();
  });

  it('a node or a locality a connection or a customer uses is a translated CONFLICT, never a 500; nothing is deleted', async () => {
    const { node, locality } = await createCatalog(a);
    const c = await createCustomer(a);
    await scopedDb(a.id).customer.update({ where: { id: c.id }, data: { localityId: locality.id } });
    const k = await createConnection(a, c.id);
    await scopedDb(a.id).connection.update({ where: { id: k.id }, data: { nodeId: node.id } });
    const session = { kind: 'staff' as const, userId: a.adminId, tenantId: a.id };
    for (const [path, id] of [['catalog.deleteNode', node.id], ['catalog.deleteLocality', locality.id]] as const) {
      const res = await httpCall({ host: a.host, session, path, input: { id }, locale: 'it' });
      expect(res.status, path).toBe(409);
      expect(res.json.error?.json.message, path).toBe('Impossibile eliminare perché è in uso.');
    }
    expect(await scopedDb(a.id).node.findUnique({ where: { id: node.id } })).not.toBeNull();
    expect(await scopedDb(a.id).locality.findUnique({ where: { id: locality.id } })).not.toBeNull();
  });
});
