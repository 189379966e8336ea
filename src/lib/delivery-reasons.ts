// D3–D6: why a message was not sent or failed — a code and its parameters, stored with the message
// (Message.errorCode, Message.errorParams) and translated where it is shown (messageLog.reasons.*),
// so the Spanish and Italian logs read their own language. A provider's own words, where it gave
// any, are kept as the `detail` parameter and shown as they came. Pure: usable in the browser.
import { z } from 'zod';

export const DELIVERY_REASON_CODES = [
  /** No provider configured (e-mail: RESEND_API_KEY; SMS: the account, or the tenant's switch and sender). */
  'noProvider',
  /** The person has no e-mail address or phone number. */
  'noAddress',
  /** The person has no device subscribed to push. */
  'noDevice',
  /** The device was unsubscribed after the message was written. */
  'deviceGone',
  /** The phone number cannot be written in E.164 for the tenant's country. { phone } */
  'invalidPhone',
  /** The device's push endpoint is not on an allowed push service (PUSH_ENDPOINT_HOSTS). */
  'endpointNotAllowed',
  /** The provider did not answer in time. { provider, seconds } */
  'timedOut',
  /** The connection failed, or the answer was not JSON. { provider, detail } */
  'noAnswer',
  /** The provider answered without the message's id. { provider, detail } */
  'noMessageId',
  /** The provider answered with an error status. { provider, status, detail } */
  'providerError',
  /** The push service no longer knows the device (404/410); the device was removed. { status } */
  'subscriptionExpired',
  /** The provider could not be reached, or the call threw. { provider, detail } */
  'unreachable',
  /** A reason written before codes existed that no code matches: its text, as it was stored. { text } */
  'other',
] as const;
export type DeliveryReasonCode = (typeof DELIVERY_REASON_CODES)[number];

/** Who a reason names; translated too (messageLog.providers.*). */
export const DELIVERY_PROVIDERS = ['resend', 'twilio', 'push', 'email', 'sms'] as const;
export type DeliveryProvider = (typeof DELIVERY_PROVIDERS)[number];

export type DeliveryReasonParams = Record<string, string | number>;
export type DeliveryReason = { code: DeliveryReasonCode; params?: DeliveryReasonParams };

export const ZDeliveryReasonParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** A reason with its parameters, checked against its code by the type system where it is built. */
export function deliveryReason(code: DeliveryReasonCode, params?: DeliveryReasonParams): DeliveryReason {
  return params ? { code, params } : { code };
}

/** The reason's words in English, for the server's own logs (the screens translate the code). */
export function describeReason(reason: DeliveryReason): string {
  return [reason.code, ...Object.entries(reason.params ?? {}).map(([k, v]) => `${k}=${v}`)].join(' ');
}

/** The `messageLog` namespace's translator: next-intl's `t` in the screens, createTranslator in tests. */
export type ReasonTranslator = (key: `reasons.${DeliveryReasonCode}` | `providers.${DeliveryProvider}`, params?: DeliveryReasonParams) => string;

/** A message's reason in the reader's language, or null when it has none. */
export function deliveryReasonText(t: ReasonTranslator, message: { errorCode: string | null; errorParams: DeliveryReasonParams | null }): string | null {
  const { errorCode } = message;
  if (!errorCode) return null;
  const params: DeliveryReasonParams = { ...message.errorParams };
  // A code this version does not know (written by a newer one): its text if it has one.
  if (!(DELIVERY_REASON_CODES as readonly string[]).includes(errorCode)) return String(params.text ?? errorCode);
  if ((DELIVERY_PROVIDERS as readonly unknown[]).includes(params.provider)) params.provider = t(`providers.${params.provider as DeliveryProvider}`);
  return t(`reasons.${errorCode as DeliveryReasonCode}`, params);
}
