// D6: one provider per channel. A provider sends one message and says what happened: sent (with the
// provider's id), failed for a passing cause (the queue retries), refused (failed for good), or not
// sent because nothing could carry it (no provider configured, no device) — kept in the log with the
// reason, to be resent once that is fixed.
import type { MessageChannel } from '@/generated/prisma/client';
import { env } from '@/env';
import type { DeliveryReason } from '@/lib/delivery-reasons';
import { emailConfigured, sendEmail } from './email';
import { emailDisplayName } from './html';
import { sendPush } from './push';
import { NO_PROVIDER } from './recipients';
import { VERIFICATION_REASON } from './sign-up-email';
import { sendSms } from './sms';

/** What a provider needs of a message. */
export type Outgoing = {
  id: string;
  tenantId: string;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  link: string | null;
  subscriptionId: string | null;
  /** What it tells (ticket.assigned, tenant.verification …). */
  reason: string;
  tenant: { name: string };
};

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; retry: boolean; reason: DeliveryReason }
  | { ok: false; notSent: true; reason: DeliveryReason };

export type Provider = (message: Outgoing) => Promise<SendResult>;

export { NO_PROVIDER };
const notSent = (reason: DeliveryReason): SendResult => ({ ok: false, notSent: true, reason });

const email: Provider = async (message) => {
  if (!emailConfigured()) return notSent(NO_PROVIDER);
  // A sign-up's verification goes to an address nobody has confirmed yet: in the product's name, not
  // the name the signer typed. Otherwise the tenant's name is user text: one line, quoted when it
  // holds a special character, so it names the sender and never adds an address.
  const sender = message.reason === VERIFICATION_REASON ? 'Antena' : emailDisplayName(message.tenant.name);
  return sendEmail(message, `${sender} <${env().EMAIL_FROM}>`);
};

export const PROVIDERS: Record<MessageChannel, Provider> = {
  EMAIL: email,
  PUSH: sendPush,
  SMS: sendSms,
};
