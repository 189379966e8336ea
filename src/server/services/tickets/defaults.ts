// B1–B5: the configuration every new tenant starts with — in Spanish, as the product is Spanish
// first — so a new ISP can open tickets at once and rename what it likes later.
import type { Prisma } from '@/generated/prisma/client';

const AREAS = [
  { name: 'Mesa de ayuda', isDefault: true },
  { name: 'Técnica' },
  { name: 'Administración' },
  { name: 'Ventas' },
];

const STATES = [
  { name: 'Abierto', stage: 'PENDING', isDefault: true },
  { name: 'En curso', stage: 'PENDING' },
  { name: 'Esperando al cliente', stage: 'PENDING' },
  { name: 'Resuelto', stage: 'FINISHED' },
  { name: 'Cerrado', stage: 'CLOSED' },
] as const;

const PRIORITIES = [
  { name: 'Urgente', color: '#dc2626', rank: 1 },
  { name: 'Alta', color: '#ea580c', rank: 2 },
  { name: 'Normal', color: '#2563eb', rank: 3, isDefault: true },
  { name: 'Baja', color: '#64748b', rank: 4 },
];

const CATEGORIES = [
  { name: 'Sin conexión', area: 'Técnica', color: '#dc2626', customerDescription: 'No tengo Internet', reasons: ['No tengo Internet', 'Se cortó el servicio', 'El módem tiene una luz roja'], apps: true },
  { name: 'Lentitud', area: 'Técnica', color: '#ea580c', customerDescription: 'Internet anda lento', reasons: ['Anda lento', 'Se corta a cada rato', 'El Wi-Fi no llega'], apps: true },
  { name: 'Instalación', area: 'Técnica', color: '#16a34a', customerDescription: 'Instalación o mudanza', reasons: ['Instalación nueva', 'Mudanza', 'Cambio de equipo'], apps: true },
  { name: 'Facturación', area: 'Administración', color: '#7c3aed', customerDescription: 'Consulta sobre mi factura', reasons: ['No recibí la factura', 'El importe no es correcto', 'Informar un pago'], apps: true },
  { name: 'Cambio de plan', area: 'Ventas', color: '#0891b2', customerDescription: 'Quiero cambiar de plan', reasons: ['Subir de plan', 'Bajar de plan'], apps: true },
  { name: 'Consulta general', area: 'Mesa de ayuda', color: '#64748b', customerDescription: 'Otra consulta', reasons: ['Otros'], apps: true, isDefault: true },
];

/** Writes the default configuration of one tenant, inside the caller's transaction. */
export async function createDefaultTicketConfig(tx: Prisma.TransactionClient, tenantId: string): Promise<void> {
  await tx.ticketArea.createMany({ data: AREAS.map((a) => ({ ...a, tenantId })) });
  await tx.ticketState.createMany({ data: STATES.map((s, position) => ({ ...s, position, tenantId })) });
  await tx.ticketPriority.createMany({ data: PRIORITIES.map((p) => ({ ...p, tenantId })) });
  const areas = await tx.ticketArea.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const areaId = new Map(areas.map((a) => [a.name, a.id]));
  await tx.ticketCategory.createMany({
    data: CATEGORIES.map(({ area, reasons, apps, ...c }) => ({
      ...c,
      tenantId,
      areaId: areaId.get(area)!,
      customerReasons: reasons,
      inTechnicianApp: apps,
      inCustomerApp: apps,
      inPortal: apps,
    })),
  });
}

/**
 * Tenants created before ticket configuration existed get the defaults too (run at every start;
 * one indexed query when there is nothing to do).
 */
export async function backfillTicketConfig(db: { tenant: { findMany(args: object): Promise<{ id: string }[]> }; $transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> }): Promise<number> {
  const missing = await db.tenant.findMany({ where: { ticketStates: { none: {} } }, select: { id: true } });
  for (const { id } of missing) await db.$transaction((tx) => createDefaultTicketConfig(tx, id));
  return missing.length;
}
