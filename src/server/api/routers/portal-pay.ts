// F9: the portal's home and "Pagar" (Mercado Pago Checkout Pro), and the tenant's payment settings
// (Settings → "App y portal" → "Pagos"). Mercado Pago's notifications arrive at the route
// /api/payments/mercadopago/notify, not here.
import { customerProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as home from '@/server/services/portal/home';
import { ZPortalHome } from '@/server/services/portal/home';
import * as mercadoPago from '@/server/services/payments/mercadopago';
import { ZCheckout, ZCheckoutInput, ZPayResult, ZPayResultInput } from '@/server/services/payments/mercadopago';
import * as paymentSettings from '@/server/services/payments/payment-settings';
import { ZPaymentSettingsUpdate, ZPaymentSettingsView } from '@/server/services/payments/payment-settings';

/** "Pagar" for the signed-in customer; no input names a customer. */
export const portalPayRouter = router({
  /** Sends the customer to Mercado Pago's checkout for the amount chosen; refused when the tenant has it off. */
  checkout: customerProcedure.input(ZCheckoutInput).output(ZCheckout).mutation(({ ctx, input }) => mercadoPago.createCheckout(ctx.caller, input)),
  /** The back URL's page: is Mercado Pago's payment already in my account? */
  result: customerProcedure.input(ZPayResultInput).output(ZPayResult).query(({ ctx, input }) => mercadoPago.payResult(ctx.caller, input)),
});

/** F9 home: my account's state, my connections, what "Pagar" offers. */
export const portalHomeProcedure = customerProcedure.output(ZPortalHome).query(({ ctx }) => home.portalHome(ctx.caller));

/** Settings → "App y portal" → "Pagos": secrets are never answered, only whether they are set. */
export const paymentsRouter = router({
  settings: staffProcedure('settings.read').output(ZPaymentSettingsView).query(({ ctx }) => paymentSettings.getPaymentSettings(ctx.caller)),
  updateSettings: staffProcedure('settings.manage')
    .input(ZPaymentSettingsUpdate)
    .output(ZPaymentSettingsView)
    .mutation(({ ctx, input }) => paymentSettings.updatePaymentSettings(ctx.caller, input)),
});
