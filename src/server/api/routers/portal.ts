import { customerProcedure, router } from '@/server/api/trpc';

/** The customer portal's procedures (F1–F14 fill this in); every one runs as the signed-in customer. */
export const portalRouter = router({
  /** The signed-in customer as the portal greets them. */
  me: customerProcedure.query(({ ctx }) => ctx.caller.actor),
});
