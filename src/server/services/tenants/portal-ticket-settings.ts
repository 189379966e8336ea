// Settings → "App y portal", the tickets card (F5 f–j, F6 k, F7 l): which ticket tools customers get
// in the portal and the app, the daily limit, and the values each kind of ticket they open receives.
// A default must name a row of this tenant still offered (a technician still active): checked on save.
import { z } from 'zod';
import type { StaffCaller } from '@/server/services/caller';
import { fieldError } from '@/server/errors';
import { forgetTenantCache } from './resolve';
import { DAILY_LIMIT_MAX, type TicketDefaults } from './portal-ticket-settings-schema';

const ZDefaultsInput = z
  .object({ areaId: z.uuid().nullable(), categoryId: z.uuid().nullable(), assigneeId: z.uuid().nullable(), stateId: z.uuid().nullable(), priorityId: z.uuid().nullable() })
  .strict();

export const ZPortalTicketSettingsUpdate = z
  .object({
    view: z.boolean(),
    create: z.boolean(),
    onlyOpen: z.boolean(),
    dailyLimit: z.boolean(),
    dailyMax: z.number().int().min(1).max(DAILY_LIMIT_MAX),
    allowClose: z.boolean(),
    defaults: ZDefaultsInput,
    receipt: z.boolean(),
    receiptDefaults: ZDefaultsInput,
    plans: z.boolean(),
    planDefaults: ZDefaultsInput,
  })
  .strict();

export const ZPortalTicketSettingsView = ZPortalTicketSettingsUpdate;

export function getPortalTicketSettings({ tenant }: StaffCaller): z.output<typeof ZPortalTicketSettingsView> {
  return tenant.settings.portalTickets;
}

/** Each default names a row of this tenant that is still offered; else a field error naming it. */
async function assertDefaults({ db }: StaffCaller, prefix: string, d: TicketDefaults) {
  const [area, category, assignee, state, priority] = await Promise.all([
    d.areaId ? db.ticketArea.findFirst({ where: { id: d.areaId, archivedAt: null }, select: { id: true } }) : true,
    d.categoryId ? db.ticketCategory.findFirst({ where: { id: d.categoryId, archivedAt: null, inUse: true }, select: { id: true } }) : true,
    d.assigneeId ? db.user.findFirst({ where: { id: d.assigneeId, active: true }, select: { id: true } }) : true,
    d.stateId ? db.ticketState.findFirst({ where: { id: d.stateId, archivedAt: null }, select: { id: true } }) : true,
    d.priorityId ? db.ticketPriority.findFirst({ where: { id: d.priorityId, archivedAt: null }, select: { id: true } }) : true,
  ]);
  const missing = Object.entries({ areaId: area, categoryId: category, assigneeId: assignee, stateId: state, priorityId: priority }).find(([, row]) => !row);
  if (missing) throw fieldError(`${prefix}.${missing[0]}`, 'validation.unknownOption');
}

export async function updatePortalTicketSettings(caller: StaffCaller, input: z.output<typeof ZPortalTicketSettingsUpdate>) {
  const { db, tenant } = caller;
  await assertDefaults(caller, 'defaults', input.defaults);
  await assertDefaults(caller, 'receiptDefaults', input.receiptDefaults);
  await assertDefaults(caller, 'planDefaults', input.planDefaults);
  const settings = { ...tenant.settings, portalTickets: input };
  await db.tenant.update({ where: { id: tenant.id }, data: { settings } });
  forgetTenantCache();
  return input;
}
