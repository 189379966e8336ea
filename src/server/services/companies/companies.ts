// G2: the tenant's partner companies — the firms it hands installations and repairs to
// (Configuración → Empresas asociadas). Admins create, edit and deactivate them; the office reads
// them to hand tickets over. A deactivated company keeps its tickets and users but is offered no more.
//
// The zone is free text ("Zona norte: Pilar, Escobar"): a partner's area seldom follows the ISP's
// localities one to one, and nothing routes by it yet — it informs whoever hands a ticket over.
import { z } from 'zod';
import { displayName, optionalText } from '@/lib/zod-fields';
import { isValidTaxId, normalizeTaxId, type TaxIdType } from '@/lib/tax-id';
import { fieldError, uniqueWrite } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { ZEmail, ZPhone } from '@/server/services/customers/schemas';
import { COMPANY_INFO, ZCompanyInfo } from './info';

/** A company's tax id is its country's business number: CUIT (AR), NIT (CO), partita IVA (IT); elsewhere any code. */
export function companyTaxIdType(country: string): TaxIdType {
  return ({ AR: 'CUIT', CO: 'NIT', IT: 'PIVA' } as Record<string, TaxIdType>)[country] ?? 'OTHER';
}

const fields = {
  name: displayName(2, 120),
  taxId: optionalText(30),
  contactName: optionalText(120),
  email: ZEmail.nullish().or(z.literal('').transform(() => null)),
  phone: ZPhone.nullish().or(z.literal('').transform(() => null)),
  zone: optionalText(300),
};
export const ZCompanyCreate = z.object(fields);
export const ZCompanyUpdate = z.object({ id: z.uuid(), ...fields, active: z.boolean().optional() }).partial({ name: true });
export const ZCompanyList = z.object({ includeInactive: z.boolean().default(true) });

/** A company as its settings page lists it: what "Info empresa" shows, whether it is active, how many users it has (its manager and technicians). */
export const ZCompany = ZCompanyInfo.extend({ active: z.boolean(), users: z.number().int() });
export const ZCompanyOption = z.object({ id: z.uuid(), name: z.string() });

const SELECT = { ...COMPANY_INFO, active: true, _count: { select: { users: true } } } as const;
type Row = { _count: { users: number } } & Omit<z.output<typeof ZCompany>, 'users'>;
const toCompany = ({ _count, ...c }: Row) => ({ ...c, users: _count.users });

function taxIdOf(caller: StaffCaller, raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const value = normalizeTaxId(raw);
  if (!isValidTaxId(companyTaxIdType(caller.tenant.country), value)) throw fieldError('taxId', 'validation.taxIdInvalid');
  return value;
}


export async function listCompanies({ db }: StaffCaller, input: z.output<typeof ZCompanyList>) {
  const rows = await db.company.findMany({ where: input.includeInactive ? {} : { active: true }, orderBy: [{ active: 'desc' }, { name: 'asc' }], select: SELECT });
  return rows.map(toCompany);
}

/** The companies a ticket may be handed to (active ones), for the hand-over menu and the grid's filter. */
export function companyOptions({ db }: StaffCaller) {
  return db.company.findMany({ where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

export async function createCompany(caller: StaffCaller, input: z.output<typeof ZCompanyCreate>) {
  const data = { ...input, taxId: taxIdOf(caller, input.taxId) ?? null, tenantId: caller.tenantId };
  return toCompany(await uniqueWrite(() => caller.db.company.create({ data, select: SELECT })));
}

export async function updateCompany(caller: StaffCaller, input: z.output<typeof ZCompanyUpdate>) {
  const { id, ...changes } = input;
  const data = { ...changes, ...(changes.taxId !== undefined ? { taxId: taxIdOf(caller, changes.taxId) } : {}) };
  return toCompany(await uniqueWrite(() => caller.db.company.update({ where: { tenantId_id: { tenantId: caller.tenantId, id } }, data, select: SELECT })));
}
