'use client';
// Why a message was not sent or failed, in the reader's language (src/lib/delivery-reasons.ts).
import { useTranslations } from 'next-intl';
import { deliveryReasonText, type DeliveryReasonParams } from '@/lib/delivery-reasons';

export function useDeliveryReason(): (message: { errorCode: string | null; errorParams: DeliveryReasonParams | null }) => string | null {
  const t = useTranslations('messageLog');
  return (message) => deliveryReasonText((key, params) => t(key, params), message);
}
