// A second tenant for the end-to-end tests, with the same admin e-mail as the demo tenant's:
// two accounts, one per tenant.
import { createTenant } from '@/server/services/tenants/tenants';
import { DEMO_PASSWORD, DEMO_USERS } from '@/server/seed/demo';

export const ACME = { slug: 'acme', name: 'Acme Telecomunicaciones', adminEmail: DEMO_USERS[0]!.email, password: 'acme-password-1' };

export async function seedE2e() {
  await createTenant({ slug: ACME.slug, name: ACME.name, country: 'CO', adminName: 'Admin Acme', adminEmail: ACME.adminEmail, adminPassword: ACME.password });
  return { demoPassword: DEMO_PASSWORD };
}
