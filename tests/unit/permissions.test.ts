import { describe, expect, it } from 'vitest';
import { COMPANY_PERMISSIONS, PERMISSIONS, ROLES, TICKET_FIELDS, allows, can, forbiddenTicketFields, permissionsOf, type Permission, type Role } from '@/lib/permissions';

// The whole map, as a table: a change to who may do what must change this table too.
const EXPECTED: Record<Permission, Role[]> = {
  'backoffice.access': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'PARTNER_MANAGER'],
  'users.read': ['ADMIN', 'SUPERVISOR'],
  'users.manage': ['ADMIN'],
  'customers.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'customers.create': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'customers.update': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'customers.delete': ['ADMIN', 'SUPERVISOR'],
  'customers.import': ['ADMIN', 'SUPERVISOR'],
  'customers.portalPassword': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'connections.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'connections.manage': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'catalog.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'catalog.manage': ['ADMIN'],
  'billing.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'billing.import': ['ADMIN', 'SUPERVISOR'],
  'settings.read': ['ADMIN', 'SUPERVISOR'],
  'settings.manage': ['ADMIN'],
  'tickets.config.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.config.manage': ['ADMIN'],
  'tickets.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.readAll': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.create': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.update': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.edit': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.assign': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'PARTNER_MANAGER'],
  'tickets.handOver': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.companyTake': ['PARTNER_MANAGER'],
  'tickets.schedule': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'PARTNER_MANAGER'],
  'tickets.start': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'PARTNER_MANAGER'],
  'companies.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'companies.manage': ['ADMIN'],
  'tickets.billing': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.close': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.reopen': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.comment': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.attach': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.files.office': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'PARTNER_MANAGER'],
  'tickets.files.delete': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.products': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'tickets.collect': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'products.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'products.manage': ['ADMIN'],
  'equipment.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'equipment.edit': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'equipment.manage': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'dashboard.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.resend': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.send': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'push.subscribe': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'],
  'positions.report': ['TECHNICIAN'],
  'positions.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
};

describe('permission map', () => {
  it('lists exactly the expected permissions', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = (Object.keys(EXPECTED) as Permission[]).flatMap((permission) =>
    ROLES.map((role) => ({ permission, role, allowed: EXPECTED[permission].includes(role) })),
  );
  it.each(cases)('$role → $permission: $allowed', ({ permission, role, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('G2: a partner company\'s user holds at most the company permissions, whatever its role', () => {
    expect([...COMPANY_PERMISSIONS].sort()).toEqual(
      ['backoffice.access', 'equipment.edit', 'equipment.read', 'positions.report', 'products.read', 'push.subscribe', 'tickets.assign', 'tickets.attach', 'tickets.collect', 'tickets.comment', 'tickets.companyTake', 'tickets.config.read', 'tickets.files.office', 'tickets.products', 'tickets.read', 'tickets.schedule', 'tickets.start', 'tickets.update'].sort(),
    );
    // The company's technician: the technician's permissions less the tenant's customers, connections, catalogue and ticket creation
    // (G8/G9: they sell products and collect the cost on the tickets handed to their company).
    expect(permissionsOf('TECHNICIAN', 'company-1')).toEqual(['tickets.config.read', 'tickets.read', 'tickets.update', 'tickets.comment', 'tickets.attach', 'tickets.products', 'tickets.collect', 'products.read', 'equipment.read', 'equipment.edit', 'push.subscribe', 'positions.report']);
    expect(allows({ role: 'TECHNICIAN', companyId: 'company-1' }, 'customers.read')).toBe(false);
    expect(allows({ role: 'TECHNICIAN', companyId: null }, 'customers.read')).toBe(true);
    // The manager's role is already within the limit: the same with or without its company.
    expect(permissionsOf('PARTNER_MANAGER', 'company-1')).toEqual(permissionsOf('PARTNER_MANAGER'));
    for (const p of ['tickets.readAll', 'customers.read', 'billing.read', 'settings.read', 'users.read', 'dashboard.read', 'messages.read', 'tickets.handOver', 'tickets.edit'] as const) {
      expect(can('PARTNER_MANAGER', p), p).toBe(false);
    }
  });

  it('permissionsOf agrees with can', () => {
    for (const role of ROLES) {
      expect(permissionsOf(role)).toEqual((Object.keys(EXPECTED) as Permission[]).filter((p) => EXPECTED[p].includes(role)));
    }
  });

  it('the ticket field table names only permissions of the map, and technicians change only the state and their kilometres', () => {
    for (const rule of Object.values(TICKET_FIELDS)) {
      expect(Object.keys(PERMISSIONS)).toContain(rule.create);
      expect(Object.keys(PERMISSIONS)).toContain(rule.change);
    }
    const fields = Object.keys(TICKET_FIELDS);
    expect(fields.filter((f) => forbiddenTicketFields('TECHNICIAN', 'change', [f]).length === 0)).toEqual(['kilometres', 'stateId']);
    expect(fields.filter((f) => forbiddenTicketFields('TECHNICIAN', 'create', [f]).length === 0)).toEqual(['title', 'description', 'callNumber', 'customerId', 'connectionId', 'siteId', 'equipmentId', 'categoryId', 'pqrs']);
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) {
      expect(forbiddenTicketFields(role, 'create', fields)).toEqual([]);
      expect(forbiddenTicketFields(role, 'change', fields)).toEqual([]);
    }
    // Unknown names are not ticket fields: nothing to refuse (zod refuses them at the edge).
    expect(forbiddenTicketFields('TECHNICIAN', 'change', ['version', 'id'])).toEqual([]);
  });

  it('technicians never receive billing data nor manage anything', () => {
    expect(permissionsOf('TECHNICIAN')).toEqual(['customers.read', 'connections.read', 'catalog.read', 'tickets.config.read', 'tickets.read', 'tickets.create', 'tickets.update', 'tickets.comment', 'tickets.attach', 'tickets.products', 'tickets.collect', 'products.read', 'equipment.read', 'equipment.edit', 'push.subscribe', 'positions.report']);
  });
});
