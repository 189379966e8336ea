// A second tenant for the end-to-end tests, with the same admin e-mail as the demo tenant's:
// two accounts, one per tenant. And, in the demo tenant, a customer whose connection has no
// coordinates (the demo's all have them), for the ticket view's location tab; one whose connection's
// address is markup, for the map; and a ticket past its
// due date (a new one cannot be given a past date, so time is moved for this one). The demo tenant has
// SMS on, sent to the local Twilio stand-in the e2e server runs.
import { staffCallerFor } from '@/server/services/caller';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { customerSearchText } from '@/server/services/customers/search-text';
import { createTenant } from '@/server/services/tenants/tenants';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS } from '@/server/seed/demo';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { createTicket } from '@/server/services/tickets/tickets';

export const ACME = { slug: 'acme', name: 'Acme Telecomunicaciones', adminEmail: DEMO_USERS[0]!.email, password: 'acme-password-1' };
/** A tenant of its own for stored-xss.spec.ts, which plants markup in every field it has: no other spec sees it. */
export const XSS_LAB = { slug: 'xsslab', name: 'Laboratorio XSS', adminEmail: 'admin@xsslab.antena.test', password: 'Xss-Lab-Admin-2026!' };
export const OVERDUE_TITLE = 'Poda de árboles sobre el tendido';
export const NO_COORDINATES = { code: 'E2E-SINGEO', name: 'Rubén Sin Ubicación', address: 'Camino Rural km 12' };
/** C16: the demo technician's last position (newer than the demo seed's track), for their profile and the ticket view's distances. */
export const TECHNICIAN_POSITION = { latitude: -34.7003, longitude: -58.2519, accuracy: 9 };
/**
 * C16: a tenant of its own for the "Técnicos" map, whose technician's name carries markup (shown as
 * text, never run), with a position; and one technician who sent none.
 */
export const MAP_LAB = {
  slug: 'mapas',
  name: 'Mapas Lab',
  adminEmail: 'admin@mapas.antena.test',
  password: 'Cartografia-Lab-2026!',
  technician: { name: 'Técnica <img src=x onerror=__xss=1> Mapa', email: 'tecnica@mapas.antena.test', latitude: -31.4201, longitude: -64.1888 },
  silent: { name: 'Técnico Sin Señal', email: 'sinsenal@mapas.antena.test' },
};
/** A connection whose address is markup, on the demo's map (connections-map.spec.ts): its label must show as text. */
export const MAP_MARKUP = { code: 'E2E-MAPA', name: 'Cliente del Mapa', address: '<img src=x onerror=alert(1)>', latitude: -34.7105, longitude: -58.2665 };
/** The demo tenant sends SMS (to the local Twilio stand-in) from this number. */
export const DEMO_SMS_SENDER = '+15005550006';
/**
 * The message logs (D3–D5): e-mails of the demo tenant, one of them kept as not sent, to view and
 * resend. Their reasons are stored as codes and shown translated (`shown`: the Spanish screen's words).
 */
