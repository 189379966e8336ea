// The demo tenant `demo` that `npm start` creates once: one user per role, plans, nodes,
// localities, 40 customers with connections around Buenos Aires and a month of tickets
// (./demo-tickets.ts), 360 more customers that make its map's network, and the technician's morning
// on the road (C16: the office's map shows where they are). Seeding twice adds nothing — except that
// positions are kept 30 days: when the technician has none left, the next seed lays a fresh morning again.
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { createTenant } from '@/server/services/tenants/tenants';
import { backfillTicketConfig } from '@/server/services/tickets/defaults';
import { hashPassword } from '@/server/services/auth/passwords';
import { customerSearchText } from '@/server/services/customers/search-text';
import { seedDemoBilling } from './demo-billing';
import { seedDemoPromises } from './demo-promises';
import type { Role } from '@/lib/permissions';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'antena-demo';
export const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: 'ADMIN', email: 'admin@demo.antena.test', name: 'Ana Administradora' },
  { role: 'SUPERVISOR', email: 'supervisor@demo.antena.test', name: 'Sergio Supervisor' },
  { role: 'OPERATOR', email: 'operador@demo.antena.test', name: 'Olga Operadora' },
  { role: 'TECHNICIAN', email: 'tecnico@demo.antena.test', name: 'Tomás Técnico' },
];
/** The demo customer signs in at /portal with this tax id (the tenant's login field) and DEMO_PASSWORD. */
export const DEMO_CUSTOMER = { code: '1001', name: 'María Fernández', taxIdType: 'DNI' as const, taxId: '30123456' };

const FIRST = ['Juan', 'María', 'Carlos', 'Lucía', 'Jorge', 'Sofía', 'Martín', 'Valentina', 'Diego', 'Camila', 'Pablo', 'Julieta', 'Nicolás', 'Florencia', 'Andrés'];
const LAST = ['González', 'Rodríguez', 'Gómez', 'Fernández', 'López', 'Díaz', 'Martínez', 'Pérez', 'Romero', 'Sánchez', 'Álvarez', 'Benítez', 'Núñez', 'Acuña'];
const STREETS = ['Av. San Martín', 'Belgrano', 'Rivadavia', 'Mitre', 'Sarmiento', 'Moreno', 'Av. Libertador', 'Alsina'];

/**
 * The rest of the demo ISP's network, for the map (E7): 360 more customers with one connection each
 * around the middle of its four localities (about a kilometre from each), most enabled, some blocked,
 * a few with no service — enough that a zoomed-out map shows clusters. Their names are not the first
 * forty's, so searches for those still find them alone.
 */
export const DEMO_NETWORK = { customers: 360, firstCode: 1041 };
const NETWORK_FIRST = ['Ramiro', 'Graciela', 'Osvaldo', 'Noelia', 'Gustavo', 'Silvina', 'Walter', 'Mariela', 'Hugo', 'Daniela', 'Sergio', 'Paula'];
const NETWORK_LAST = ['Cabrera', 'Villalba', 'Ledesma', 'Ojeda', 'Quiroga', 'Correa', 'Paz', 'Molina', 'Carrizo', 'Godoy', 'Ferreyra', 'Vera', 'Luna'];
const NETWORK_STREETS = ['Lavalle', 'Brown', 'Pellegrini', 'Alberdi', 'Yrigoyen', 'Dorrego', 'Lamadrid', 'Humberto Primo', 'Garibaldi', 'Cramer'];
/** The middle of Quilmes, Bernal, Avellaneda and Lanús, in the order the localities are created. */
const LOCALITY_CENTERS: [number, number][] = [
  [-34.7203, -58.2546],
  [-34.7088, -58.2803],
  [-34.6626, -58.3657],
  [-34.7015, -58.3958],
];

type Tx = Parameters<Parameters<ReturnType<typeof scopedDb>['$transaction']>[0]>[0];

