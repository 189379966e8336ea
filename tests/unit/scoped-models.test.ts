// The tenant-scoped client scopes every model that has a tenantId — derived from the generated
// client, so a new model cannot be forgotten.
import { describe, expect, it } from 'vitest';
import { TENANT_OWNED } from '@/server/data/scoped';

describe('tenant-owned models', () => {
  it('are exactly the models with a tenantId column', () => {
    expect([...TENANT_OWNED].sort()).toEqual(
      ['Connection', 'ConnectionMapCell', 'Customer', 'CustomerFile', 'Invoice', 'Locality', 'Message', 'Node', 'OutboxEvent', 'Payment', 'PaymentAllocation', 'Plan', 'PortalAccessToken', 'PushSubscription', 'RevokedSession', 'SavedFilter', 'SignInToken', 'SyncReceipt', 'TechnicianPosition', 'TenantDomain', 'Ticket', 'TicketArea', 'TicketCategory', 'TicketComment', 'TicketCounter', 'TicketEvent',
      'TicketFile', 'TicketPriority', 'TicketRead', 'TicketState', 'User', 'UserSetting', 'ConnectionEvent', 'PaymentPromise', 'TicketRating', 'Export', 'TicketStat', 'TicketRatingStat', 'Product', 'TicketProduct', 'CustomerSite', 'CustomerEquipment', 'Company', 'TicketSignature'].sort(),
    );
    expect(TENANT_OWNED.has('Tenant')).toBe(false);
    expect(TENANT_OWNED.has('LoginThrottle')).toBe(false);
  });
});
