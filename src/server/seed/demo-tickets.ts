// The demo tenant's tickets: a month of a small ISP's help desk — pending, in progress, finished and
// closed, urgent and routine, several assigned to the demo technician (so /tech has work), two of
// them the demo customer's (so /portal has a history), with public comments and internal notes, and
// the technician's visits of today and the next days (the app's home and route).
// Written through the same services as a person would (numbers, counts, history), then moved back
// in time; their outbox events are marked done, so the demo's past sends no e-mails or pushes.
import { customerCallerFor, staffCallerFor, type StaffActor } from '@/server/services/caller';
import { proposeMine, proposeVisit } from '@/server/services/tickets/scheduling';
import { addComment } from '@/server/services/tickets/comments';
import { updateTicket } from '@/server/services/tickets/lifecycle';
import { createTicket } from '@/server/services/tickets/tickets';
import { createProduct, recordCollection, setLine } from '@/server/services/products/products';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { dayIn } from '@/lib/format';

type Stage = 'Abierto' | 'En curso' | 'Esperando al cliente' | 'Resuelto' | 'Cerrado';
type Note = { by: 'operator' | 'technician'; public: boolean; body: string };
type DemoTicket = {
  /** Index in the demo's customers, by code order (0 is the demo customer). */
  customer: number;
  category: string;
  priority: string;
  title: string;
  description: string;
  /** Assigned to the demo technician. */
  technician: boolean;
  state: Stage;
  daysAgo: number;
  /** Due this many days after it was opened (negative days ago make it overdue). */
  dueDays?: number;
  notes?: Note[];
  /** E2: a visit this many days from the seeding day (0: today), in the tenant's time zone. */
  visit?: { inDays: number; from: string; to: string };
  /** G8: products sold (or to sell) on the visit: [code, quantity, delivered]. */
  products?: [string, number, boolean][];
  /** G9: the intervention's cost, shown to the technician to collect, and what they collected. */
  cost?: number;
  collected?: { amount: string; method: 'CASH' | 'CARD' | 'TRANSFER' | 'OTHER' };
  /** G5: a visit proposed and waiting for the other side's answer, this many days from the seeding day. */
  proposal?: { by: 'OFFICE' | 'CUSTOMER'; inDays: number; from: string; to: string; note: string };
  /** G7: the customer's equipment the ticket is about, and whether the work is at their second site. */
  equipment?: 'ROUTER' | 'ONT' | 'ANTENNA';
  atSite?: boolean;
};

/** G8: the demo ISP's catalogue (prices before tax, in ARS; IVA 21 %, or 10,5 % for some equipment). */
const DEMO_PRODUCTS = [
  { code: 'RT-AX1800', name: 'Router Wi-Fi 6 doble banda', price: '89900', taxRate: '21' },
  { code: 'ONT-GPON', name: 'ONT GPON', price: '54000', taxRate: '10,5' },
  { code: 'REP-AC1200', name: 'Repetidor Wi-Fi AC1200', price: '32500', taxRate: '21' },
  { code: 'UTP-C6-M', name: 'Cable UTP Cat 6 (metro)', price: '950', taxRate: '21' },
  { code: 'FTE-12V2A', name: 'Fuente 12 V 2 A', price: '8900', taxRate: '21' },
  { code: 'RJ45-X10', name: 'Conectores RJ45 (10 u.)', price: '3200', taxRate: '21' },
  { code: 'CPE-5G', name: 'Antena CPE 5 GHz', price: '145000', taxRate: '10,5' },
  { code: 'PATCH-SC', name: 'Patchcord SC/APC 3 m', price: '4100', taxRate: '21' },
];

