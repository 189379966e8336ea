// E2–E9: the technician app's reads and its offline queue's changes. Every procedure sees only the
// tickets the caller may see (the visibility rule in the scoped client).
import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as tech from '@/server/services/tech/app';
import { ZTechApplied, ZTechChange, ZTechHome, ZTechList, ZTechListItem, ZTechSnapshot, ZTechTicket } from '@/server/services/tech/app';

export const techRouter = router({
  /** E2: the next pending visit, today's visits, the filters the tenant offers, the states. */
  home: staffProcedure('tickets.read').output(ZTechHome).query(({ ctx }) => tech.techHome(ctx.caller)),
  /** E4: the list with its search and the tenant's filters. */
  list: staffProcedure('tickets.read').input(ZTechList).output(z.array(ZTechListItem)).query(({ ctx, input }) => tech.techList(ctx.caller, input)),
  /** E5: one ticket with everything its tabs show. */
  ticket: staffProcedure('tickets.read').input(z.object({ id: z.uuid() })).output(ZTechTicket).query(({ ctx, input }) => tech.techTicket(ctx.caller, input.id)),
  /** E9: the copy the device keeps for working offline. */
  snapshot: staffProcedure('tickets.read').output(ZTechSnapshot).query(({ ctx }) => tech.techSnapshot(ctx.caller)),
  /** E9: one change of the device's queue, applied exactly once per key. */
  send: staffProcedure('tickets.update').input(ZTechChange).output(ZTechApplied).mutation(({ ctx, input }) => tech.applyChange(ctx.caller, input)),
});
