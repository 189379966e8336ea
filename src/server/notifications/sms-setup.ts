// D6: whether a tenant can send SMS, and to which number — apart from the Twilio client (sms.ts), so
// the app can ask without loading the provider's library.
import { env } from '@/env';
import { deliveryReason, type DeliveryReason } from '@/lib/delivery-reasons';
import { toE164 } from '@/lib/phone';
import type { TenantSettings } from '@/server/services/tenants/settings';


/** The installation has a Twilio account. */
export function smsConfigured(): boolean {
  const e = env();
  return Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN);
}

/** The tenant's sender when it can send SMS (the installation's account, the tenant's switch on, a sender named), else null. */
export function smsSender(settings: TenantSettings): string | null {
  return smsConfigured() && settings.sms.enabled && settings.sms.from ? settings.sms.from : null;
}

/** The recipient of an SMS: the number in E.164 by the tenant's country, or why it cannot be one. */
export function smsRecipient(raw: string, country: string): { to: string } | { error: DeliveryReason } {
  const to = toE164(raw, country);
  return to ? { to } : { error: deliveryReason('invalidPhone', { phone: raw }) };
}
