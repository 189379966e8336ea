import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as companies from '@/server/services/companies/companies';
import { ZCompany, ZCompanyCreate, ZCompanyList, ZCompanyOption, ZCompanyUpdate } from '@/server/services/companies/companies';

/** G2: the tenant's partner companies (Configuración → Empresas asociadas). */
export const companiesRouter = router({
  list: staffProcedure('companies.read').input(ZCompanyList).output(z.array(ZCompany)).query(({ ctx, input }) => companies.listCompanies(ctx.caller, input)),
  /** The active companies a ticket may be handed to. */
  options: staffProcedure('tickets.handOver').output(z.array(ZCompanyOption)).query(({ ctx }) => companies.companyOptions(ctx.caller)),
  create: staffProcedure('companies.manage').input(ZCompanyCreate).output(ZCompany).mutation(({ ctx, input }) => companies.createCompany(ctx.caller, input)),
  /** Edit it, or deactivate (active: false) / reactivate it. */
  update: staffProcedure('companies.manage').input(ZCompanyUpdate).output(ZCompany).mutation(({ ctx, input }) => companies.updateCompany(ctx.caller, input)),
});
