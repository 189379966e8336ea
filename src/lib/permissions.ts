// A2: the one declarative permission map. Every staff procedure names a permission from here,
// and the UI asks the same map what to show. Unit-tested as a table in tests/unit/permissions.test.ts.

export const ROLES = ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN', 'PARTNER_MANAGER'] as const;
export type Role = (typeof ROLES)[number];

/** The ISP's own roles (a partner company's manager is not one of them). */
const ALL: readonly Role[] = ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'];
const OFFICE: readonly Role[] = ['ADMIN', 'SUPERVISOR', 'OPERATOR'];
/** G2: the ISP's roles and a partner company's manager — for what concerns the company's own tickets. */
const TICKET_WORKERS: readonly Role[] = [...ALL, 'PARTNER_MANAGER'];
const OFFICE_AND_PARTNER: readonly Role[] = [...OFFICE, 'PARTNER_MANAGER'];
const PARTNER: readonly Role[] = ['PARTNER_MANAGER'];
const MANAGERS: readonly Role[] = ['ADMIN', 'SUPERVISOR'];
const ADMIN: readonly Role[] = ['ADMIN'];

export const PERMISSIONS = {
  /** Open the operators' back office at all (technicians work in /tech). */
  'backoffice.access': OFFICE_AND_PARTNER,
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
  /** A5: load invoices and payments from the ISP's CSV files (and their PDFs). */
  'billing.import': MANAGERS,
  'settings.read': MANAGERS,
  'settings.manage': ADMIN,
  /** Areas, states, priorities, categories: everyone reads them to work tickets; admins change them (B1–B8). */
  'tickets.config.read': TICKET_WORKERS,
  'tickets.config.manage': ADMIN,
  /** The ticket grid and a ticket's view — of the tickets the caller may see (see `tickets.readAll`). */
  'tickets.read': TICKET_WORKERS,
  /**
   * Every ticket of the tenant. Without it (technicians), only the tickets assigned to the caller —
   * or all of them when the tenant lets technicians see all (E8) — and, if the tenant says so, only
   * open ones: the rule lives in the scoped data access (src/server/data/visibility.ts), so every
   * procedure that reads or writes a ticket, its history, comments or files obeys it.
   */
  'tickets.readAll': OFFICE,
  /** Open tickets (technicians open them from the street too: assigned to themselves). */
  'tickets.create': ALL,
  /** Save a ticket: change its state, finish it (C10). Which fields a role may change: TICKET_FIELDS. */
  'tickets.update': TICKET_WORKERS,
  /** Change a ticket's title, description, category, area, priority, complexity, PQRS, due date (C9). */
  'tickets.edit': OFFICE,
  /** Assign a ticket, or change its assignee (C10). A partner company's manager: only to its own technicians (checked by the save). */
  'tickets.assign': OFFICE_AND_PARTNER,
  /** G2: hand a ticket to a partner company, or take it back to the ISP itself. */
  'tickets.handOver': OFFICE,
  /** G2: take over a ticket handed to the caller's company ("Prendi in carico"), or renounce it ("Rinuncia ticket"). */
  'tickets.companyTake': PARTNER,
  /** G4/G5: propose the visit's date to the customer, accept the customer's proposal (the office, or the company holding the ticket). */
  'tickets.schedule': OFFICE_AND_PARTNER,
  /** G10: "Avvia ticket" — send a customer's ticket, its visit, technician and cost agreed, to the technician's app. */
  'tickets.start': OFFICE_AND_PARTNER,
  /** G2: the partner companies (Configuración → Empresas asociadas); the office reads them to hand tickets over. */
  'companies.read': OFFICE,
  'companies.manage': ADMIN,
  /** Mark a ticket billable and set its cost (C10, A5). */
  'tickets.billing': OFFICE,
  /** Move a ticket to a closed state: technicians may not close (C10). */
  'tickets.close': OFFICE,
  /** Move a finished or closed ticket back to pending. */
  'tickets.reopen': OFFICE,
  /** Add public comments and internal notes (C7). */
  'tickets.comment': TICKET_WORKERS,
  /** Attach files and images to a ticket or a comment (C8). */
  'tickets.attach': TICKET_WORKERS,
  /** See files kept for the office ("Azienda": the ISP's office, or the partner company handling the ticket); others see public and technicians' files. */
  'tickets.files.office': OFFICE_AND_PARTNER,
  /** Remove a ticket's file (the history keeps its name). */
  'tickets.files.delete': OFFICE,
  /** G8: sell products on a ticket — add, change the quantity of, remove its lines (the technician from the street too). */
  'tickets.products': TICKET_WORKERS,
  /** G9: record what was collected from the customer (a technician only when the cost is shown to them for collection). */
  'tickets.collect': TICKET_WORKERS,
  /** G8: the product catalogue — everyone reads it to sell (a partner company's people too); its prices need billing.read. */
  'products.read': TICKET_WORKERS,
  'products.manage': ADMIN,
  /** G7: a customer's sites and equipment, through a ticket the caller may see (technicians, a partner company's people on its tickets). */
  'equipment.read': TICKET_WORKERS,
  /** G7: add, correct and remove a ticket's customer's equipment (the technician from the street too, through the ticket). */
  'equipment.edit': TICKET_WORKERS,
  /** G7: a customer's sites and equipment from the customer's page, without a ticket: the office. */
  'equipment.manage': OFFICE,
  /** C14: the help desk's dashboard — the tenant's totals, so the office only. */
  'dashboard.read': OFFICE,
  /** D3–D5: the e-mail, SMS and push logs. */
  'messages.read': OFFICE,
  /** Resend a message, or a selection. */
  'messages.resend': OFFICE,
  /** D2: a manual push to a technician (from their profile), a push or SMS to customers (from the customer list). */
  'messages.send': OFFICE,
  /** D6: this device receives Web Push for the signed-in person. */
  'push.subscribe': TICKET_WORKERS,
  /** C16: the technician app reports where its technician is (with their consent, during working hours). */
  'positions.report': ['TECHNICIAN'],
  /** C16/G6: technicians' last positions (their profile, the "Técnicos" map) and their distance to a ticket when assigning. */
  'positions.read': OFFICE,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * G2: the most a partner company's user may do, whatever their role — work the tickets handed to
 * their company, nothing else of the tenant (its customers, connections, catalogue, users, billing,
 * settings, dashboard, messages, exports). A company's technician is a TECHNICIAN with a companyId:
 * the technician's permissions, less what is not in this list.
 */
export const COMPANY_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'backoffice.access',
  'tickets.config.read',
  'tickets.read',
  'tickets.update',
  'tickets.assign',
  'tickets.companyTake',
  'tickets.schedule',
  'tickets.start',
  'tickets.comment',
  'tickets.attach',
  'tickets.files.office',
  'tickets.products',
  'tickets.collect',
  'products.read',
  'equipment.read',
  'equipment.edit',
  'push.subscribe',
  'positions.report',
]);

