// A staff member's own view choices: hidden grid columns (C1) and saved filters (C4, "Mis filtros").
// Everything here is the caller's own: another user's filter is NOT_FOUND like another tenant's.
import { z } from 'zod';
import { can, type Permission } from '@/lib/permissions';
import { MESSAGE_FILTER_SCOPES } from '@/lib/message-filters';
import { fieldError, forbidden, notFound, uniqueViolationFields } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';

export const TICKET_COLUMNS = ['number', 'title', 'customer', 'assignee', 'priority', 'complexity', 'billable', 'due', 'visit', 'category', 'state', 'changes', 'comments', 'files', 'opened', 'lastStatus', 'rating', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'intervention', 'kilometres', 'equipment', 'workStatus'] as const;
/** Columns that cannot be hidden: a row must still say which ticket it is. */
const ALWAYS_SHOWN = new Set(['number', 'title']);

/** C14: the dashboard above the grid — unfolded or not, and whether it follows the grid's search ("Actualizar dashboard al buscar"). */
const ZDashboardView = z.object({ open: z.boolean(), follow: z.boolean() });

export const SETTINGS = {
  'tickets.hiddenColumns': z.array(z.enum(TICKET_COLUMNS)).max(TICKET_COLUMNS.length).transform((cols) => [...new Set(cols)].filter((c) => !ALWAYS_SHOWN.has(c))),
  'tickets.dashboard': ZDashboardView,
} as const;
export type SettingKey = keyof typeof SETTINGS;
/**
 * What someone who never chose sees. The grid's default columns fit a 1280 px screen (and its State
 * column a tablet's); the others are one click away in "Columnas".
 */
const DEFAULTS: { [K in SettingKey]: z.output<(typeof SETTINGS)[K]> } = {
  // G2: "Empresa" too — one click away for an ISP that hands tickets to partner companies; and G's
  // call number, closing date, products total, cost and collected (G1, G8, G9).
  'tickets.hiddenColumns': ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'intervention', 'kilometres', 'equipment', 'workStatus'],
  'tickets.dashboard': { open: false, follow: false },
};
const ZKey = z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]]);

export const ZSettingGet = z.object({ key: ZKey });
/** One branch per key, so each value is checked against its own schema at the edge. */
export const ZSettingSet = z.discriminatedUnion('key', [
  z.object({ key: z.literal('tickets.hiddenColumns'), value: z.array(z.enum(TICKET_COLUMNS)).max(TICKET_COLUMNS.length) }),
  z.object({ key: z.literal('tickets.dashboard'), value: ZDashboardView }),
]);

export async function getSetting({ db, tenantId, actor }: StaffCaller, key: SettingKey) {
  const row = await db.userSetting.findUnique({ where: { tenantId_userId_key: { tenantId, userId: actor.id, key } } });
  if (row) return SETTINGS[key].parse(row.value);
  // G2: a partner company's user sees by default whether its company took each ticket over.
  if (key === 'tickets.hiddenColumns' && actor.companyId) return DEFAULTS[key].filter((c) => c !== 'company');
  return DEFAULTS[key];
}

export async function setSetting({ db, tenantId, actor }: StaffCaller, key: SettingKey, value: unknown) {
  const parsed = SETTINGS[key].safeParse(value);
  if (!parsed.success) throw fieldError('value', 'validation.invalid');
  await db.userSetting.upsert({
    where: { tenantId_userId_key: { tenantId, userId: actor.id, key } },
    create: { tenantId, userId: actor.id, key, value: parsed.data },
    update: { value: parsed.data },
  });
  return parsed.data;
}

export const FILTER_SCOPES = ['tickets', ...MESSAGE_FILTER_SCOPES] as const;
type FilterScope = (typeof FILTER_SCOPES)[number];
/** A list's saved views belong to those who may open the list. */
const SCOPE_PERMISSION: Record<FilterScope, Permission> = { tickets: 'tickets.read', 'messages.email': 'messages.read', 'messages.sms': 'messages.read', 'messages.push': 'messages.read' };
function mayUse({ actor }: StaffCaller, scope: FilterScope) {
  if (!can(actor.role, SCOPE_PERMISSION[scope])) throw forbidden();
}
export const ZFilterList = z.object({ scope: z.enum(FILTER_SCOPES) });
export const ZFilterSave = z.object({
  scope: z.enum(FILTER_SCOPES),
  name: z.string().trim().min(1).max(60),
  /** The list's query string; only its own parameters are kept. */
  query: z.string().max(1000).transform((q) => {
    const params = new URLSearchParams(q.replace(/^\?/, ''));
    params.delete('page');
    return params.toString();
  }),
});

/** A saved view: its name and the list's query string. */
export const ZSavedFilter = z.object({ id: z.uuid(), name: z.string(), query: z.string() });
/** A setting's value (today: the grid's hidden columns). */
export const ZSettingValue = z.union([z.array(z.enum(TICKET_COLUMNS)), ZDashboardView]);

export function listFilters(caller: StaffCaller, scope: FilterScope) {
  mayUse(caller, scope);
  const { db, actor } = caller;
  return db.savedFilter.findMany({ where: { userId: actor.id, scope }, orderBy: { name: 'asc' }, select: { id: true, name: true, query: true } });
}

export async function saveFilter(caller: StaffCaller, input: z.output<typeof ZFilterSave>) {
  mayUse(caller, input.scope);
  const { db, tenantId, actor } = caller;
  try {
    return await db.savedFilter.upsert({
      where: { tenantId_userId_scope_name: { tenantId, userId: actor.id, scope: input.scope, name: input.name } },
      create: { tenantId, userId: actor.id, ...input },
      update: { query: input.query },
      select: { id: true, name: true, query: true },
    });
  } catch (error) {
    if (uniqueViolationFields(error)) throw fieldError('name', 'validation.nameTaken', undefined, 'CONFLICT');
    throw error;
  }
}

export async function removeFilter({ db, actor }: StaffCaller, id: string) {
  const { count } = await db.savedFilter.deleteMany({ where: { id, userId: actor.id } });
  if (!count) throw notFound();
  return { id };
}
