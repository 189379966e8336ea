// G7: the demo customers' equipment and sites — an ONT and a Wi-Fi router for fibre customers, an
// antenna (CPE) and a router for wireless ones, a decoder here and there, real-looking brands, models
// and serial numbers; a second site for a few customers (the demo customer among them, so the portal
// shows it). Written straight through the scoped client: nothing here has a rule beyond its columns.
import { scopedDb } from '@/server/data/scoped';
import type { EquipmentType } from '@/lib/equipment';

type Customer = { id: string; connections: { id: string; type: string }[] };

const hex = (n: number, width: number) => ((n * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0').slice(0, width);
const digits = (n: number, width: number) => String((n * 7919 + 104729) % 10 ** width).padStart(width, '0');

const ROUTERS = [
  { brand: 'TP-Link', model: 'Archer C6', serial: (i: number) => `2235${digits(i, 9)}` },
  { brand: 'Mercusys', model: 'MR30G', serial: (i: number) => `2301${digits(i, 9)}` },
  { brand: 'MikroTik', model: 'hAP ac²', serial: (i: number) => `HE${digits(i, 3)}${hex(i, 5)}` },
];
const ONTS = [
  { brand: 'Huawei', model: 'EchoLife HG8145V5', serial: (i: number) => `HWTC${hex(i, 8)}` },
  { brand: 'ZTE', model: 'F670L', serial: (i: number) => `ZTEG${hex(i + 7, 8)}` },
];
const ANTENNAS = [
  { brand: 'Ubiquiti', model: 'LiteBeam 5AC Gen2', serial: (i: number) => `F492BF${hex(i, 6)}` },
  { brand: 'MikroTik', model: 'SXTsq 5 ac', serial: (i: number) => `HF${digits(i, 3)}${hex(i + 3, 5)}` },
];
const SITES: Record<number, { label: string; address: string; locality: string; latitude: number; longitude: number }> = {
  0: { label: 'Local de la calle Belgrano', address: 'Belgrano 418', locality: 'Quilmes', latitude: -34.7215, longitude: -58.2541 },
  5: { label: 'Casa de fin de semana', address: 'Los Aromos 1250', locality: 'Berazategui', latitude: -34.7812, longitude: -58.2199 },
  31: { label: 'Depósito', address: 'Av. Calchaquí 3560', locality: 'Florencio Varela', latitude: -34.7706, longitude: -58.2771 },
};

/** Creates the demo's equipment; answers, per customer index, the id of a device of each type. */
export async function seedDemoEquipment(tenantId: string, customers: Customer[]) {
  const db = scopedDb(tenantId);
  const byCustomer = new Map<number, Partial<Record<EquipmentType | 'site', string>>>();
  const siteRouters = new Map<number, string>();
  let n = 1;
  const add = async (index: number, type: EquipmentType, kind: { brand: string; model: string; serial: (i: number) => string }, extra: { connectionId?: string; siteId?: string; note?: string } = {}) => {
    const customer = customers[index]!;
    const row = await db.customerEquipment.create({
      data: { tenantId, customerId: customer.id, type, brand: kind.brand, model: kind.model, serial: kind.serial(n++), note: extra.note ?? null, connectionId: extra.connectionId ?? null, siteId: extra.siteId ?? null },
      select: { id: true },
    });
    const mine = byCustomer.get(index) ?? {};
    mine[type] ??= row.id;
    byCustomer.set(index, mine);
    return row.id;
  };
  for (const [index, customer] of customers.entries()) {
    const connection = customer.connections[0];
    if (!connection) continue;
    if (connection.type === 'WIRELESS') await add(index, 'ANTENNA', ANTENNAS[index % ANTENNAS.length]!, { connectionId: connection.id, note: index % 3 === 0 ? 'En el techo, apuntando al nodo' : undefined });
    else await add(index, 'ONT', ONTS[index % ONTS.length]!, { connectionId: connection.id });
    await add(index, 'ROUTER', ROUTERS[index % ROUTERS.length]!, { connectionId: connection.id });
    if (index % 6 === 1) await add(index, 'DECODER', { brand: 'Kaon', model: 'KSTB6077', serial: (i) => `KA${digits(i, 10)}` }, { connectionId: connection.id, note: 'Decodificador de TV del living' });
  }
  for (const [key, site] of Object.entries(SITES)) {
    const index = Number(key);
    const customer = customers[index];
    if (!customer) continue;
    const row = await db.customerSite.create({ data: { tenantId, customerId: customer.id, ...site }, select: { id: true } });
    const mine = byCustomer.get(index) ?? {};
    mine.site = row.id;
    byCustomer.set(index, mine);
    siteRouters.set(index, await add(index, 'ROUTER', ROUTERS[(index + 1) % ROUTERS.length]!, { siteId: row.id, note: 'Router de la segunda sede' }));
  }
  return {
    /** A device of this type of the customer, made on the spot if the customer had none (a ticket about it). */
    async of(index: number, type: EquipmentType): Promise<string> {
      const found = byCustomer.get(index)?.[type];
      if (found) return found;
      const kind = type === 'ANTENNA' ? ANTENNAS[0]! : type === 'ONT' ? ONTS[0]! : ROUTERS[0]!;
      return add(index, type, kind, { connectionId: customers[index]?.connections[0]?.id });
    },
    siteOf: (index: number) => byCustomer.get(index)?.site,
    /** The router at the customer's second site. */
    siteRouterOf: (index: number) => siteRouters.get(index),
  };
}
