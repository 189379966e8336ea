import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as config from '@/server/services/tickets/config';
import { CONFIG_INPUTS, ZConfigItem, ZConfigRemoved, ZTicketConfig, type ConfigKind } from '@/server/services/tickets/config';

const ZId = z.object({ id: z.uuid() });

/** The same five procedures for each kind of configuration item; `ZInput` is that kind's schema. */
function itemRouter<S extends z.ZodObject>(kind: ConfigKind, ZInput: S) {
  const manage = staffProcedure('tickets.config.manage');
  // The service checks each kind's input against its own rules; here only the kind's schema is known.
  type Input = config.ConfigInput<ConfigKind>;
  return router({
    create: manage.input(ZInput).output(ZConfigItem).mutation(({ ctx, input }) => config.createConfigItem(ctx.caller, kind, input as unknown as Input)),
    update: manage
      .input(ZInput.partial().extend({ id: z.uuid() }))
      .output(ZConfigItem)
      .mutation(({ ctx, input: { id, ...input } }) => config.updateConfigItem(ctx.caller, kind, id as string, input as unknown as Partial<Input>)),
    remove: manage.input(ZId).output(ZConfigRemoved).mutation(({ ctx, input }) => config.removeConfigItem(ctx.caller, kind, input.id)),
    restore: manage.input(ZId).output(ZConfigItem).mutation(({ ctx, input }) => config.restoreConfigItem(ctx.caller, kind, input.id)),
    setDefault: manage.input(ZId).output(ZConfigItem).mutation(({ ctx, input }) => config.setDefaultConfigItem(ctx.caller, kind, input.id)),
  });
}

export const ticketConfigRouter = router({
  /** Everything a ticket form and the configuration page need; prices only with billing.read. */
  get: staffProcedure('tickets.config.read').output(ZTicketConfig).query(({ ctx }) => config.getTicketConfig(ctx.caller)),
  areas: itemRouter('area', CONFIG_INPUTS.area),
  states: itemRouter('state', CONFIG_INPUTS.state),
  priorities: itemRouter('priority', CONFIG_INPUTS.priority),
  categories: itemRouter('category', CONFIG_INPUTS.category),
});
