// G2: partner companies — the admin's register, handing tickets over, the company's take-over and
// renounce, and what a company's users see (only their company's tickets, through the one
// visibility rule). Allowed / wrong-role / cross-tenant cases for each new procedure.
import { beforeAll, describe, expect, it } from 'vitest';
import { asStaff, createCompany, createCustomer, createUser, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
/** Company X (A.companyId, with A's PARTNER_MANAGER) and company Z of tenant A. */
let z: { id: string };
let xTech: { id: string }, xTech2: { id: string }, zTech: { id: string };
let X: { TECH: Awaited<ReturnType<typeof asStaff>>; TECH2: Awaited<ReturnType<typeof asStaff>> };
let zManager: Awaited<ReturnType<typeof asStaff>>;

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  z = await createCompany(a, { name: 'Empresa Zeta' });
  [xTech, xTech2, zTech] = await Promise.all([
    createUser(a, 'TECHNICIAN', { companyId: A.companyId, name: 'Técnico Equis' }),
    createUser(a, 'TECHNICIAN', { companyId: A.companyId, name: 'Técnico Equis Dos' }),
    createUser(a, 'TECHNICIAN', { companyId: z.id, name: 'Técnico Zeta' }),
  ]);
  X = { TECH: await asStaff(a, xTech.id), TECH2: await asStaff(a, xTech2.id) };
  zManager = await asStaff(a, (await createUser(a, 'PARTNER_MANAGER', { companyId: z.id })).id);
});

async function ticketFor(company: string | null, title = 'Instalación') {
  const customer = await createCustomer(a);
  const created = await A.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'Fibra nueva' });
  if (!company) return { id: created.id, version: 1 };
  return A.OPERATOR.tickets.handOver({ id: created.id, version: 1, companyId: company });
}

