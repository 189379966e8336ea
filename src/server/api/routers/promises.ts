// F3: the payment promise — the customer's side (portal.promise), the operators' (promises) and the
// settings card (promises.settings / promises.updateSettings).
import { z } from 'zod';
import { customerProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as promises from '@/server/services/promises/promises';
import { ZConnectionHistoryEntry, ZCustomerPromise, ZCustomerRef, ZPortalPromiseStatus, ZPromiseGranted, ZPromiseRequest } from '@/server/services/promises/promises';
import * as settings from '@/server/services/promises/settings';
import { ZPromiseSettings, ZPromiseSettingsView } from '@/server/services/promises/settings';

/** The signed-in customer: whether they may ask, and asking. No input names a customer. */
export const portalPromiseRouter = router({
  status: customerProcedure.output(ZPortalPromiseStatus).query(({ ctx }) => promises.myPromiseStatus(ctx.caller)),
  request: customerProcedure.input(ZPromiseRequest).output(ZPromiseGranted).mutation(({ ctx, input }) => promises.requestPromise(ctx.caller, input)),
});

export const promisesRouter = router({
  /** Each promise of a customer (who, when, until, outcome). */
  forCustomer: staffProcedure('billing.read').input(ZCustomerRef).output(z.array(ZCustomerPromise)).query(({ ctx, input }) => promises.customerPromises(ctx.caller, input.customerId)),
  /** The history of a customer's connections: status changes and why. */
  connectionHistory: staffProcedure('connections.read').input(ZCustomerRef).output(z.array(ZConnectionHistoryEntry)).query(({ ctx, input }) => promises.connectionHistory(ctx.caller, input.customerId)),
  settings: staffProcedure('settings.read').output(ZPromiseSettingsView).query(({ ctx }) => settings.getPromiseSettings(ctx.caller)),
  updateSettings: staffProcedure('settings.manage').input(ZPromiseSettings).output(ZPromiseSettingsView).mutation(({ ctx, input }) => settings.updatePromiseSettings(ctx.caller, input)),
});
