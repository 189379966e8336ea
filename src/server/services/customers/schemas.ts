// Input schemas for customers and connections (A3, A4), shared by the procedures, the CSV import and the forms.
import { z } from 'zod';
import { displayName, optionalText } from '@/lib/zod-fields';
import { requires } from '@/lib/answers';
import { TAX_ID_TYPES, isValidTaxId, normalizeTaxId } from '@/lib/tax-id';

export const CUSTOMER_STATUSES = ['ACTIVE', 'DELETED'] as const;
export const CONNECTION_STATUSES = ['ENABLED', 'BLOCKED', 'NO_SERVICE'] as const;
export const CONNECTION_TYPES = ['FIBER', 'WIRELESS', 'CABLE', 'DSL', 'SATELLITE', 'OTHER'] as const;

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'validation.email' }).max(254));

export const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{6,25}$/, { message: 'validation.phone' });

/** Code: the ISP's own customer number. */
export const ZCustomerCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\w.\-/]+$/, { message: 'validation.code' });

const ZCustomerBase = z.object({
  code: ZCustomerCode.optional(),
  name: displayName(2, 200),
  taxIdType: z.enum(TAX_ID_TYPES).nullish(),
  taxId: z
    .string()
    .trim()
    .max(30)
    .transform((v) => (v ? normalizeTaxId(v) : null))
    .nullish(),
  emails: z.array(ZEmail).max(10).default([]),
  phones: z.array(ZPhone).max(10).default([]),
  address: optionalText(300),
  localityId: z.uuid().nullish(),
  notes: optionalText(2000),
});

/** A tax id needs its type, and must pass that type's check (CUIT check digit, NIT, codice fiscale…). */
function checkTaxId<T extends { taxIdType?: string | null; taxId?: string | null }>(value: T, ctx: z.RefinementCtx) {
  if (value.taxId && !value.taxIdType) ctx.addIssue({ code: 'custom', path: ['taxIdType'], message: 'validation.taxIdTypeRequired' });
  if (value.taxId && value.taxIdType && !isValidTaxId(value.taxIdType as (typeof TAX_ID_TYPES)[number], value.taxId)) {
    ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'validation.taxIdInvalid' });
  }
}

/** Coordinates in degrees (WGS 84), each refused out of range with its own message. */
export const ZLatitude = z.number().min(-90, { message: 'validation.latitude' }).max(90, { message: 'validation.latitude' });
export const ZLongitude = z.number().min(-180, { message: 'validation.longitude' }).max(180, { message: 'validation.longitude' });

export const ZConnectionFields = z.object({
  code: optionalText(40),
  planId: z.uuid().nullish(),
  nodeId: z.uuid().nullish(),
  type: z.enum(CONNECTION_TYPES).default('FIBER'),
  address: z.string().trim().min(3).max(300),
  localityId: z.uuid().nullish(),
  latitude: ZLatitude.nullish(),
  longitude: ZLongitude.nullish(),
  status: z.enum(CONNECTION_STATUSES).default('ENABLED'),
});

function checkCoordinates<T extends { latitude?: number | null; longitude?: number | null }>(value: T, ctx: z.RefinementCtx) {
  const hasLat = value.latitude !== null && value.latitude !== undefined;
  const hasLng = value.longitude !== null && value.longitude !== undefined;
  if (hasLat !== hasLng) ctx.addIssue({ code: 'custom', path: [hasLat ? 'longitude' : 'latitude'], message: 'validation.coordinatesPair' });
}

export const ZConnectionInput = ZConnectionFields.superRefine(checkCoordinates);

export const ZCustomerCreate = ZCustomerBase.extend({
  connections: z.array(ZConnectionInput).max(20).default([]),
}).superRefine(checkTaxId);

export const ZCustomerUpdate = ZCustomerBase.extend({ id: z.uuid(), code: ZCustomerCode })
  .partial({ name: true, emails: true, phones: true })
  .superRefine(checkTaxId);

export const ZConnectionCreate = ZConnectionFields.extend({ customerId: z.uuid() }).superRefine(checkCoordinates);
/** Only the fields sent change: without their creation defaults, an edit that leaves out the type or the status keeps them. */
export const ZConnectionUpdate = ZConnectionFields.extend({ type: z.enum(CONNECTION_TYPES), status: z.enum(CONNECTION_STATUSES) })
  .partial()
  .extend({ id: z.uuid() })
  .superRefine(checkCoordinates);

export const CUSTOMER_SORTS = ['name', 'code', 'createdAt'] as const;

export const ZCustomerList = z.object({
  query: z.string().trim().max(100).optional(),
  status: z.enum([...CUSTOMER_STATUSES, 'ALL']).default('ACTIVE'),
  localityId: z.uuid().optional(),
  /** Unset: by name, or newest first when searching (see listCustomers). */
  sort: z.enum(CUSTOMER_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export type CustomerCreateInput = z.input<typeof ZCustomerCreate>;
export type CustomerCreate = z.output<typeof ZCustomerCreate>;
export type ConnectionInput = z.output<typeof ZConnectionInput>;

// What the customers' and connections' procedures answer (.output).
const ZNameRef = z.object({ id: z.uuid(), name: z.string() });

const ZCustomerListFields = {
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  taxIdType: z.enum(TAX_ID_TYPES).nullable(),
  taxId: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  address: z.string().nullable(),
  status: z.enum(CUSTOMER_STATUSES),
  createdAt: z.date(),
  locality: ZNameRef.nullable(),
};

export const ZCustomerPage = z.object({
  items: z.array(z.object({ ...ZCustomerListFields, connectionCount: z.number().int() })),
  hasMore: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A customer's page: its data and connections; a plan's price only for billing.read (A2). */
export const ZCustomerView = z.object({
  ...ZCustomerListFields,
  notes: z.string().nullable(),
  localityId: z.uuid().nullable(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
  hasPortalPassword: z.boolean(),
  connections: z.array(
    z.object({
      id: z.uuid(),
      code: z.string().nullable(),
      type: z.enum(CONNECTION_TYPES),
      address: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      status: z.enum(CONNECTION_STATUSES),
      localityId: z.uuid().nullable(),
      planId: z.uuid().nullable(),
      nodeId: z.uuid().nullable(),
      locality: ZNameRef.nullable(),
      node: ZNameRef.nullable(),
      plan: z.object({ id: z.uuid(), name: z.string(), downloadMbps: z.number().int(), uploadMbps: z.number().int(), price: requires('billing.read', z.number().nullable()) }).nullable(),
    }),
  ),
});

export const ZCustomerSaved = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export const ZCustomerStatusChanged = z.object({ id: z.uuid(), status: z.enum(CUSTOMER_STATUSES) });
/** Shown once to the operator, who passes it on to the customer. */
export const ZPortalPassword = z.object({ id: z.uuid(), password: z.string() });
export const ZConnectionSaved = z.object({ id: z.uuid(), customerId: z.uuid() });
export const ZConnectionRemoved = z.object({ id: z.uuid() });
