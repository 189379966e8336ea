// Factories for integration tests: tenants, users of each role, customers, and tRPC callers that
// go through the same context and procedure ladder as HTTP requests do.
import { randomUUID } from 'node:crypto';
import { createCaller } from '@/server/api/root';
import { createContext, type SessionClaims } from '@/server/api/trpc';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { createTenant as createTenantService } from '@/server/services/tenants/tenants';
import { hashPassword } from '@/server/services/auth/passwords';
import { customerSearchText } from '@/server/services/customers/search-text';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import type { Role } from '@/lib/permissions';
import type { Locale } from '@/lib/format';

export const PASSWORD = 'correct-horse-9';
let passwordHash: Promise<string> | undefined;
/** One argon2 hash reused by every factory user: hashing is deliberately slow. */
export function testPasswordHash(): Promise<string> {
  return (passwordHash ??= hashPassword(PASSWORD));
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${randomUUID().slice(0, 6)}`;
}

export type TestTenant = TenantInfo & { host: string; adminId: string };

export async function createTenant(opts: { slug?: string; country?: 'AR' | 'CO' | 'IT'; name?: string } = {}): Promise<TestTenant> {
  const slug = opts.slug ?? unique('t');
  const { tenant, admin } = await createTenantService({
    slug,
    name: opts.name ?? `ISP ${slug}`,
    country: opts.country ?? 'AR',
    adminName: 'Admin Principal',
    adminEmail: `admin@${slug}.test`,
    adminPassword: PASSWORD,
  });
  return { ...tenant, host: `${slug}.localhost:3000`, adminId: admin.id };
}

export async function createUser(tenant: TestTenant, role: Role, overrides: { email?: string; active?: boolean; name?: string; companyId?: string | null } = {}) {
  return scopedDb(tenant.id).user.create({
    data: {
      tenantId: tenant.id,
      role,
      companyId: overrides.companyId ?? null,
      name: overrides.name ?? `${role} ${unique('')}`,
      email: overrides.email ?? `${unique(role.toLowerCase())}@${tenant.slug}.test`,
      active: overrides.active ?? true,
      passwordHash: await testPasswordHash(),
    },
  });
}

// Tax ids made here never repeat within a test process (a tenant's tax ids are unique, and 500 random
// ones in one tenant collided about once in 700 runs): consecutive numbers from a random start.
let nextTaxId = Math.floor(Math.random() * 80_000_000);

export async function createCustomer(tenant: TestTenant, overrides: Partial<{ code: string; name: string; taxId: string | null; emails: string[]; status: 'ACTIVE' | 'DELETED'; portalPassword: boolean }> = {}) {
  const code = overrides.code ?? unique('C');
  const name = overrides.name ?? 'Cliente de Prueba';
  const taxId = overrides.taxId === undefined ? String(10_000_000 + (nextTaxId++ % 89_999_999)) : overrides.taxId;
  const emails = overrides.emails ?? [`${code.toLowerCase()}@example.com`];
  return scopedDb(tenant.id).customer.create({
    data: {
      tenantId: tenant.id,
      code,
      name,
      taxIdType: taxId ? 'DNI' : null,
      taxId,
      emails,
      status: overrides.status ?? 'ACTIVE',
      portalPasswordHash: overrides.portalPassword ? await testPasswordHash() : null,
      searchText: customerSearchText({ name, code, taxId, emails }),
    },
  });
}

export async function createConnection(tenant: TestTenant, customerId: string, overrides: { address?: string } = {}) {
  return scopedDb(tenant.id).connection.create({
    data: { tenantId: tenant.id, customerId, address: overrides.address ?? 'Av. Siempre Viva 742', latitude: -34.6, longitude: -58.4 },
  });
}

export async function createCatalog(tenant: TestTenant) {
  const db = scopedDb(tenant.id);
  const [plan, node, locality] = await Promise.all([
    db.plan.create({ data: { tenantId: tenant.id, name: unique('Plan '), downloadMbps: 100, uploadMbps: 50, price: 15000 } }),
    db.node.create({ data: { tenantId: tenant.id, name: unique('Nodo ') } }),
    db.locality.create({ data: { tenantId: tenant.id, name: unique('Localidad ') } }),
  ]);
  return { plan, node, locality };
}

/**
 * The claims a test names: who, of which tenant. The session's version and id are filled in as a
 * sign-in would fill them (the person's current session version, a new session id) unless given.
 */
export type TestSession = Omit<SessionClaims, 'version' | 'sessionId'> & Partial<Pick<SessionClaims, 'version' | 'sessionId'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The full claims of a session signed in now (a person not found, or an id that is not one, gets version 0). */
export async function signedIn(session: TestSession): Promise<SessionClaims>;
export async function signedIn(session: TestSession | null): Promise<SessionClaims | null>;
export async function signedIn(session: TestSession | null): Promise<SessionClaims | null> {
  if (!session) return null;
  let version = session.version;
  if (version === undefined) {
    const where = { where: { id: session.userId }, select: { sessionVersion: true } };
    const row = !UUID.test(session.userId) ? null : session.kind === 'staff' ? await db().user.findUnique(where) : await db().customer.findUnique(where);
    version = row?.sessionVersion ?? 0;
  }
  return { ...session, version, sessionId: session.sessionId ?? randomUUID() };
}

/** A tRPC caller for a host, as a staff user, a customer, or nobody. */
export async function callerOn(host: string | null, session: TestSession | null, locale: Locale | null = 'es') {
  return createCaller(await createContext({ host, session: await signedIn(session), ip: null, locale }));
}

export function asStaff(tenant: TestTenant, userId: string, locale: Locale | null = 'es') {
  return callerOn(tenant.host, { kind: 'staff', userId, tenantId: tenant.id }, locale);
}

export function asCustomer(tenant: TestTenant, customerId: string) {
  return callerOn(tenant.host, { kind: 'customer', userId: customerId, tenantId: tenant.id });
}

/** Staff of every role in one tenant, with a caller for each. */
export type StaffOfEveryRole = Awaited<ReturnType<typeof staffOfEveryRole>>;

/** Tenants A and B, each with a signed-in caller of every staff role. */
export async function twoTenantsWithStaff(): Promise<{ a: TestTenant; b: TestTenant; A: StaffOfEveryRole; B: StaffOfEveryRole }> {
  const [a, b] = await Promise.all([createTenant(), createTenant()]);
  const [A, B] = await Promise.all([staffOfEveryRole(a), staffOfEveryRole(b)]);
  return { a, b, A, B };
}

/** G2: a partner company of the tenant. */
export async function createCompany(tenant: TestTenant, overrides: { name?: string; active?: boolean } = {}) {
  return scopedDb(tenant.id).company.create({ data: { tenantId: tenant.id, name: overrides.name ?? unique('Empresa '), active: overrides.active ?? true } });
}

export async function staffOfEveryRole(tenant: TestTenant) {
  const company = await createCompany(tenant);
  const [supervisor, operator, technician, partner] = await Promise.all([
    createUser(tenant, 'SUPERVISOR'),
    createUser(tenant, 'OPERATOR'),
    createUser(tenant, 'TECHNICIAN'),
    createUser(tenant, 'PARTNER_MANAGER', { companyId: company.id }),
  ]);
  return {
    companyId: company.id,
    ids: { ADMIN: tenant.adminId, SUPERVISOR: supervisor.id, OPERATOR: operator.id, TECHNICIAN: technician.id, PARTNER_MANAGER: partner.id } as Record<Role, string>,
    ADMIN: await asStaff(tenant, tenant.adminId),
    SUPERVISOR: await asStaff(tenant, supervisor.id),
    OPERATOR: await asStaff(tenant, operator.id),
    TECHNICIAN: await asStaff(tenant, technician.id),
    PARTNER_MANAGER: await asStaff(tenant, partner.id),
  };
}

/** Expects a tRPC call to fail with this code; returns the error for further checks. */
export async function rejects(promise: Promise<unknown>, code: string) {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${(error as Error).message}`);
    return error as Error & { code: string };
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
export { until } from './until';

/** Sets some of a tenant's switches (Tenant.settings sections), keeping the others as stored now. */
export async function patchTenantSettings(tenantId: string, patch: Record<string, unknown>) {
  const { settings } = await db().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
  await db().tenant.update({ where: { id: tenantId }, data: { settings: { ...((settings ?? {}) as object), ...patch } as object } });
  const { forgetTenantCache } = await import('@/server/services/tenants/resolve');
  forgetTenantCache();
}