async function seedNetwork(tx: Tx, tenantId: string, refs: { localities: { id: string }[]; plans: { id: string }[]; nodes: { id: string }[] }) {
  let seed = 20261205;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  // A normal spread (Box–Muller) of about 1 km around each locality's middle.
  const near = (lat: number, lng: number): [number, number] => {
    const r = Math.sqrt(-2 * Math.log(1 - random())) * 0.008;
    const angle = 2 * Math.PI * random();
    return [Number((lat + r * Math.sin(angle)).toFixed(6)), Number((lng + r * Math.cos(angle)).toFixed(6))];
  };
  const customers = Array.from({ length: DEMO_NETWORK.customers }, (_, k) => {
    const code = String(DEMO_NETWORK.firstCode + k);
    const name = `${NETWORK_FIRST[k % NETWORK_FIRST.length]} ${NETWORK_LAST[(k * 5 + 2) % NETWORK_LAST.length]}`;
    const taxId = String(27_000_000 + k * 7_919);
    const emails = [`cliente${code}@example.com`];
    return { id: crypto.randomUUID(), tenantId, code, name, taxIdType: 'DNI' as const, taxId, emails, phones: [`+54 11 4253-${code.padStart(4, '0')}`], searchText: customerSearchText({ name, code, taxId, emails }) };
  });
  const place = customers.map((c, k) => {
    const at = k % LOCALITY_CENTERS.length;
    const [lat, lng] = near(...LOCALITY_CENTERS[at]!);
    const address = `${NETWORK_STREETS[k % NETWORK_STREETS.length]} ${200 + ((k * 53) % 2800)}`;
    const roll = random();
    return {
      customer: { ...c, address, localityId: refs.localities[at]!.id },
      connection: {
        tenantId,
        customerId: c.id,
        code: `C-${c.code}`,
        planId: refs.plans[k % refs.plans.length]!.id,
        nodeId: refs.nodes[k % refs.nodes.length]!.id,
        type: k % 7 === 3 ? ('WIRELESS' as const) : ('FIBER' as const),
        address,
        localityId: refs.localities[at]!.id,
        latitude: lat,
        longitude: lng,
        status: roll < 0.09 ? ('BLOCKED' as const) : roll < 0.14 ? ('NO_SERVICE' as const) : ('ENABLED' as const),
      },
    };
  });
  await tx.customer.createMany({ data: place.map((p) => p.customer) });
  await tx.connection.createMany({ data: place.map((p) => p.connection) });
}

