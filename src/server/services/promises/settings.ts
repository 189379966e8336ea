// Settings → "App y portal", the payment promise's card (F3): on/off, the most days a promise may
// last, and the days before a customer may ask again (the seed's d, d1, d2).
import { z } from 'zod';
import type { StaffCaller } from '@/server/services/caller';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { PROMISE_MAX_COOL_DOWN, PROMISE_MAX_DAYS } from '@/server/services/tenants/settings';

export const ZPromiseSettings = z
  .object({
    enabled: z.boolean(),
    maxDays: z.number().int().min(1).max(PROMISE_MAX_DAYS),
    coolDownDays: z.number().int().min(0).max(PROMISE_MAX_COOL_DOWN),
  })
  .strict();

export const ZPromiseSettingsView = z.object({ enabled: z.boolean(), maxDays: z.number().int(), coolDownDays: z.number().int() });

export function getPromiseSettings({ tenant }: StaffCaller): z.output<typeof ZPromiseSettingsView> {
  const { enabled, maxDays, coolDownDays } = tenant.settings.promise;
  return { enabled, maxDays, coolDownDays };
}

export async function updatePromiseSettings(caller: StaffCaller, input: z.output<typeof ZPromiseSettings>): Promise<z.output<typeof ZPromiseSettingsView>> {
  const { db, tenant } = caller;
  // Read again, not from the cached tenant: another card saved a moment ago keeps its values.
  const current = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { settings: true } });
  const stored = (current.settings ?? {}) as Record<string, unknown>;
  const settings = { ...stored, promise: { ...input } };
  await db.tenant.update({ where: { id: tenant.id }, data: { settings } });
  forgetTenantCache();
  return { ...input };
}
