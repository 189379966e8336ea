// What a staff page hands to PermissionsProvider: the role's permissions (the same map the server
// enforces) and the tenant's formatting settings. Server-side, for the back office and the technician app.
import { permissionsOf, type Role } from '@/lib/permissions';
import type { TenantInfo } from '@/server/services/tenants/resolve';

export function staffContextValue(tenant: TenantInfo, role: Role, companyId: string | null = null) {
  return {
    permissions: permissionsOf(role, companyId),
    tenant: { name: tenant.name, country: tenant.country, locale: tenant.locale, timeZone: tenant.timeZone, currency: tenant.currency },
  };
}
