import { router, staffProcedure } from '@/server/api/trpc';
import * as tickets from '@/server/services/tickets/tickets';
import { ZTicketCreate, ZTicketList } from '@/server/services/tickets/tickets';

export const ticketsRouter = router({
  /** The grid: one tab's page, newest first, with the tabs' counts. */
  list: staffProcedure('tickets.read').input(ZTicketList).query(({ ctx, input }) => tickets.listTickets(ctx.caller, input)),
  /** C5: with every field, or just a customer and a description (the category's defaults fill the rest). */
  create: staffProcedure('tickets.create').input(ZTicketCreate).mutation(({ ctx, input }) => tickets.createTicket(ctx.caller, input)),
});