export async function seedDemo(): Promise<{ created: boolean }> {
  await backfillTicketConfig(db());
  const existing = await db().tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (existing) {
    await seedDemoPositions(existing.id);
    const tenant = await db().tenant.findUniqueOrThrow({ where: { id: existing.id }, select: { timeZone: true } });
    await seedDemoBilling(existing.id, tenant.timeZone);
    await seedDemoPromises(existing.id);
    return { created: false };
  }
  const admin = DEMO_USERS[0]!;
  const { tenant } = await createTenant({
    slug: DEMO_SLUG,
    name: 'Fibra Sur (demo)',
    country: 'AR',
    adminName: admin.name,
    adminEmail: admin.email,
    adminPassword: DEMO_PASSWORD,
  });
  const scoped = scopedDb(tenant.id);
  const tenantId = tenant.id;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await scoped.$transaction(async (tx) => {
    await tx.user.createMany({ data: DEMO_USERS.slice(1).map((u) => ({ ...u, tenantId, passwordHash })) });
    const localities = await Promise.all(
      ['Quilmes', 'Bernal', 'Avellaneda', 'Lanús'].map((name) => tx.locality.create({ data: { tenantId, name, province: 'Buenos Aires' } })),
    );
    const plans = await Promise.all(
      [
        { name: 'Fibra 100', downloadMbps: 100, uploadMbps: 50, price: 18500, offeredInPortal: true },
        { name: 'Fibra 300', downloadMbps: 300, uploadMbps: 150, price: 24900, offeredInPortal: true },
        { name: 'Inalámbrico 20', downloadMbps: 20, uploadMbps: 5, price: 12000, offeredInPortal: false },
      ].map((p) => tx.plan.create({ data: { tenantId, ...p } })),
    );
    const nodes = await Promise.all(
      [
        { name: 'Nodo Quilmes Centro', latitude: -34.7206, longitude: -58.2546 },
        { name: 'Nodo Bernal', latitude: -34.7081, longitude: -58.2806 },
      ].map((n) => tx.node.create({ data: { tenantId, ...n } })),
    );
    const customers = [
      { ...DEMO_CUSTOMER, emails: ['maria.fernandez@example.com'], phones: ['+54 11 4253-1001'] },
      ...Array.from({ length: 39 }, (_, i) => ({
        code: String(1002 + i),
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        taxIdType: 'DNI' as const,
        taxId: String(20_000_000 + i * 137_911),
        emails: [`cliente${1002 + i}@example.com`],
        phones: [`+54 11 4253-${String(1002 + i).padStart(4, '0')}`],
      })),
    ];
    for (const [i, c] of customers.entries()) {
      const locality = localities[i % localities.length]!;
      const address = `${STREETS[i % STREETS.length]} ${100 + i * 37}`;
      const customer = await tx.customer.create({
        data: {
          tenantId,
          ...c,
          address,
          localityId: locality.id,
          portalPasswordHash: i === 0 ? passwordHash : null,
          searchText: customerSearchText(c),
        },
      });
      await tx.connection.create({
        data: {
          tenantId,
          customerId: customer.id,
          code: `C-${c.code}`,
          planId: plans[i % plans.length]!.id,
          nodeId: nodes[i % nodes.length]!.id,
          type: i % plans.length === 2 ? 'WIRELESS' : 'FIBER',
          address,
          localityId: locality.id,
          latitude: -34.72 + (i % 10) * 0.003,
          longitude: -58.27 + Math.floor(i / 10) * 0.004,
          status: i % 13 === 5 ? 'BLOCKED' : i % 17 === 7 ? 'NO_SERVICE' : 'ENABLED',
        },
      });
    }
    await seedNetwork(tx, tenantId, { localities, plans, nodes });
  }, { timeout: 60_000 });
  // Loaded here, not at the top: the e2e specs import this module's constants, and the ticket
  // services behind the demo tickets bring the i18n layer's JSON, which their loader cannot import.
  const { seedDemoTickets } = await import('./demo-tickets');
  await seedDemoTickets(tenant);
  await (await import('./demo-companies')).seedDemoCompanies(tenant, DEMO_PASSWORD);
  await seedDemoPositions(tenant.id);
  await seedDemoBilling(tenant.id, tenant.timeZone);
  await (await import('./demo-portal-tickets')).seedDemoPortalTickets(tenant.id);
  await seedDemoPromises(tenant.id);
  return { created: true };
}

/**
 * C16: the demo technician's last two hours, Bernal to Quilmes Centro, a point every 15 minutes or so
 * and the last one 4 minutes before now — unless they have a position of the last 30 days already;
 * and their base.
 */
export async function seedDemoPositions(tenantId: string, now = new Date()): Promise<number> {
  const scoped = scopedDb(tenantId);
  const technician = await scoped.user.findFirst({ where: { email: DEMO_USERS[3]!.email, role: 'TECHNICIAN' }, select: { id: true, baseAddress: true } });
  if (!technician) return 0;
  // G6: the depot their day starts from (the distance when assigning, once these positions are old).
  if (!technician.baseAddress) await scoped.user.update({ where: { id: technician.id }, data: { baseAddress: 'Depósito Bernal — Av. San Martín 500', baseLatitude: -34.7075, baseLongitude: -58.2812 } });
  const since = new Date(now.getTime() - 30 * 86_400_000);
  if (await scoped.technicianPosition.findFirst({ where: { userId: technician.id, recordedAt: { gte: since } }, select: { id: true } })) return 0;
  // Bernal (its node) → Av. San Martín → Quilmes Centro, minutes before now.
  const track: [number, number, number, number][] = [
    [-34.7081, -58.2806, 12, 124],
    [-34.7102, -58.2771, 9, 109],
    [-34.7131, -58.2722, 15, 91],
    [-34.7158, -58.2683, 8, 74],
    [-34.7172, -58.2641, 11, 52],
    [-34.7189, -58.2598, 6, 33],
    [-34.7197, -58.2571, 10, 17],
    [-34.7206, -58.2546, 7, 4],
  ];
  const { count } = await scoped.technicianPosition.createMany({
    data: track.map(([latitude, longitude, accuracy, minutesAgo]) => ({ tenantId, userId: technician.id, latitude, longitude, accuracy, recordedAt: new Date(now.getTime() - minutesAgo * 60_000) })),
  });
  return count;
}
