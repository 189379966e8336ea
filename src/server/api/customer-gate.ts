// The procedure ladder's answer to "which customer is calling" for the portal's route handlers
// (uploads, downloads): the same rung as every portal procedure, or its own error.
import { createCallerFactory, customerProcedure, router } from '@/server/api/trpc';
import type { routeContext } from '@/server/api/route-handlers';

const gateCaller = createCallerFactory(router({ caller: customerProcedure.query(({ ctx }) => ctx.caller) }));

export function customerGate(ctx: Awaited<ReturnType<typeof routeContext>>) {
  return gateCaller(ctx).caller();
}
