import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as customers from '@/server/services/customers/customers';
import * as connections from '@/server/services/customers/connections';
import { ZConnectionCreate, ZConnectionUpdate, ZCustomerCreate, ZCustomerList, ZCustomerUpdate } from '@/server/services/customers/schemas';

const ZId = z.object({ id: z.uuid() });

export const customersRouter = router({
  list: staffProcedure('customers.read').input(ZCustomerList).query(({ ctx, input }) => customers.listCustomers(ctx.caller, input)),
  get: staffProcedure('customers.read').input(ZId).query(({ ctx, input }) => customers.getCustomer(ctx.caller, input.id)),
  nextCode: staffProcedure('customers.create').query(({ ctx }) => customers.nextCustomerCode(ctx.caller)),
  create: staffProcedure('customers.create').input(ZCustomerCreate).mutation(({ ctx, input }) => customers.createCustomer(ctx.caller, input)),
  update: staffProcedure('customers.update').input(ZCustomerUpdate).mutation(({ ctx, input }) => customers.updateCustomer(ctx.caller, input)),
  delete: staffProcedure('customers.delete').input(ZId).mutation(({ ctx, input }) => customers.setCustomerDeleted(ctx.caller, input.id, true)),
  restore: staffProcedure('customers.delete').input(ZId).mutation(({ ctx, input }) => customers.setCustomerDeleted(ctx.caller, input.id, false)),
  regeneratePortalPassword: staffProcedure('customers.portalPassword')
    .input(ZId)
    .mutation(({ ctx, input }) => customers.regeneratePortalPassword(ctx.caller, input.id)),
});

export const connectionsRouter = router({
  create: staffProcedure('connections.manage').input(ZConnectionCreate).mutation(({ ctx, input }) => connections.createConnection(ctx.caller, input)),
  update: staffProcedure('connections.manage').input(ZConnectionUpdate).mutation(({ ctx, input }) => connections.updateConnection(ctx.caller, input)),
  delete: staffProcedure('connections.manage').input(ZId).mutation(({ ctx, input }) => connections.deleteConnection(ctx.caller, input.id)),
});
