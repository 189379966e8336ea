// D1/D2/E8/C10: the tenant's rules for who is told what, and the technicians' push settings.
import { z } from 'zod';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache } from './resolve';
import { ZTenantSettings } from './settings';

const { notifications, techApp } = ZTenantSettings.shape;

export const ZNotificationSettings = ZTenantSettings.pick({ notifications: true, techApp: true }).extend({
  notifications: notifications.unwrap().strict(),
  techApp: techApp
    .unwrap()
    .strict()
    .refine((v) => !v.workingHours || v.workingHours.start !== v.workingHours.end, { message: 'validation.workingHours', path: ['workingHours', 'end'] }),
}).strict();

/** What the settings page reads and a save answers. */
export const ZNotificationSettingsView = z.object({ notifications: notifications.unwrap(), techApp: techApp.unwrap() });

export function getNotificationSettings({ tenant }: StaffCaller) {
  return { notifications: tenant.settings.notifications, techApp: tenant.settings.techApp };
}

export async function updateNotificationSettings({ db, tenant }: StaffCaller, input: z.output<typeof ZNotificationSettings>) {
  await db.tenant.update({ where: { id: tenant.id }, data: { settings: { ...tenant.settings, ...input } } });
  forgetTenantCache();
  return input;
}