const DEMO_TICKETS: DemoTicket[] = [
  {
    customer: 0, category: 'Lentitud', priority: 'Normal', title: 'Internet lento a la noche', state: 'En curso', technician: true, daysAgo: 2, dueDays: 4, equipment: 'ROUTER', visit: { inDays: 1, from: '09:00', to: '13:00' },
    description: 'Desde las 20 h la conexión baja a menos de 5 Mbps. De día anda bien.',
    notes: [
      { by: 'operator', public: true, body: 'Gracias por avisar. Mañana entre las 9 y las 13 pasa el técnico a revisar el módem.' },
      { by: 'technician', public: false, body: 'En el nodo Bernal hay saturación a la noche; revisar también el canal del Wi-Fi.' },
    ],
  },
  { customer: 0, category: 'Instalación', priority: 'Normal', title: 'Instalación Fibra 100', state: 'Cerrado', technician: true, daysAgo: 41, description: 'Instalación nueva en el domicilio. ONT y router provistos por la empresa.', notes: [{ by: 'technician', public: true, body: 'Instalación terminada: 98 Mbps de bajada medidos en el router.' }] },
  { customer: 3, category: 'Sin conexión', priority: 'Urgente', title: 'Sin servicio desde la tormenta', state: 'En curso', technician: true, daysAgo: 1, dueDays: 1, equipment: 'ONT', products: [['PATCH-SC', 1, true], ['ONT-GPON', 1, false]], visit: { inDays: 0, from: '14:00', to: '16:00' }, description: 'Después de la tormenta de anoche el módem no sincroniza. Luz LOS en rojo.', notes: [{ by: 'operator', public: false, body: 'Otros dos clientes de la misma caja reportaron lo mismo.' }] },
  { customer: 5, category: 'Sin conexión', priority: 'Alta', title: 'Módem con luz roja', equipment: 'ONT', state: 'Abierto', technician: true, daysAgo: 0, dueDays: 1, visit: { inDays: 0, from: '16:30', to: '18:00' }, description: 'La luz de Internet del módem está roja y no navega ningún equipo.' },
  { customer: 8, category: 'Instalación', priority: 'Normal', title: 'Mudanza a Belgrano 450', state: 'Abierto', technician: true, daysAgo: 3, dueDays: 6, visit: { inDays: 3, from: '10:00', to: '12:00' }, description: 'El cliente se muda el sábado y quiere el servicio en el nuevo domicilio la semana próxima.' },
  { customer: 11, category: 'Facturación', priority: 'Normal', title: 'Cobro duplicado en noviembre', state: 'Abierto', technician: false, daysAgo: 4, description: 'Se debitó dos veces la factura de noviembre de la tarjeta.', notes: [{ by: 'operator', public: true, body: 'Lo estamos revisando con el área de cobranzas; le avisamos en 48 h.' }] },
  { customer: 14, category: 'Cambio de plan', priority: 'Baja', title: 'Quiere pasar a Fibra 300', state: 'Esperando al cliente', technician: false, daysAgo: 6, description: 'Consulta por el precio de Fibra 300 y si necesita cambiar el router.', notes: [{ by: 'operator', public: true, body: 'Le enviamos la propuesta por correo; esperamos su confirmación.' }] },
  { customer: 17, category: 'Sin conexión', priority: 'Urgente', title: 'Corte en toda la cuadra', state: 'Resuelto', technician: true, daysAgo: 2, description: 'Varios vecinos de Mitre al 800 sin servicio desde las 7 de la mañana.', notes: [{ by: 'technician', public: true, body: 'Se reemplazó el conector dañado en la caja de la esquina. Servicio restablecido.' }] },
  { customer: 20, category: 'Lentitud', priority: 'Normal', title: 'El Wi-Fi no llega al fondo', state: 'Resuelto', technician: true, daysAgo: 9, equipment: 'ROUTER', products: [['REP-AC1200', 1, true], ['UTP-C6-M', 15, true]], cost: 12000, collected: { amount: '12000', method: 'CASH' }, description: 'En el quincho del fondo no hay señal de Wi-Fi.', notes: [{ by: 'technician', public: true, body: 'Se instaló un repetidor en el pasillo; -58 dBm en el quincho.' }] },
  { customer: 22, category: 'Facturación', priority: 'Baja', title: 'No recibió la factura de octubre', state: 'Cerrado', technician: false, daysAgo: 24, description: 'La factura de octubre no llegó al correo.', notes: [{ by: 'operator', public: true, body: 'Reenviada al correo del cliente y actualizada su dirección.' }] },
  { customer: 25, category: 'Sin conexión', priority: 'Alta', title: 'Router no enciende', state: 'Cerrado', technician: true, daysAgo: 17, equipment: 'ROUTER', products: [['RT-AX1800', 1, true]], cost: 8000, collected: { amount: '8000', method: 'TRANSFER' }, description: 'El router no prende ninguna luz, ni con otra zapatilla.', notes: [{ by: 'technician', public: true, body: 'Fuente del router quemada; se cambió el equipo completo.' }] },
  { customer: 27, category: 'Consulta general', priority: 'Baja', title: 'Consulta por IP fija', state: 'Abierto', technician: false, daysAgo: 1, description: 'Necesita una IP fija para las cámaras del negocio. ¿Tiene costo adicional?' },
  { customer: 29, category: 'Instalación', priority: 'Normal', title: 'Cambio de equipo por uno con 5 GHz', equipment: 'ROUTER', state: 'Abierto', technician: true, daysAgo: 12, dueDays: 5, products: [['RT-AX1800', 1, false]], cost: 15000, proposal: { by: 'OFFICE', inDays: 2, from: '14:00', to: '16:00', note: 'Le proponemos el cambio de router a la tarde; confírmenos por favor.' }, description: 'Pide un router de doble banda para la smart TV.' },
  { customer: 31, category: 'Lentitud', priority: 'Alta', title: 'Intermitencia en horario pico', equipment: 'ROUTER', atSite: true, state: 'Abierto', technician: true, daysAgo: 5, dueDays: 7, visit: { inDays: 2, from: '19:00', to: '21:00' }, description: 'Se corta varias veces entre las 19 y las 23; los cortes duran pocos segundos.' },
  { customer: 33, category: 'Sin conexión', priority: 'Urgente', title: 'Cable cortado por obra municipal', state: 'Cerrado', technician: true, daysAgo: 30, description: 'Una máquina de la obra de la avenida cortó el cable de bajada.', notes: [{ by: 'operator', public: false, body: 'Reclamar a la municipalidad el costo del cable (acta de la obra en trámite).' }, { by: 'technician', public: true, body: 'Se tendió un cable nuevo desde el poste. Servicio normal.' }] },
  { customer: 35, category: 'Consulta general', priority: 'Normal', title: 'Solicita la baja del servicio', state: 'Esperando al cliente', technician: false, daysAgo: 8, description: 'Se muda fuera de la zona de cobertura a fin de mes.', notes: [{ by: 'operator', public: false, body: 'Ofrecerle mantener el servicio en la casa de la hija (misma cuadra).' }] },
  { customer: 37, category: 'Facturación', priority: 'Normal', title: 'Pago informado por transferencia', state: 'Resuelto', technician: false, daysAgo: 3, description: 'Envió el comprobante de la transferencia del día 2.' },
  { customer: 12, category: 'Sin conexión', priority: 'Alta', title: 'Antena desalineada por el viento', state: 'Abierto', technician: true, daysAgo: 0, equipment: 'ANTENNA', products: [['CPE-5G', 1, false], ['UTP-C6-M', 20, false]], cost: 20000, visit: { inDays: 0, from: '18:00', to: '19:30' }, description: 'El enlace inalámbrico cae desde el temporal; la señal está en -80 dBm.' },
  { customer: 16, category: 'Lentitud', priority: 'Normal', title: 'Velocidad menor a la contratada', state: 'Abierto', technician: false, daysAgo: 2, proposal: { by: 'CUSTOMER', inDays: 3, from: '09:00', to: '11:00', note: 'Prefiero a la mañana, antes de ir a trabajar.' }, description: 'El test de velocidad da 60 Mbps con Fibra 100, por cable.' },
  { customer: 39, category: 'Cambio de plan', priority: 'Baja', title: 'Bajar a Fibra 100', state: 'Cerrado', technician: false, daysAgo: 19, description: 'Quiere bajar de plan por costos.', notes: [{ by: 'operator', public: true, body: 'Cambio de plan aplicado desde el próximo ciclo.' }] },
];

