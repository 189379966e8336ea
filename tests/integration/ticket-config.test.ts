// B1–B8: the ticket configuration — defaults for new tenants, PQRS for Colombia, create / edit /
// delete-or-archive / restore / default for each kind, with allowed, wrong-role and cross-tenant cases.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { backfillTicketConfig } from '@/server/services/tickets/defaults';
import { createTenant, createUser, rejects, staffOfEveryRole, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('defaults', () => {
  it('a new tenant starts with a Spanish configuration: a default of each kind, every stage, categories with areas', async () => {
    const config = await A.OPERATOR.ticketConfig.get();
    expect(names(config.areas)).toEqual(['Administración', 'Mesa de ayuda', 'Técnica', 'Ventas']);
    expect(config.states.map((s) => [s.name, s.stage])).toEqual([
      ['Abierto', 'PENDING'],
      ['En curso', 'PENDING'],
      ['Esperando al cliente', 'PENDING'],
      ['Resuelto', 'FINISHED'],
      ['Cerrado', 'CLOSED'],
    ]);
    expect(names(config.priorities)).toEqual(['Urgente', 'Alta', 'Normal', 'Baja']);
    for (const kind of ['areas', 'states', 'priorities', 'categories'] as const) {
      expect(config[kind].filter((i) => i.isDefault), kind).toHaveLength(1);
    }
    const sinConexion = config.categories.find((c) => c.name === 'Sin conexión')!;
    expect(sinConexion).toMatchObject({ area: { name: 'Técnica' }, customerReasons: ['No tengo Internet', 'Se cortó el servicio', 'El módem tiene una luz roja'], inPortal: true });
    expect(config.complexities).toEqual(['HIGH', 'MEDIUM', 'LOW']);
    expect(config.pqrs).toEqual([]);
  });

  it('a Colombian tenant has the PQRS main categories built in', async () => {
    const co = await createTenant({ country: 'CO' });
    const admin = (await staffOfEveryRole(co)).ADMIN;
    expect((await admin.ticketConfig.get()).pqrs).toEqual(['PETICION', 'QUEJA', 'RECLAMO', 'SUGERENCIA']);
  });

  it('tenants created before ticket configuration get the defaults at start, once', async () => {
    const old = await createTenant();
    const scoped = scopedDb(old.id);
    await scoped.ticketCategory.deleteMany({});
    await Promise.all([scoped.ticketArea.deleteMany({}), scoped.ticketState.deleteMany({}), scoped.ticketPriority.deleteMany({})]);
    expect(await backfillTicketConfig(db())).toBeGreaterThanOrEqual(1);
    expect(await scoped.ticketState.count()).toBe(5);
    await backfillTicketConfig(db());
    expect(await scoped.ticketState.count()).toBe(5);
  });
});

describe('reading', () => {
  it('every staff role reads it; a category’s price only reaches roles with billing.read', async () => {
    const created = await A.ADMIN.ticketConfig.categories.create({ name: 'Visita con cargo', price: 4500 });
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      const category = (await A[role].ticketConfig.get()).categories.find((c) => c.id === created.id)!;
      if (role === 'TECHNICIAN') expect(category).not.toHaveProperty('price');
      else expect(category.price).toBe(4500);
    }
  });
});