/** A staff member as permissions see them: the role, and the partner company they belong to (null: the ISP's own staff). */
export type PermissionHolder = { role: Role; companyId?: string | null };

/** What the server's rungs and the pages ask: the role's permission, within the company's limit for a company's user. */
export function allows(holder: PermissionHolder, permission: Permission): boolean {
  return can(holder.role, permission) && (!holder.companyId || COMPANY_PERMISSIONS.has(permission));
}

export function permissionsOf(role: Role, companyId: string | null = null): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => allows({ role, companyId }, p));
}

/**
 * A2 within a ticket: the permission each field needs, when a ticket is created with it and when a
 * save changes it. Creation, the ticket view's save and mass actions all check this one table
 * (src/server/services/tickets/field-rules.ts). A field a role may not set is refused (FORBIDDEN),
 * never silently dropped. Fields the form does not send are filled from defaults, not checked.
 */
export const TICKET_FIELDS = {
  title: { create: 'tickets.create', change: 'tickets.edit' },
  description: { create: 'tickets.create', change: 'tickets.edit' },
  callNumber: { create: 'tickets.create', change: 'tickets.edit' },
  customerId: { create: 'tickets.create', change: 'tickets.edit' },
  connectionId: { create: 'tickets.create', change: 'tickets.edit' },
  /** G7: the customer's site and the equipment the ticket is about. */
  siteId: { create: 'tickets.create', change: 'tickets.edit' },
  equipmentId: { create: 'tickets.create', change: 'tickets.edit' },
  categoryId: { create: 'tickets.create', change: 'tickets.edit' },
  pqrs: { create: 'tickets.create', change: 'tickets.edit' },
  priorityId: { create: 'tickets.edit', change: 'tickets.edit' },
  complexity: { create: 'tickets.edit', change: 'tickets.edit' },
  areaId: { create: 'tickets.edit', change: 'tickets.edit' },
  dueAt: { create: 'tickets.edit', change: 'tickets.edit' },
  /** E2: the office schedules the visit. */
  visit: { create: 'tickets.edit', change: 'tickets.edit' },
  /** G6: the technician declares the kilometres of the job. */
  kilometres: { create: 'tickets.edit', change: 'tickets.update' },
  /** Moving to a closed stage also needs tickets.close; leaving a closed or finished stage backwards, tickets.reopen. */
  stateId: { create: 'tickets.edit', change: 'tickets.update' },
  assigneeId: { create: 'tickets.assign', change: 'tickets.assign' },
  billable: { create: 'tickets.billing', change: 'tickets.billing' },
  cost: { create: 'tickets.billing', change: 'tickets.billing' },
  /** G9: show the cost to the technician, to collect. */
  costToTechnician: { create: 'tickets.billing', change: 'tickets.billing' },
} as const satisfies Record<string, { create: Permission; change: Permission }>;

export type TicketField = keyof typeof TICKET_FIELDS;

/** The fields of `fields` that `role` may not set when creating (`create`) or changing (`change`) a ticket. */
export function forbiddenTicketFields(role: Role, when: 'create' | 'change', fields: readonly string[]): TicketField[] {
  return fields.filter((f): f is TicketField => f in TICKET_FIELDS && !can(role, TICKET_FIELDS[f as TicketField][when]));
}
