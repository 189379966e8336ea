import os from 'node:os';
import path from 'node:path';

// Loopback ports of the e2e run, shared by the server process and the specs (another process).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The local stand-in for Resend's API. */
export const FAKE_RESEND_PORT = E2E_PORT + 1;
/** The local Web Push service (HTTPS, self-signed: its certificate is written to PUSH_CERT_FILE). */
export const FAKE_PUSH_PORT = E2E_PORT + 2;
export const PUSH_CERT_FILE = path.join(os.tmpdir(), `antena-e2e-push-${E2E_PORT}.pem`);
/** The local stand-in for Twilio's Messaging API (SMS). */
export const FAKE_SMS_PORT = E2E_PORT + 3;
/** The local stand-in for Mercado Pago's API and checkout (F9). */
export const FAKE_MERCADOPAGO_PORT = E2E_PORT + 5;
/** The Mercado Pago account the demo tenant's admin enters in Settings → App y portal → Pagos during the specs. */
export const E2E_MERCADOPAGO = { accessToken: 'APP_USR-e2e-0000000000-token-demo', webhookSecret: 'e2e-webhook-secret-demo' } as const;
/** The one address the e2e server trusts as a proxy (TRUSTED_PROXIES): the specs' stand-in for a load balancer binds it as its source. */
export const TRUSTED_PROXY = '127.0.0.7';
