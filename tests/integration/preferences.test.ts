// C1 hidden columns and C4 saved filters: each staff member's own — not another user's, not
// another tenant's; bad values are field errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { asCustomer, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

/** Hidden until the user shows them: the grid's default columns fit a 1280 px screen. */
const DEFAULT_HIDDEN = ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'intervention', 'kilometres', 'equipment', 'workStatus'];

describe('hidden columns', () => {
  it('are kept per user; number and title cannot be hidden; unknown columns are refused', async () => {
    expect(await A.OPERATOR.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual(DEFAULT_HIDDEN);
    await rejects(A.OPERATOR.preferences.set({ key: 'tickets.hiddenColumns', value: ['secret' as 'number', 'number'] }), 'BAD_REQUEST');
    expect(await A.OPERATOR.preferences.set({ key: 'tickets.hiddenColumns', value: ['complexity', 'number', 'opened', 'complexity'] })).toEqual(['complexity', 'opened']);
    expect(await A.OPERATOR.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual(['complexity', 'opened']);
    expect(await A.SUPERVISOR.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual(DEFAULT_HIDDEN);
    expect(await A.TECHNICIAN.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual(DEFAULT_HIDDEN);
    expect(await B.OPERATOR.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual(DEFAULT_HIDDEN);
    // Showing every column is a choice of its own, kept as such.
    expect(await A.SUPERVISOR.preferences.set({ key: 'tickets.hiddenColumns', value: [] })).toEqual([]);
    expect(await A.SUPERVISOR.preferences.get({ key: 'tickets.hiddenColumns' })).toEqual([]);
    await rejects(A.OPERATOR.preferences.get({ key: 'otra.cosa' as 'tickets.hiddenColumns' }), 'BAD_REQUEST');
  });

  it('C14: the dashboard above the grid is folded until the user unfolds it, for them only', async () => {
    expect(await A.OPERATOR.preferences.get({ key: 'tickets.dashboard' })).toEqual({ open: false, follow: false });
    expect(await A.OPERATOR.preferences.set({ key: 'tickets.dashboard', value: { open: true, follow: true } })).toEqual({ open: true, follow: true });
    expect(await A.OPERATOR.preferences.get({ key: 'tickets.dashboard' })).toEqual({ open: true, follow: true });
    expect(await A.SUPERVISOR.preferences.get({ key: 'tickets.dashboard' })).toEqual({ open: false, follow: false });
    expect(await B.OPERATOR.preferences.get({ key: 'tickets.dashboard' })).toEqual({ open: false, follow: false });
    // A value of the other key's shape is refused, and nothing changes.
    await rejects(A.OPERATOR.preferences.set({ key: 'tickets.dashboard', value: ['complexity'] as never }), 'BAD_REQUEST');
    expect(await A.OPERATOR.preferences.get({ key: 'tickets.dashboard' })).toEqual({ open: true, follow: true });
  });
});

describe('saved filters', () => {
  it('are saved, listed and removed by their owner only', async () => {
    const saved = await A.OPERATOR.preferences.saveFilter({ scope: 'tickets', name: 'Urgentes de Quilmes', query: '?tab=PENDING&q=quilmes&page=3' });
    expect(saved).toMatchObject({ name: 'Urgentes de Quilmes', query: 'tab=PENDING&q=quilmes' });
    // Saving the same name again updates it.
    await A.OPERATOR.preferences.saveFilter({ scope: 'tickets', name: 'Urgentes de Quilmes', query: 'q=quilmes+urgente' });
    expect(await A.OPERATOR.preferences.filters({ scope: 'tickets' })).toEqual([{ id: saved.id, name: 'Urgentes de Quilmes', query: 'q=quilmes+urgente' }]);
    // Another user of the same tenant, and another tenant, neither see nor remove it.
    expect(await A.SUPERVISOR.preferences.filters({ scope: 'tickets' })).toEqual([]);
    expect(await B.ADMIN.preferences.filters({ scope: 'tickets' })).toEqual([]);
    await rejects(A.SUPERVISOR.preferences.removeFilter({ id: saved.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.preferences.removeFilter({ id: saved.id }), 'NOT_FOUND');
    await rejects(A.OPERATOR.preferences.saveFilter({ scope: 'tickets', name: '  ', query: 'q=x' }), 'BAD_REQUEST');
    expect(await A.OPERATOR.preferences.removeFilter({ id: saved.id })).toEqual({ id: saved.id });
    expect(await A.OPERATOR.preferences.filters({ scope: 'tickets' })).toEqual([]);
  });

  it('a customer session has no staff preferences', async () => {
    const customer = await createCustomer(a, { portalPassword: true });
    await rejects((await asCustomer(a, customer.id)).preferences.filters({ scope: 'tickets' }), 'FORBIDDEN');
  });
});
