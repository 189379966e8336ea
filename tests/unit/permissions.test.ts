import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, TICKET_FIELDS, can, forbiddenTicketFields, permissionsOf, type Permission, type Role } from '@/lib/permissions';

// The whole map, as a table: a change to who may do what must change this table too.
const EXPECTED: Record<Permission, Role[]> = {
  'backoffice.access': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
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
  'tickets.config.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.config.manage': ['ADMIN'],
  'tickets.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.readAll': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.create': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.update': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.edit': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.assign': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.billing': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.close': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.reopen': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.comment': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.attach': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.files.office': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.files.delete': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'tickets.products': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'tickets.collect': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'products.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
  'products.manage': ['ADMIN'],
  'dashboard.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.read': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.resend': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'messages.send': ['ADMIN', 'SUPERVISOR', 'OPERATOR'],
  'push.subscribe': ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'],
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
    expect(fields.filter((f) => forbiddenTicketFields('TECHNICIAN', 'create', [f]).length === 0)).toEqual(['title', 'description', 'callNumber', 'customerId', 'connectionId', 'categoryId', 'pqrs']);
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) {
      expect(forbiddenTicketFields(role, 'create', fields)).toEqual([]);
      expect(forbiddenTicketFields(role, 'change', fields)).toEqual([]);
    }
    // Unknown names are not ticket fields: nothing to refuse (zod refuses them at the edge).
    expect(forbiddenTicketFields('TECHNICIAN', 'change', ['version', 'id'])).toEqual([]);
  });

  it('technicians never receive billing data nor manage anything', () => {
    expect(permissionsOf('TECHNICIAN')).toEqual(['customers.read', 'connections.read', 'catalog.read', 'tickets.config.read', 'tickets.read', 'tickets.create', 'tickets.update', 'tickets.comment', 'tickets.attach', 'tickets.products', 'tickets.collect', 'products.read', 'push.subscribe', 'positions.report']);
  });
});
