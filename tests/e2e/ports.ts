// Loopback ports of the e2e run, shared by the server process and the specs (another process).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The local stand-in for Resend's API. */
export const FAKE_RESEND_PORT = E2E_PORT + 1;
/** The local stand-in for Twilio's Messaging API (SMS). */
export const FAKE_SMS_PORT = E2E_PORT + 3;
