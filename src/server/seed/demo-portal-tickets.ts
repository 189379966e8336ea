// The demo tenant's portal tickets (F5–F7): customers may open tickets (at most 3 a day), upload a
// payment receipt (a "Facturación" ticket for administration) and ask for a plan ("Cambio de plan", sales).
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { readSettings } from '@/server/services/tenants/settings';

export async function seedDemoPortalTickets(tenantId: string): Promise<void> {
  const scoped = scopedDb(tenantId);
  const categories = await scoped.ticketCategory.findMany({ where: { name: { in: ['Facturación', 'Cambio de plan'] } }, select: { id: true, name: true } });
  const id = (name: string) => categories.find((c) => c.name === name)?.id ?? null;
  const tenant = await db().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
  const settings = readSettings(tenant.settings);
  const none = { areaId: null, assigneeId: null, stateId: null, priorityId: null };
  const portalTickets = {
    ...settings.portalTickets,
    dailyLimit: true,
    dailyMax: 3,
    receipt: true,
    receiptDefaults: { ...none, categoryId: id('Facturación') },
    plans: true,
    planDefaults: { ...none, categoryId: id('Cambio de plan') },
  };
  await db().tenant.update({ where: { id: tenantId }, data: { settings: { ...settings, portalTickets } } });
}