const DAY = 86_400_000;

/** Opens the demo tickets; expects the tenant's users, customers and default configuration to exist. */
export async function seedDemoTickets(tenant: TenantInfo): Promise<number> {
  const scoped = scopedDb(tenant.id);
  const users = await scoped.user.findMany({ select: { id: true, role: true, name: true, email: true } });
  const actor = (role: 'OPERATOR' | 'TECHNICIAN'): StaffActor => {
    const user = users.find((u) => u.role === role)!;
    return { kind: 'staff', id: user.id, role: user.role, name: user.name, email: user.email, companyId: null };
  };
  const operator = staffCallerFor(tenant, actor('OPERATOR'), 'es');
  const technician = staffCallerFor(tenant, actor('TECHNICIAN'), 'es');
  const callerOf = (by: Note['by']) => (by === 'operator' ? operator : technician);
  const [categories, priorities, states, customers] = await Promise.all([
    scoped.ticketCategory.findMany({ select: { id: true, name: true } }),
    scoped.ticketPriority.findMany({ select: { id: true, name: true } }),
    scoped.ticketState.findMany({ select: { id: true, name: true } }),
    scoped.customer.findMany({ orderBy: { code: 'asc' }, select: { id: true, connections: { select: { id: true, type: true }, take: 1, orderBy: { createdAt: 'asc' } } } }),
  ]);
  // G7: the customers' equipment and sites (the first 40, those the tickets are about).
  const equipment = await (await import('./demo-equipment')).seedDemoEquipment(tenant.id, customers.slice(0, 40));
  const idOf = (rows: { id: string; name: string }[], name: string) => rows.find((r) => r.name === name)!.id;
  const productIds = new Map<string, string>();
  for (const product of DEMO_PRODUCTS) productIds.set(product.code, (await createProduct(operator, { ...product, active: true })).id);
  // Oldest first, so the numbers follow the dates.
  const ordered = [...DEMO_TICKETS].sort((x, y) => y.daysAgo - x.daysAgo);
  for (const [index, spec] of ordered.entries()) {
    const customer = customers[spec.customer]!;
    const { id } = await createTicket(operator, {
      customerId: customer.id,
      connectionId: customer.connections[0]?.id ?? null,
      ...(spec.equipment ? { equipmentId: (spec.atSite ? equipment.siteRouterOf(spec.customer) : undefined) ?? (await equipment.of(spec.customer, spec.equipment)) } : {}),
      ...(spec.atSite && equipment.siteOf(spec.customer) ? { siteId: equipment.siteOf(spec.customer) } : {}),
      categoryId: idOf(categories, spec.category),
      priorityId: idOf(priorities, spec.priority),
      title: spec.title,
      description: spec.description,
      assigneeId: spec.technician ? technician.actor.id : null,
      complexity: COMPLEXITY_OF_PRIORITY[spec.priority] ?? null,
      ...(spec.visit ? { visit: { date: dayIn(new Date(Date.now() + spec.visit.inDays * DAY), tenant.timeZone), from: spec.visit.from, to: spec.visit.to } } : {}),
    });
    for (const note of spec.notes ?? []) await addComment(callerOf(note.by), { ticketId: id, body: note.body, public: note.public });
    // G8/G9: what the technician sold, the cost the office showed them, what they collected.
    const seller = spec.technician ? technician : operator;
    for (const [code, quantity, sold] of spec.products ?? []) await setLine(seller, { ticketId: id, productId: productIds.get(code)!, quantity, sold });
    if (spec.cost !== undefined) {
      const current = (await scoped.ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
      await updateTicket(operator, { id, version: current, cost: spec.cost, costToTechnician: spec.technician });
    }
    if (spec.collected) await recordCollection(seller, { ticketId: id, ...spec.collected });
    // The technician finishes their own work; the office closes, and moves what waits on the customer.
    const stateId = idOf(states, spec.state);
    let version = (await scoped.ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    if (spec.state === 'Cerrado' || spec.state === 'Resuelto') {
      const finisher = spec.technician ? technician : operator;
      version = (await updateTicket(finisher, { id, version, stateId: idOf(states, 'Resuelto') })).version;
    }
    if (spec.state !== 'Abierto' && spec.state !== 'Resuelto') await updateTicket(operator, { id, version, stateId });
    await moveBack(tenant.id, id, spec.daysAgo, spec.dueDays, RESOLVED_IN_HOURS[index % RESOLVED_IN_HOURS.length]!);
    // G5: a proposal made now, waiting for the customer (from the office) or for the office (from the customer's portal).
    if (spec.proposal) {
      const { by, inDays, note, ...slot } = spec.proposal;
      const visit = { date: dayIn(new Date(Date.now() + inDays * DAY), tenant.timeZone), ...slot };
      if (by === 'OFFICE') {
        const current = (await scoped.ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
        await proposeVisit(operator, { id, version: current, visit, note });
      } else {
        await proposeMine(customerCallerFor(tenant, { kind: 'customer', id: customer.id, name: '' }, 'es'), { ticketId: id, visit, note });
      }
    }
  }
  // H5: customers rated most of their closed tickets (the dashboard's satisfaction chart).
  const closedTickets = await scoped.ticket.findMany({ where: { stage: 'CLOSED', customerId: { not: null } }, select: { id: true, customerId: true, closedAt: true }, orderBy: { number: 'asc' } });
  for (const [i, ticket] of closedTickets.entries()) {
    const rating = DEMO_RATINGS[i % DEMO_RATINGS.length]!;
    if (!rating.rating) continue;
    const createdAt = new Date(Math.min(ticket.closedAt!.getTime() + 3 * 3_600_000, Date.now() - 10_000));
    await scoped.ticketRating.create({ data: { tenantId: tenant.id, ticketId: ticket.id, customerId: ticket.customerId!, rating: rating.rating, comment: rating.comment, createdAt } });
  }
  // G11: documents with their visibilities, a PDF page as image, a customer's signature.
  await (await import('./demo-documents')).seedDemoDocuments(operator, technician);
  // The demo's past is not news: nothing of it is sent.
  await db().outboxEvent.updateMany({ where: { tenantId: tenant.id, processedAt: null }, data: { processedAt: new Date() } });
  return DEMO_TICKETS.length;
}

/** What the demo's customers answered the satisfaction survey (one did not answer). */
const DEMO_RATINGS: { rating: number | null; comment: string | null }[] = [
  { rating: 5, comment: 'Vinieron en el día y quedó funcionando perfecto.' },
  { rating: 4, comment: null },
  { rating: null, comment: null },
  { rating: 3, comment: 'Se resolvió, pero tardaron en venir.' },
  { rating: 5, comment: 'Muy amables, gracias.' },
];

/** C14: the office rates a job's complexity by its priority, and resolves tickets in hours to days. */
const COMPLEXITY_OF_PRIORITY: Record<string, 'HIGH' | 'MEDIUM' | 'LOW'> = { Urgente: 'HIGH', Alta: 'HIGH', Normal: 'MEDIUM', Baja: 'LOW' };
const RESOLVED_IN_HOURS = [3, 20, 6, 27, 50, 9, 75, 2, 30, 120];

/**
 * Moves a ticket and everything written about it `days` back, keeping their order; sets its due
 * date. A finished ticket was finished `resolvedInHours` after it was opened (never later than now),
 * and closed the next day, so the dashboard's resolution times read like a real help desk's.
 */
async function moveBack(tenantId: string, ticketId: string, days: number, dueDays: number | undefined, resolvedInHours: number) {
  const scoped = scopedDb(tenantId);
  const back = (d: Date | null) => (d ? new Date(d.getTime() - days * DAY) : null);
  const t = await scoped.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { openedAt: true, createdAt: true, statusChangedAt: true, finishedAt: true, closedAt: true, collectedAt: true } });
  const openedAt = back(t.openedAt)!;
  const now = Date.now();
  const finishedAt = t.finishedAt ? new Date(Math.min(openedAt.getTime() + resolvedInHours * 3_600_000, now - 60_000)) : null;
  const closedAt = t.closedAt && finishedAt ? new Date(Math.min(finishedAt.getTime() + 20 * 3_600_000, now - 30_000)) : null;
  await scoped.ticket.update({
    where: { id: ticketId },
    data: {
      openedAt,
      createdAt: back(t.createdAt)!,
      statusChangedAt: closedAt ?? finishedAt ?? back(t.statusChangedAt)!,
      finishedAt,
      closedAt,
      ...(dueDays !== undefined ? { dueAt: new Date(openedAt.getTime() + dueDays * DAY) } : {}),
      // Collected on the visit, before it was finished.
      ...(t.collectedAt ? { collectedAt: new Date(Math.min((finishedAt ?? back(t.collectedAt)!).getTime() - 15 * 60_000, back(t.collectedAt)!.getTime())) } : {}),
    },
  });
  // What was written when it was finished or closed moves with that moment.
  const moved = (d: Date) =>
    t.closedAt && closedAt && d >= t.closedAt ? new Date(closedAt.getTime() + (d.getTime() - t.closedAt.getTime()))
    : t.finishedAt && finishedAt && d >= t.finishedAt ? new Date(finishedAt.getTime() + (d.getTime() - t.finishedAt.getTime()))
    : back(d)!;
  for (const e of await scoped.ticketEvent.findMany({ where: { ticketId }, select: { id: true, createdAt: true } })) {
    await scoped.ticketEvent.update({ where: { id: e.id }, data: { createdAt: moved(e.createdAt) } });
  }
  for (const c of await scoped.ticketComment.findMany({ where: { ticketId }, select: { id: true, createdAt: true } })) {
    await scoped.ticketComment.update({ where: { id: c.id }, data: { createdAt: moved(c.createdAt) } });
  }
}
