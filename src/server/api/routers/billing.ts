// A5/C6: the office's view of a customer's billing data, for roles holding billing.read only.
// Loading it (CSV import) is a route handler: POST /api/import/billing (billing.import).
import { router, staffProcedure } from '@/server/api/trpc';
import { ZCustomerBilling, ZCustomerBillingInput } from '@/server/services/billing/schemas';
import { customerBilling } from '@/server/services/billing/statement';

export const billingRouter = router({
  /** The customer's account statement (running balance, debt, overdue debt), invoices and payments. */
  customer: staffProcedure('billing.read').input(ZCustomerBillingInput).output(ZCustomerBilling).query(({ ctx, input }) => customerBilling(ctx.caller, input.customerId)),
});
