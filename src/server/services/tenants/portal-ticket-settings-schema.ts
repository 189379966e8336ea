// F5–F7: the switches of Settings → "App y portal" for customers' tickets, as kept in Tenant.settings.
// Lenient when read (a broken value falls back to its default); the settings service validates saving.
import { z } from 'zod';

/** The values a ticket a customer opens gets (j1–j6, k1, l1); empty: the category's, else the tenant's defaults. */
export const ZTicketDefaults = z
  .object({
    areaId: z.uuid().nullable().catch(null).default(null),
    categoryId: z.uuid().nullable().catch(null).default(null),
    assigneeId: z.uuid().nullable().catch(null).default(null),
    stateId: z.uuid().nullable().catch(null).default(null),
    priorityId: z.uuid().nullable().catch(null).default(null),
  })
  .prefault({});
export type TicketDefaults = z.output<typeof ZTicketDefaults>;

/** The most tickets a day a tenant may allow a customer ("Cantidad máximo de tickets"). */
export const DAILY_LIMIT_MAX = 100;

export const ZPortalTicketSettings = z.object({
  /** f. "Permitir ver tickets". */
  view: z.boolean().catch(true).default(true),
  /** g. "Permitir la carga de tickets". */
  create: z.boolean().catch(true).default(true),
  /** h. "Mostrar solo tickets abiertos": only tickets not closed yet. */
  onlyOpen: z.boolean().catch(false).default(false),
  /** i. "Limitar cantidad de tickets creados por día" and i1 its maximum (a day of the tenant's calendar). */
  dailyLimit: z.boolean().catch(false).default(false),
  dailyMax: z.number().int().min(1).max(DAILY_LIMIT_MAX).catch(3).default(3),
  /** App "Cerrar": the customer may close their own ticket. */
  allowClose: z.boolean().catch(true).default(true),
  /** j. "Configurar ticket general". */
  defaults: ZTicketDefaults,
  /** k. "Permitir carga de comprobante de pago" and k1 its ticket. */
  receipt: z.boolean().catch(false).default(false),
  receiptDefaults: ZTicketDefaults,
  /** l. "Permitir solicitud cambio y compra de planes" and l1 its ticket. */
  plans: z.boolean().catch(false).default(false),
  planDefaults: ZTicketDefaults,
});
export type PortalTicketSettings = z.output<typeof ZPortalTicketSettings>;
