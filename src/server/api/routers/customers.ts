import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as customers from '@/server/services/customers/customers';
import * as connections from '@/server/services/customers/connections';
import {
  ZConnectionCreate,
  ZConnectionRemoved,
  ZConnectionSaved,
  ZConnectionUpdate,
  ZCustomerCreate,
  ZCustomerList,
  ZCustomerPage,
  ZCustomerSaved,
  ZCustomerStatusChanged,
  ZCustomerUpdate,
  ZCustomerView,
  ZPortalPassword,
} from '@/server/services/customers/schemas';

import { listCustomerFiles, ZCustomerFile } from '@/server/services/tickets/files';

const ZId = z.object({ id: z.uuid() });

export const customersRouter = router({
  list: staffProcedure('customers.read').input(ZCustomerList).output(ZCustomerPage).query(({ ctx, input }) => customers.listCustomers(ctx.caller, input)),
  get: staffProcedure('customers.read').input(ZId).output(ZCustomerView).query(({ ctx, input }) => customers.getCustomer(ctx.caller, input.id)),
  /** E6: photos and files kept on the customer's profile (taken by technicians on a job). */
  files: staffProcedure('customers.read').input(ZId).output(z.array(ZCustomerFile)).query(({ ctx, input }) => listCustomerFiles(ctx.caller, input.id)),
  nextCode: staffProcedure('customers.create').output(z.string()).query(({ ctx }) => customers.nextCustomerCode(ctx.caller)),
  create: staffProcedure('customers.create').input(ZCustomerCreate).output(ZCustomerSaved).mutation(({ ctx, input }) => customers.createCustomer(ctx.caller, input)),
  update: staffProcedure('customers.update').input(ZCustomerUpdate).output(ZCustomerSaved).mutation(({ ctx, input }) => customers.updateCustomer(ctx.caller, input)),
  delete: staffProcedure('customers.delete').input(ZId).output(ZCustomerStatusChanged).mutation(({ ctx, input }) => customers.setCustomerDeleted(ctx.caller, input.id, true)),
  restore: staffProcedure('customers.delete').input(ZId).output(ZCustomerStatusChanged).mutation(({ ctx, input }) => customers.setCustomerDeleted(ctx.caller, input.id, false)),
  regeneratePortalPassword: staffProcedure('customers.portalPassword')
    .input(ZId)
    .output(ZPortalPassword)
    .mutation(({ ctx, input }) => customers.regeneratePortalPassword(ctx.caller, input.id)),
});

export const connectionsRouter = router({
  create: staffProcedure('connections.manage').input(ZConnectionCreate).output(ZConnectionSaved).mutation(({ ctx, input }) => connections.createConnection(ctx.caller, input)),
  update: staffProcedure('connections.manage').input(ZConnectionUpdate).output(ZConnectionSaved).mutation(({ ctx, input }) => connections.updateConnection(ctx.caller, input)),
  delete: staffProcedure('connections.manage').input(ZId).output(ZConnectionRemoved).mutation(({ ctx, input }) => connections.deleteConnection(ctx.caller, input.id)),
});