export const MESSAGE_LOG = {
  notSent: { recipient: 'marta.e2e@example.com', subject: 'Tu reclamo fue resuelto', reason: { code: 'noProvider' }, shown: 'No enviado: no hay un proveedor configurado.' },
  sent: { recipient: 'sent.e2e@example.com', subject: 'Visita técnica confirmada' },
  failed: {
    recipient: 'failed.e2e@example',
    subject: 'Aviso de corte programado',
    reason: { code: 'providerError', params: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' } },
    shown: 'Resend (error 422): validation_error: Invalid `to` field.',
  },
};

export async function seedE2e() {
  await createTenant({ slug: ACME.slug, name: ACME.name, country: 'CO', adminName: 'Admin Acme', adminEmail: ACME.adminEmail, adminPassword: ACME.password });
  await createTenant({ slug: XSS_LAB.slug, name: XSS_LAB.name, country: 'AR', adminName: 'Admin Laboratorio', adminEmail: XSS_LAB.adminEmail, adminPassword: XSS_LAB.password });
  const maps = await createTenant({ slug: MAP_LAB.slug, name: MAP_LAB.name, country: 'AR', adminName: 'Admin Mapas', adminEmail: MAP_LAB.adminEmail, adminPassword: MAP_LAB.password });
  const mapsDb = scopedDb(maps.tenant.id);
  const [mapTechnician] = await Promise.all(
    [MAP_LAB.technician, MAP_LAB.silent].map((u) => mapsDb.user.create({ data: { tenantId: maps.tenant.id, role: 'TECHNICIAN', name: u.name, email: u.email, passwordHash: 'not-a-password' } })),
  );
  await mapsDb.technicianPosition.create({
    data: { tenantId: maps.tenant.id, userId: mapTechnician!.id, latitude: MAP_LAB.technician.latitude, longitude: MAP_LAB.technician.longitude, recordedAt: new Date(Date.now() - 7 * 60_000) },
  });
  const demo = await db().tenant.findUniqueOrThrow({ where: { slug: DEMO_SLUG }, select: { id: true } });
  const scoped = scopedDb(demo.id);
  const settings = (await db().tenant.findUniqueOrThrow({ where: { id: demo.id }, select: { settings: true } })).settings as Record<string, unknown>;
  await db().tenant.update({ where: { id: demo.id }, data: { settings: { ...settings, sms: { enabled: true, from: DEMO_SMS_SENDER } } } });
  const customer = await scoped.customer.create({
    data: { tenantId: demo.id, code: NO_COORDINATES.code, name: NO_COORDINATES.name, emails: [], phones: [], searchText: customerSearchText({ name: NO_COORDINATES.name, code: NO_COORDINATES.code, taxId: null, emails: [] }) },
  });
  await scoped.connection.create({ data: { tenantId: demo.id, customerId: customer.id, address: NO_COORDINATES.address } });
  const technician = await scoped.user.findFirstOrThrow({ where: { email: DEMO_USERS[3]!.email }, select: { id: true } });
  await scoped.technicianPosition.create({ data: { tenantId: demo.id, userId: technician.id, ...TECHNICIAN_POSITION, recordedAt: new Date(Date.now() - 60_000) } });
  const mapCustomer = await scoped.customer.create({
    data: { tenantId: demo.id, code: MAP_MARKUP.code, name: MAP_MARKUP.name, emails: [], phones: [], searchText: customerSearchText({ name: MAP_MARKUP.name, code: MAP_MARKUP.code, taxId: null, emails: [] }) },
  });
  await scoped.connection.create({
    data: { tenantId: demo.id, customerId: mapCustomer.id, code: MAP_MARKUP.code, address: MAP_MARKUP.address, latitude: MAP_MARKUP.latitude, longitude: MAP_MARKUP.longitude, status: 'NO_SERVICE' },
  });
  const tenant = (await resolveTenantByHost(`${DEMO_SLUG}.localhost`))!;
  const admin = await scoped.user.findFirstOrThrow({ where: { email: DEMO_USERS[0]!.email }, select: { id: true, name: true, email: true } });
  const overdue = await createTicket(staffCallerFor(tenant, { kind: 'staff', role: 'ADMIN', companyId: null, ...admin }, 'es'), { title: OVERDUE_TITLE, description: 'Ramas sobre la fibra en la calle 9.', billable: false });
  await scoped.ticket.update({ where: { id: overdue.id }, data: { openedAt: new Date('2020-01-02T12:00:00Z'), dueAt: new Date('2020-01-31T23:59:00Z') } });
  const someone = await scoped.customer.findFirstOrThrow({ where: { code: { not: NO_COORDINATES.code } }, orderBy: { code: 'asc' }, select: { id: true } });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  const email = (m: { recipient: string; subject: string; reason?: { code: string; params?: Record<string, string | number> } }, status: 'SENT' | 'FAILED' | 'NOT_SENT', at: Date) => ({
    tenantId: demo.id,
    channel: 'EMAIL' as const,
    status,
    reason: 'ticket.stateChanged',
    recipient: m.recipient,
    customerId: someone.id,
    locale: 'es',
    subject: m.subject,
    text: `Hola. ${m.subject}.`,
    html: `<p>Hola.</p><p><strong>${m.subject}.</strong></p><script>document.title = 'pwned'</script>`,
    link: `http://demo.localhost/portal`,
    errorCode: m.reason?.code ?? null,
    ...(m.reason?.params ? { errorParams: m.reason.params } : {}),
    createdAt: at,
    sentAt: status === 'SENT' ? at : null,
  });
  await scoped.message.createMany({
    data: [
      email(MESSAGE_LOG.sent, 'SENT', hoursAgo(3)),
      email(MESSAGE_LOG.failed, 'FAILED', hoursAgo(2)),
      email(MESSAGE_LOG.notSent, 'NOT_SENT', hoursAgo(1)),
      { tenantId: demo.id, channel: 'SMS', status: 'SENT', kind: 'MANUAL', reason: 'manual', recipient: '+54 11 5555-0101', customerId: someone.id, locale: 'es', text: 'Corte programado el jueves de 9 a 12.', createdAt: hoursAgo(4), sentAt: hoursAgo(4) },
    ],
  });
  return { demoPassword: DEMO_PASSWORD };
}
