// F5–F7: every ticket switch of the portal on (receipts and plan requests are off by default), so the
// sweeps reach the services' data paths rather than stopping at a switch.
import { asStaff, type TestTenant } from './index';

const NONE = { areaId: null, categoryId: null, assigneeId: null, stateId: null, priorityId: null };

export async function allPortalTicketSwitchesOn(tenant: TestTenant) {
  const admin = await asStaff(tenant, tenant.adminId);
  await admin.portalTicketSettings.update({ view: true, create: true, onlyOpen: false, dailyLimit: false, dailyMax: 3, allowClose: true, defaults: NONE, receipt: true, receiptDefaults: NONE, plans: true, planDefaults: NONE });
}