describe('managing', () => {
  it('an area may have its own e-mail for technicians’ state changes (D1); a bad address is a field error', async () => {
    const area = await A.ADMIN.ticketConfig.areas.create({ name: 'Fibra', email: 'fibra@isp.example' });
    expect((await A.ADMIN.ticketConfig.get()).areas.find((x) => x.id === area.id)?.email).toBe('fibra@isp.example');
    const bad = await rejects(A.ADMIN.ticketConfig.areas.create({ name: 'Cobre', email: 'no-es-un-mail' }), 'BAD_REQUEST');
    expect(JSON.stringify(bad)).toContain('email');
    expect((await A.ADMIN.ticketConfig.get()).areas.map((x) => x.name)).not.toContain('Cobre');
  });

  it('an admin creates, edits and deletes an unused item of each kind', async () => {
    const area = await A.ADMIN.ticketConfig.areas.create({ name: 'Redes' });
    const state = await A.ADMIN.ticketConfig.states.create({ name: 'En el domicilio', stage: 'PENDING', position: 2 });
    const priority = await A.ADMIN.ticketConfig.priorities.create({ name: 'Crítica', color: '#B91C1C', rank: 1 });
    const technician = await createUser(a, 'TECHNICIAN', { name: 'Técnico de Guardia' });
    const category = await A.ADMIN.ticketConfig.categories.create({
      name: 'Corte de fibra',
      comment: 'Avisar a redes',
      price: 0,
      areaId: area.id,
      defaultTechnicianId: technician.id,
      inTechnicianApp: true,
      customerDescription: 'Se cortó el cable',
      color: '#0EA5E9',
      customerReasons: ['No tengo Internet', 'Veo el cable cortado'],
    });
    await A.ADMIN.ticketConfig.states.update({ id: state.id, name: 'En domicilio', stage: 'FINISHED' });
    await A.ADMIN.ticketConfig.priorities.update({ id: priority.id, color: '#7F1D1D' });
    const config = await A.ADMIN.ticketConfig.get();
    expect(config.states.find((s) => s.id === state.id)).toMatchObject({ name: 'En domicilio', stage: 'FINISHED' });
    expect(config.priorities.find((p) => p.id === priority.id)).toMatchObject({ color: '#7f1d1d' });
    expect(config.categories.find((c) => c.id === category.id)).toMatchObject({
      area: { id: area.id, name: 'Redes' },
      defaultTechnician: { id: technician.id, name: 'Técnico de Guardia' },
      color: '#0ea5e9',
      customerReasons: ['No tengo Internet', 'Veo el cable cortado'],
    });

    expect(await A.ADMIN.ticketConfig.categories.remove({ id: category.id })).toEqual({ id: category.id, outcome: 'deleted' });
    expect(await A.ADMIN.ticketConfig.states.remove({ id: state.id })).toEqual({ id: state.id, outcome: 'deleted' });
    expect(await A.ADMIN.ticketConfig.priorities.remove({ id: priority.id })).toEqual({ id: priority.id, outcome: 'deleted' });
    expect(await A.ADMIN.ticketConfig.areas.remove({ id: area.id })).toEqual({ id: area.id, outcome: 'deleted' });
  });

  it('an area a category uses is archived, not deleted; it can be restored, and archived areas are not offered', async () => {
    const area = await A.ADMIN.ticketConfig.areas.create({ name: 'Zona Norte' });
    await A.ADMIN.ticketConfig.categories.create({ name: 'Reclamo Zona Norte', areaId: area.id });
    expect(await A.ADMIN.ticketConfig.areas.remove({ id: area.id })).toEqual({ id: area.id, outcome: 'archived' });
    const archived = (await A.ADMIN.ticketConfig.get()).areas.find((x) => x.id === area.id)!;
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const error = await rejects(A.ADMIN.ticketConfig.categories.create({ name: 'Otra de Zona Norte', areaId: area.id }), 'BAD_REQUEST');
    expect((error as { cause?: { fieldErrors?: Record<string, { key: string }> } }).cause?.fieldErrors?.areaId?.key).toBe('validation.unknownOption');
    await rejects(A.ADMIN.ticketConfig.areas.setDefault({ id: area.id }), 'CONFLICT');
    await A.ADMIN.ticketConfig.areas.restore({ id: area.id });
    expect((await A.ADMIN.ticketConfig.get()).areas.find((x) => x.id === area.id)!.archivedAt).toBeNull();
  });

  it('a state, priority, category or area that only a ticket uses is archived, not a 500; the ticket still shows it', async () => {
    const [area, state, priority, category] = await Promise.all([
      A.ADMIN.ticketConfig.areas.create({ name: 'Solo de un ticket' }),
      A.ADMIN.ticketConfig.states.create({ name: 'Esperando repuesto', stage: 'PENDING' }),
      A.ADMIN.ticketConfig.priorities.create({ name: 'Cuando se pueda', color: '#94a3b8', rank: 9 }),
      A.ADMIN.ticketConfig.categories.create({ name: 'Cambio de antena' }),
    ]);
    const ticket = await A.OPERATOR.tickets.create({ description: 'Antena rota', areaId: area.id, stateId: state.id, priorityId: priority.id, categoryId: category.id });
    const kinds = [['areas', area.id], ['states', state.id], ['priorities', priority.id], ['categories', category.id]] as const;
    for (const [kind, id] of kinds) {
      expect(await A.ADMIN.ticketConfig[kind].remove({ id }), kind).toEqual({ id, outcome: 'archived' });
      // Removing it again leaves it archived (its first archiving date kept).
      expect(await A.ADMIN.ticketConfig[kind].remove({ id }), kind).toEqual({ id, outcome: 'archived' });
    }
    const config = await A.ADMIN.ticketConfig.get();
    for (const [kind, id] of kinds) expect(config[kind].find((x) => x.id === id)?.archivedAt, kind).toBeInstanceOf(Date);
    const shown = await A.OPERATOR.tickets.get({ id: ticket.id });
    expect(shown).toMatchObject({
      area: { id: area.id, name: 'Solo de un ticket' },
      state: { id: state.id, name: 'Esperando repuesto' },
      priority: { id: priority.id, name: 'Cuando se pueda' },
      category: { id: category.id, name: 'Cambio de antena' },
    });
    // Archived items are no longer offered to new tickets.
    await rejects(A.OPERATOR.tickets.create({ description: 'Otra antena', stateId: state.id }), 'BAD_REQUEST');
  });

  it('a state tickets are in keeps its stage (their tabs and counts come from it): a translated CONFLICT, nothing changed', async () => {
    const state = await A.ADMIN.ticketConfig.states.create({ name: 'En taller', stage: 'PENDING' });
    await A.OPERATOR.tickets.create({ description: 'Router en taller', stateId: state.id });
    const before = await A.OPERATOR.tickets.list({ tab: 'PENDING' });
    const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: a.adminId, tenantId: a.id }, path: 'ticketConfig.states.update', input: { id: state.id, stage: 'FINISHED' } });
    expect(res.status).toBe(409);
    expect(res.json.error?.json.message).toBe('Hay tickets en este estado: su etapa no puede cambiar. Creá un estado nuevo en la otra etapa y pasá los tickets a ese.');
    expect((await A.ADMIN.ticketConfig.get()).states.find((s) => s.id === state.id)?.stage).toBe('PENDING');
    expect((await A.OPERATOR.tickets.list({ tab: 'PENDING' })).counts).toEqual(before.counts);
    // Its name may still change, and an unused state's stage too.
    await A.ADMIN.ticketConfig.states.update({ id: state.id, name: 'En el taller' });
    const unused = await A.ADMIN.ticketConfig.states.create({ name: 'Sin usar', stage: 'PENDING' });
    await A.ADMIN.ticketConfig.states.update({ id: unused.id, stage: 'FINISHED' });
  });

  it('one default per kind: setting one unsets the other; the default cannot be removed', async () => {
    const priority = await A.ADMIN.ticketConfig.priorities.create({ name: 'Media', color: '#2563EB', rank: 3 });
    await A.ADMIN.ticketConfig.priorities.setDefault({ id: priority.id });
    const priorities = (await A.ADMIN.ticketConfig.get()).priorities;
    expect(priorities.filter((p) => p.isDefault).map((p) => p.id)).toEqual([priority.id]);
    await rejects(A.ADMIN.ticketConfig.priorities.remove({ id: priority.id }), 'CONFLICT');
    // Tenant B's default is untouched.
    expect((await B.ADMIN.ticketConfig.get()).priorities.filter((p) => p.isDefault).map((p) => p.name)).toEqual(['Normal']);
  });

  it('every lifecycle stage keeps an active state', async () => {
    const closed = (await A.ADMIN.ticketConfig.get()).states.find((s) => s.stage === 'CLOSED')!;
    const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: a.adminId, tenantId: a.id }, path: 'ticketConfig.states.remove', input: { id: closed.id } });
    expect(res.status).toBe(409);
    expect(res.json.error?.json.message).toBe('Es el último estado activo de su etapa (pendiente, finalizado o cerrado): los tickets necesitan al menos uno en cada una.');
    await rejects(A.ADMIN.ticketConfig.states.update({ id: closed.id, stage: 'PENDING' }), 'CONFLICT');
    const another = await A.ADMIN.ticketConfig.states.create({ name: 'Archivado', stage: 'CLOSED' });
    await A.ADMIN.ticketConfig.states.update({ id: closed.id, stage: 'FINISHED' });
    await A.ADMIN.ticketConfig.states.update({ id: closed.id, stage: 'CLOSED' });
    expect((await A.ADMIN.ticketConfig.states.remove({ id: another.id })).outcome).toBe('deleted');
  });

  it('bad input: a duplicate name, a bad color, a technician who is not one — translated, per field, nothing saved', async () => {
    const session = { kind: 'staff' as const, userId: a.adminId, tenantId: a.id };
    const duplicate = await httpCall({ host: a.host, session, path: 'ticketConfig.areas.create', input: { name: 'Técnica' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error?.json.data.fieldErrors).toEqual({ name: 'Ya existe uno con este nombre.' });
    const color = await httpCall({ host: a.host, session, path: 'ticketConfig.priorities.create', input: { name: 'Fucsia', color: 'fucsia', rank: 2 }, locale: 'en' });
    expect(color.status).toBe(400);
    expect(color.json.error?.json.data.fieldErrors).toEqual({ color: 'Choose a valid color (#rrggbb).' });
    const operator = A.ids.OPERATOR;
    const notTechnician = await httpCall({ host: a.host, session, path: 'ticketConfig.categories.create', input: { name: 'Con operador', defaultTechnicianId: operator } });
    expect(notTechnician.status).toBe(400);
    expect(Object.keys(notTechnician.json.error?.json.data.fieldErrors ?? {})).toEqual(['defaultTechnicianId']);
    const config = await A.ADMIN.ticketConfig.get();
    expect(names(config.priorities)).not.toContain('Fucsia');
    expect(names(config.categories)).not.toContain('Con operador');
  });
});

