// G2: what "Info empresa" shows of a partner company (the ticket view, the grid's popover). A leaf
// module: the ticket services import it, and the companies' service imports the customers' schemas.
import { z } from 'zod';

export const ZCompanyInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  taxId: z.string().nullable(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  zone: z.string().nullable(),
});

export const COMPANY_INFO = { id: true, name: true, taxId: true, contactName: true, email: true, phone: true, zone: true } as const;
