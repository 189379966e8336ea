import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as config from '@/server/services/tickets/config';
import { CONFIG_INPUTS, type ConfigKind } from '@/server/services/tickets/config';

const ZId = z.object({ id: z.uuid() });

/** The same five procedures for each kind of configuration item. */
function itemRouter<K extends ConfigKind>(kind: K) {
  const manage = staffProcedure('tickets.config.manage');
  const ZInput = CONFIG_INPUTS[kind];
  return router({
    create: manage.input(ZInput).mutation(({ ctx, input }) => config.createConfigItem(ctx.caller, kind, input as config.ConfigInput<K>)),
    update: manage
      .input(ZInput.partial().extend({ id: z.uuid() }))
      .mutation(({ ctx, input: { id, ...input } }) => config.updateConfigItem(ctx.caller, kind, id, input as Partial<config.ConfigInput<K>>)),
    remove: manage.input(ZId).mutation(({ ctx, input }) => config.removeConfigItem(ctx.caller, kind, input.id)),
    restore: manage.input(ZId).mutation(({ ctx, input }) => config.restoreConfigItem(ctx.caller, kind, input.id)),
    setDefault: manage.input(ZId).mutation(({ ctx, input }) => config.setDefaultConfigItem(ctx.caller, kind, input.id)),
  });
}

export const ticketConfigRouter = router({
  /** Everything a ticket form and the configuration page need; prices only with billing.read. */
  get: staffProcedure('tickets.config.read').query(({ ctx }) => config.getTicketConfig(ctx.caller)),
  areas: itemRouter('area'),
  states: itemRouter('state'),
  priorities: itemRouter('priority'),
  categories: itemRouter('category'),
});