describe('roles and tenants', () => {
  it('only admins manage; every other role is FORBIDDEN and nothing changes', async () => {
    const before = await A.ADMIN.ticketConfig.get();
    const area = before.areas.find((x) => x.name === 'Ventas')!;
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      await rejects(A[role].ticketConfig.areas.create({ name: `Área de ${role}` }), 'FORBIDDEN');
      await rejects(A[role].ticketConfig.areas.update({ id: area.id, name: 'Cambiada' }), 'FORBIDDEN');
      await rejects(A[role].ticketConfig.areas.remove({ id: area.id }), 'FORBIDDEN');
      await rejects(A[role].ticketConfig.areas.setDefault({ id: area.id }), 'FORBIDDEN');
      await rejects(A[role].ticketConfig.categories.create({ name: `Cat de ${role}` }), 'FORBIDDEN');
    }
    expect(await A.ADMIN.ticketConfig.get()).toEqual(before);
  });

  it('another tenant’s items are NOT_FOUND, and its areas and technicians are unknown options', async () => {
    const config = await A.ADMIN.ticketConfig.get();
    const area = config.areas[0]!;
    const state = config.states[0]!;
    await rejects(B.ADMIN.ticketConfig.areas.update({ id: area.id, name: 'Robada' }), 'NOT_FOUND');
    await rejects(B.ADMIN.ticketConfig.areas.remove({ id: area.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.ticketConfig.areas.restore({ id: area.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.ticketConfig.states.setDefault({ id: state.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.ticketConfig.categories.create({ name: 'Con área ajena', areaId: area.id }), 'BAD_REQUEST');
    await rejects(B.ADMIN.ticketConfig.categories.create({ name: 'Con técnico ajeno', defaultTechnicianId: A.ids.TECHNICIAN }), 'BAD_REQUEST');
    expect(await A.ADMIN.ticketConfig.get()).toEqual(config);
    expect(names((await B.ADMIN.ticketConfig.get()).categories)).not.toContain('Con área ajena');
  });
});
