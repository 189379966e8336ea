// G8: the product catalogue and a ticket's products ("la valigetta"); G9: the collection of the
// intervention's cost. Amounts only for billing.read (the answers' `requires`).
import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as products from '@/server/services/products/products';
import { ZCollect, ZCollected, ZLineChanged, ZProductInput, ZProductRow, ZProductUpdate, ZRemoveLine, ZSetLine, ZTicketProducts } from '@/server/services/products/products';

const ZId = z.object({ id: z.uuid() });

export const productsRouter = router({
  /** The catalogue: active products (everyone, to sell), or every one (the admin's list). */
  list: staffProcedure('products.read')
    .input(z.object({ includeInactive: z.boolean().optional() }))
    .output(z.array(ZProductRow))
    .query(({ ctx, input }) => products.listProducts(ctx.caller, input)),
  create: staffProcedure('products.manage').input(ZProductInput).output(ZId).mutation(({ ctx, input }) => products.createProduct(ctx.caller, input)),
  update: staffProcedure('products.manage').input(ZProductUpdate).output(ZId).mutation(({ ctx, input }) => products.updateProduct(ctx.caller, input)),
  remove: staffProcedure('products.manage').input(ZId).output(ZId).mutation(({ ctx, input }) => products.deleteProduct(ctx.caller, input.id)),
  /** A ticket's lines, its products total and its cost against what was collected. */
  ofTicket: staffProcedure('tickets.read').input(z.object({ ticketId: z.uuid() })).output(ZTicketProducts).query(({ ctx, input }) => products.ticketProducts(ctx.caller, input.ticketId)),
  /** Adds a product to the ticket or sets its quantity (absolute). */
  setLine: staffProcedure('tickets.products').input(ZSetLine).output(ZLineChanged).mutation(({ ctx, input }) => products.setLine(ctx.caller, input)),
  removeLine: staffProcedure('tickets.products').input(ZRemoveLine).output(ZLineChanged).mutation(({ ctx, input }) => products.removeLine(ctx.caller, input)),
  /** G9: what was collected from the customer, and how. */
  collect: staffProcedure('tickets.collect').input(ZCollect).output(ZCollected).mutation(({ ctx, input }) => products.recordCollection(ctx.caller, input)),
});
