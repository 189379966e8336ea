'use client';
// H5: the customer's satisfaction rating in the ticket view's summary (nothing until they rate it).
import { useQuery } from '@tanstack/react-query';
import { Star } from 'lucide-react';
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
        <span aria-hidden className="mr-1 inline-flex align-middle text-amber-700">
          {[1, 2, 3, 4, 5].map((n) => <Star key={n} className={`h-4 w-4 ${n <= r.rating ? 'fill-current' : ''}`} />)}
        </span>
        {t('ratedOn', { rating: r.rating, date: formatDateTime(r.createdAt, intl, tenant.timeZone) })}
        {r.comment ? <span className="block whitespace-pre-wrap italic">“{r.comment}”</span> : null}
      </dd>
    </div>
  );
}
