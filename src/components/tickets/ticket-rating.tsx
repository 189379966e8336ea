'use client';
// H5: the customer's satisfaction rating in the ticket view's summary (nothing until they rate it).
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { useStaffContext } from '@/components/shell/permissions';

export function TicketRatingSummary({ ticketId }: { ticketId: string }) {
  const t = useTranslations('survey');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const rating = useQuery(trpc.survey.forTicket.queryOptions({ ticketId }));
  const r = rating.data;
  if (!r) return null;
  return (
    <div className="basis-full">
      <dt className="inline font-medium">{t('ticketRating')}: </dt>
      <dd className="inline" data-testid="ticket-view-rating">
        <span aria-hidden className="text-amber-700">{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)} </span>
        {t('ratedOn', { rating: r.rating, date: formatDateTime(r.createdAt, intl, tenant.timeZone) })}
        {r.comment ? <span className="block whitespace-pre-wrap italic">“{r.comment}”</span> : null}
      </dd>
    </div>
  );
}
