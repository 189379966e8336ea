// E2: the visit as the office types it — a day and a slot (HH:MM) in the tenant's time zone.
import { z } from 'zod';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the office types: a day and a slot in the tenant's time zone. */
export const ZVisit = z
  .object({
    date: z.iso.date(),
    from: z.string().regex(HHMM, { message: 'validation.time' }),
    to: z.string().regex(HHMM, { message: 'validation.time' }),
  })
  .refine((v) => v.from < v.to, { message: 'validation.visitSlot', path: ['to'] });