describe('companies: the register', () => {
  it('an admin creates, edits and deactivates a company; tax ids are validated as the country’s', async () => {
    const created = await A.ADMIN.companies.create({ name: 'Redes del Sur SRL', taxId: '30-71234567-1'.replace('1', '1'), contactName: 'Marta', email: 'OFICINA@redes.test', phone: '+54 11 5555-0101', zone: 'Zona sur' }).catch(async () =>
      // 30-71234567-1 may not carry a valid check digit: a valid CUIT for the case.
      A.ADMIN.companies.create({ name: 'Redes del Sur SRL', taxId: '20-12345678-6', contactName: 'Marta', email: 'OFICINA@redes.test', phone: '+54 11 5555-0101', zone: 'Zona sur' }),
    );
    expect(created).toMatchObject({ name: 'Redes del Sur SRL', email: 'oficina@redes.test', zone: 'Zona sur', active: true, users: 0 });
    expect(created.taxId).toMatch(/^\d{11}$/);
    const bad = await rejects(A.ADMIN.companies.create({ name: 'Mal CUIT', taxId: '20-12345678-0' }), 'BAD_REQUEST');
    expect((bad.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors).toMatchObject({ taxId: { key: 'validation.taxIdInvalid' } });
    await rejects(A.ADMIN.companies.create({ name: 'Redes del Sur SRL' }), 'CONFLICT');
    const edited = await A.ADMIN.companies.update({ id: created.id, zone: 'Zona sur y oeste', active: false });
    expect(edited).toMatchObject({ zone: 'Zona sur y oeste', active: false });
    expect((await A.OPERATOR.companies.list({ includeInactive: true })).map((c) => c.name)).toContain('Redes del Sur SRL');
    expect((await A.OPERATOR.companies.options()).map((c) => c.name)).not.toContain('Redes del Sur SRL');
  });

  it('wrong roles are FORBIDDEN', async () => {
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'] as const) await rejects(A[role].companies.create({ name: `No ${role}` }), 'FORBIDDEN');
    for (const role of ['TECHNICIAN', 'PARTNER_MANAGER'] as const) {
      await rejects(A[role].companies.list({ includeInactive: true }), 'FORBIDDEN');
      await rejects(A[role].companies.options(), 'FORBIDDEN');
    }
    await rejects(X.TECH.companies.list({ includeInactive: true }), 'FORBIDDEN');
  });

  it('another tenant’s company is not found, and never listed', async () => {
    await rejects(B.ADMIN.companies.update({ id: A.companyId, name: 'Robada' }), 'NOT_FOUND');
    expect((await B.ADMIN.companies.list({ includeInactive: true })).map((c) => c.id)).not.toContain(A.companyId);
  });

  it('a company’s users are created by the admin: a manager needs a company, other office roles may not have one', async () => {
    const manager = await A.ADMIN.users.create({ name: 'Gerente Zeta', email: 'gerente-zeta@a.test', role: 'PARTNER_MANAGER', password: 'una-clave-larga-9', companyId: z.id });
    expect(manager).toMatchObject({ role: 'PARTNER_MANAGER', company: { id: z.id, name: 'Empresa Zeta' } });
    const missing = await rejects(A.ADMIN.users.create({ name: 'Sin Empresa', email: 'sin-empresa@a.test', role: 'PARTNER_MANAGER', password: 'una-clave-larga-9' }), 'BAD_REQUEST');
    expect((missing.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors).toMatchObject({ companyId: { key: 'companies.companyRequired' } });
    await rejects(A.ADMIN.users.create({ name: 'Operador Zeta', email: 'operador-zeta@a.test', role: 'OPERATOR', password: 'una-clave-larga-9', companyId: z.id }), 'BAD_REQUEST');
    // Another tenant's company is an unknown option.
    const foreign = await rejects(B.ADMIN.users.create({ name: 'Ajeno', email: 'ajeno@b.test', role: 'PARTNER_MANAGER', password: 'una-clave-larga-9', companyId: A.companyId }), 'BAD_REQUEST');
    expect((foreign.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors).toMatchObject({ companyId: { key: 'validation.unknownOption' } });
  });
});

describe('handing over, taking over, renouncing', () => {
  it('the office hands a ticket to a company; its manager takes it over and assigns its technician', async () => {
    const handed = await ticketFor(A.companyId, 'Entregada');
    let view = await A.PARTNER_MANAGER.tickets.get({ id: handed.id });
    expect(view).toMatchObject({ companyId: A.companyId, companyAcceptedAt: null });
    expect('cost' in view).toBe(false);
    // Assigning before taking over is refused.
    await rejects(A.PARTNER_MANAGER.tickets.update({ id: handed.id, version: view.version, assigneeId: xTech.id }), 'CONFLICT');
    const taken = await A.PARTNER_MANAGER.tickets.takeOver({ id: handed.id, version: view.version });
    await rejects(A.PARTNER_MANAGER.tickets.takeOver(taken), 'CONFLICT');
    // Only its own technicians: not another company's, not the ISP's.
    for (const other of [zTech.id, A.ids.TECHNICIAN]) {
      const refused = await rejects(A.PARTNER_MANAGER.tickets.update({ id: handed.id, version: taken.version, assigneeId: other }), 'BAD_REQUEST');
      expect((refused.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors).toMatchObject({ assigneeId: { key: 'companies.notYourTechnician' } });
    }
    await A.PARTNER_MANAGER.tickets.update({ id: handed.id, version: taken.version, assigneeId: xTech.id });
    view = await A.OPERATOR.tickets.get({ id: handed.id });
    expect(view).toMatchObject({ company: { id: A.companyId }, companyAcceptedBy: { id: A.ids.PARTNER_MANAGER }, assignee: { id: xTech.id } });
    expect(view.companyAcceptedAt).toBeInstanceOf(Date);
    const history = await A.OPERATOR.tickets.history({ id: handed.id });
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['companyId', 'companyAcceptedAt', 'assigneeId']));
    // The technician list the manager assigns from is its company's.
    expect((await A.PARTNER_MANAGER.ticketConfig.get()).technicians.map((u) => u.id).sort()).toEqual([xTech.id, xTech2.id].sort());
  });

  it('the office assigns a company’s ticket only to that company’s technicians, and its own tickets only to its own staff', async () => {
    const handed = await ticketFor(z.id, 'De Zeta');
    const fieldKey = (e: Error) => (e.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors?.assigneeId?.key;
    for (const other of [xTech.id, A.ids.TECHNICIAN]) {
      expect(fieldKey(await rejects(A.OPERATOR.tickets.update({ id: handed.id, version: handed.version, assigneeId: other }), 'BAD_REQUEST'))).toBe('companies.notTheirTechnician');
    }
    expect((await A.OPERATOR.tickets.update({ id: handed.id, version: handed.version, assigneeId: zTech.id })).version).toBe(handed.version + 1);
    const own = await ticketFor(null, 'Propia');
    expect(fieldKey(await rejects(A.OPERATOR.tickets.update({ id: own.id, version: own.version, assigneeId: zTech.id }), 'BAD_REQUEST'))).toBe('companies.companyTechnicianOnly');
    expect(fieldKey(await rejects(A.OPERATOR.tickets.create({ description: 'Nueva', assigneeId: xTech.id }), 'BAD_REQUEST'))).toBe('companies.companyTechnicianOnly');
    expect(await A.OPERATOR.tickets.get({ id: own.id })).toMatchObject({ assignee: null, version: own.version });
  });

  it('renouncing needs a reason, puts the ticket back to "to assign" and keeps the reason in the history', async () => {
    const handed = await ticketFor(A.companyId, 'A renunciar');
    const taken = await A.PARTNER_MANAGER.tickets.takeOver(handed);
    const assigned = await A.PARTNER_MANAGER.tickets.update({ id: handed.id, version: taken.version, assigneeId: xTech.id });
    const empty = await rejects(A.PARTNER_MANAGER.tickets.renounce({ id: handed.id, version: assigned.version, reason: '  ' }), 'BAD_REQUEST');
    expect((empty.cause as unknown as { issues?: { message: string }[] }).issues?.[0]?.message ?? JSON.stringify(empty.cause)).toContain('validation.renounceReasonRequired');
    await A.PARTNER_MANAGER.tickets.renounce({ id: handed.id, version: assigned.version, reason: 'No cubrimos esa zona' });
    const view = await A.OPERATOR.tickets.get({ id: handed.id });
    expect(view).toMatchObject({ companyId: null, company: null, assigneeId: null, companyAcceptedAt: null });
    const renounced = (await A.OPERATOR.tickets.history({ id: handed.id })).find((h) => h.kind === 'renounced');
    expect(renounced).toMatchObject({ field: 'companyId', newValue: 'No cubrimos esa zona', actor: { id: A.ids.PARTNER_MANAGER } });
    // Gone from the company: its manager and technician no longer find it.
    await rejects(A.PARTNER_MANAGER.tickets.get({ id: handed.id }), 'NOT_FOUND');
    await rejects(X.TECH.tickets.get({ id: handed.id }), 'NOT_FOUND');
  });

  it('a renounce or take-over by someone who does not hold the ticket is refused', async () => {
    const handed = await ticketFor(A.companyId, 'De Equis');
    // Another company's manager does not even see it.
    await rejects(zManager.tickets.renounce({ ...handed, reason: 'No es nuestro' }), 'NOT_FOUND');
    await rejects(zManager.tickets.takeOver(handed), 'NOT_FOUND');
    // Technicians (the company's own too) and the office may not renounce or take over.
    for (const caller of [X.TECH, A.TECHNICIAN, A.OPERATOR, A.ADMIN]) await rejects(caller.tickets.renounce({ ...handed, reason: 'Tampoco' }), 'FORBIDDEN');
    // A ticket the ISP keeps: the manager does not see it.
    const own = await ticketFor(null, 'Del ISP');
    await rejects(A.PARTNER_MANAGER.tickets.renounce({ ...own, reason: 'No es nuestro' }), 'NOT_FOUND');
    // A ticket handed to company X, and X's manager holding it: a stale version is a conflict.
    await rejects(A.PARTNER_MANAGER.tickets.renounce({ id: handed.id, version: handed.version - 1, reason: 'Viejo' }), 'CONFLICT');
    const error = await rejects(zManager.tickets.get({ id: handed.id }), 'NOT_FOUND');
    expect(error.message).not.toContain('De Equis');
  });

  it('hand-over: wrong roles are FORBIDDEN; another tenant’s company or ticket is NOT_FOUND; the office takes it back', async () => {
    const handed = await ticketFor(A.companyId, 'Ida y vuelta');
    for (const caller of [A.TECHNICIAN, A.PARTNER_MANAGER, X.TECH]) await rejects(caller.tickets.handOver({ ...handed, companyId: z.id }), 'FORBIDDEN');
    const foreignCompany = await createCompany(b, { name: 'Empresa de B' });
    await rejects(A.OPERATOR.tickets.handOver({ ...handed, companyId: foreignCompany.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.handOver({ ...handed, companyId: foreignCompany.id }), 'NOT_FOUND');
    const moved = await A.OPERATOR.tickets.handOver({ ...handed, companyId: z.id });
    const back = await A.OPERATOR.tickets.handOver({ ...moved, companyId: null });
    expect(back.version).toBe(moved.version + 1);
    const companies = (await A.OPERATOR.tickets.history({ id: handed.id })).filter((h) => h.field === 'companyId').map((h) => [h.oldValue, h.newValue]);
    expect(companies).toContainEqual([null, expect.any(String)]);
    expect(companies).toContainEqual(['Empresa Zeta', null]);
  });
});

describe('what a company’s users see', () => {
  it('the manager sees exactly its company’s tickets in the grid; its technician only those assigned to it', async () => {
    const mine = await ticketFor(A.companyId, 'Visible Equis');
    const taken = await A.PARTNER_MANAGER.tickets.takeOver(mine);
    await A.PARTNER_MANAGER.tickets.update({ id: mine.id, version: taken.version, assigneeId: xTech.id });
    const unassigned = await ticketFor(A.companyId, 'Equis sin técnico');
    const theirs = await ticketFor(z.id, 'Solo Zeta');
    const own = await ticketFor(null, 'Solo ISP');

    const grid = await A.PARTNER_MANAGER.tickets.list({ tab: 'PENDING', sort: 'number', page: 1, pageSize: 100 });
    const ids = grid.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, unassigned.id]));
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(own.id);
    expect(grid.items.every((i) => i.company?.id === A.companyId)).toBe(true);
    expect(grid.items.find((i) => i.id === mine.id)).toMatchObject({ companyAccepted: true, company: { id: A.companyId } });
    expect('price' in grid.items[0]!).toBe(false);
    // The tabs count the company's tickets only.
    expect(grid.counts.PENDING).toBe(grid.items.length);
    // The office's grid shows the Empresa column's data.
    const office = await A.OPERATOR.tickets.list({ tab: 'PENDING', sort: 'number', page: 1, pageSize: 100 });
    expect(office.items.find((i) => i.id === theirs.id)).toMatchObject({ company: { id: z.id, name: 'Empresa Zeta' }, companyAccepted: false });
    expect(office.items.find((i) => i.id === own.id)).toMatchObject({ company: null });

    const techGrid = await X.TECH.tickets.list({ tab: 'PENDING', sort: 'number', page: 1, pageSize: 100 });
    expect(techGrid.items.map((i) => i.id)).toContain(mine.id);
    expect(techGrid.items.map((i) => i.id)).not.toContain(unassigned.id);
    await rejects(X.TECH2.tickets.get({ id: mine.id }), 'NOT_FOUND');
    for (const hidden of [theirs.id, own.id]) {
      await rejects(A.PARTNER_MANAGER.tickets.get({ id: hidden }), 'NOT_FOUND');
      await rejects(A.PARTNER_MANAGER.tickets.history({ id: hidden }), 'NOT_FOUND');
      await rejects(A.PARTNER_MANAGER.tickets.comment({ ticketId: hidden, body: 'Hola', public: true }), 'NOT_FOUND');
    }
    // The tech app's list is the same rule.
    expect((await X.TECH.tech.list({})).map((i: { id: string }) => i.id)).not.toContain(theirs.id);
  });

  it('the manager reaches nothing else of the tenant: customers, users, dashboard, settings, messages', async () => {
    const m = A.PARTNER_MANAGER;
    await rejects(m.customers.list({}), 'FORBIDDEN');
    await rejects(m.users.list({ includeInactive: true }), 'FORBIDDEN');
    await rejects(m.dashboard.get({}), 'FORBIDDEN');
    await rejects(m.tenants.settings(), 'FORBIDDEN');
    await rejects(m.messages.list({ channel: 'EMAIL' }), 'FORBIDDEN');
    await rejects(m.tickets.create({ description: 'No' }), 'FORBIDDEN');
    // A company's technician loses the technician's reach over the tenant's customers and connections.
    await rejects(X.TECH.customers.list({}), 'FORBIDDEN');
    await rejects(X.TECH.maps.extent(), 'FORBIDDEN');
    const me = await m.users.me();
    expect(me.permissions).not.toContain('tickets.readAll');
    expect(me.permissions).toContain('tickets.companyTake');
  });
});
