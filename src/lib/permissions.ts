// A2: the one declarative permission map. Every staff procedure names a permission from here,
// and the UI asks the same map what to show. Unit-tested as a table in tests/unit/permissions.test.ts.

export const ROLES = ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const OFFICE: readonly Role[] = ['ADMIN', 'SUPERVISOR', 'OPERATOR'];
const MANAGERS: readonly Role[] = ['ADMIN', 'SUPERVISOR'];
const ADMIN: readonly Role[] = ['ADMIN'];

export const PERMISSIONS = {
  /** Open the operators' back office at all (technicians work in /tech). */
  'backoffice.access': OFFICE,
  'users.read': MANAGERS,
  'users.manage': ADMIN,
  'customers.read': ALL,
  'customers.create': OFFICE,
  'customers.update': OFFICE,
  'customers.delete': MANAGERS,
  'customers.import': MANAGERS,
  'customers.portalPassword': OFFICE,
  'connections.read': ALL,
  'connections.manage': OFFICE,
  'catalog.read': ALL,
  'catalog.manage': ADMIN,
  /** Prices, invoices, payments, balances: a role without it never receives these fields. */
  'billing.read': OFFICE,
  'settings.read': MANAGERS,
  'settings.manage': ADMIN,
  /** Areas, states, priorities, categories: everyone reads them to work tickets; admins change them (B1–B8). */
  'tickets.config.read': ALL,
  'tickets.config.manage': ADMIN,
  /** The ticket grid and a ticket's view. */
  'tickets.read': ALL,
  /** Open tickets (technicians open them from the street too). */
  'tickets.create': ALL,
  /** Edit fields, assign, change state, finish (C9, C10). */
  'tickets.update': ALL,
  /** Move a ticket to a closed state: technicians may not close (C10). */
  'tickets.close': OFFICE,
  /** Move a finished or closed ticket back to pending. */
  'tickets.reopen': OFFICE,
  /** Add public comments and internal notes (C7). */
  'tickets.comment': ALL,
  /** Attach files and images to a ticket or a comment (C8). */
  'tickets.attach': ALL,
  /** See files kept for the office only; others see public and technicians' files. */
  'tickets.files.office': OFFICE,
  /** Remove a ticket's file (the history keeps its name). */
  'tickets.files.delete': OFFICE,
  /** D3–D5: the e-mail, SMS and push logs. */
  'messages.read': OFFICE,
  /** Resend a message, or a selection. */
  'messages.resend': OFFICE,
  /** D2: a manual push to a technician (from their profile), a push or SMS to customers (from the customer list). */
  'messages.send': OFFICE,
  /** D6: this device receives Web Push for the signed-in person. */
  'push.subscribe': ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
