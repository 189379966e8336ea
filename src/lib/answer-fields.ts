// Small zod pieces the procedures' answer schemas (.output) are built from. Dates travel as Date
// (superjson), amounts as numbers.
import { z } from 'zod';

export const ZId = z.uuid();
/** A row shown by its name (a state, an area, a person). */
export const ZNamed = z.object({ id: z.uuid(), name: z.string() });
/** An amount of money in the tenant's currency, or none. */
export const ZMoney = z.number().nullable();
export const ZWhen = z.date();
