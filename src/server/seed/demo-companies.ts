// G2: the demo ISP's partner companies — two installers, the first with a manager and a technician
// who sign in on the demo's subdomain (README's demo logins), and three open tickets handed over:
// one the company took over and assigned to its technician, one awaiting the company, one with the
// other company. Done through the services, so the history reads as if people did it.
import { staffCallerFor, type StaffActor } from '@/server/services/caller';
import { handOverTicket, takeOverTicket } from '@/server/services/tickets/hand-over';
import { updateTicket } from '@/server/services/tickets/lifecycle';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { hashPassword } from '@/server/services/auth/passwords';

/** The partner company's people (password: the demo's). */
export const DEMO_PARTNER_USERS = [
  { role: 'PARTNER_MANAGER' as const, email: 'empresa@demo.antena.test', name: 'Paula Pereyra' },
  { role: 'TECHNICIAN' as const, email: 'tecnico.empresa@demo.antena.test', name: 'Ramiro Ríos' },
];
export const DEMO_COMPANIES = [
  { name: 'Conectar Instalaciones SRL', taxId: '30712345671', contactName: 'Paula Pereyra', email: 'oficina@conectar.test', phone: '+54 11 4252-1100', zone: 'Quilmes y Bernal' },
  { name: 'TecnoRed Sur', taxId: '30709876542', contactName: 'Hernán Castro', email: 'contacto@tecnored.test', phone: '+54 11 4201-2200', zone: 'Avellaneda y Lanús' },
];

export async function seedDemoCompanies(tenant: TenantInfo, password: string): Promise<void> {
  const scoped = scopedDb(tenant.id);
  const [conectar, tecnored] = await Promise.all(DEMO_COMPANIES.map((c) => scoped.company.create({ data: { tenantId: tenant.id, ...c } })));
  const passwordHash = await hashPassword(password);
  const [manager, technician] = await Promise.all(
    DEMO_PARTNER_USERS.map((u) => scoped.user.create({ data: { tenantId: tenant.id, ...u, companyId: conectar!.id, passwordHash } })),
  );
  const operatorRow = await scoped.user.findFirstOrThrow({ where: { role: 'OPERATOR', companyId: null }, select: { id: true, name: true, email: true } });
  const actor = (u: { id: string; name: string; email: string }, role: StaffActor['role'], companyId: string | null): StaffActor => ({ kind: 'staff', id: u.id, role, name: u.name, email: u.email, companyId });
  const operator = staffCallerFor(tenant, actor(operatorRow, 'OPERATOR', null), 'es');
  const partner = staffCallerFor(tenant, actor(manager!, 'PARTNER_MANAGER', conectar!.id), 'es');
  // Open tickets nobody works on yet, newest first.
  const open = await scoped.ticket.findMany({ where: { stage: 'PENDING', assigneeId: null, companyId: null }, orderBy: { number: 'desc' }, take: 3, select: { id: true, version: true } });
  const [taken, awaiting, other] = open;
  if (taken) {
    const handed = await handOverTicket(operator, { id: taken.id, version: taken.version, companyId: conectar!.id });
    const accepted = await takeOverTicket(partner, handed);
    await updateTicket(partner, { id: taken.id, version: accepted.version, assigneeId: technician!.id });
  }
  if (awaiting) await handOverTicket(operator, { id: awaiting.id, version: awaiting.version, companyId: conectar!.id });
  if (other) await handOverTicket(operator, { id: other.id, version: other.version, companyId: tecnored!.id });
  // The demo's past is not news: nothing of it is sent.
  await db().outboxEvent.updateMany({ where: { tenantId: tenant.id, processedAt: null }, data: { processedAt: new Date() } });
}
