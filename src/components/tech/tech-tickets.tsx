'use client';
// The technician's assigned tickets that are not closed, due soonest first.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDate } from '@/lib/format';
import { Alert } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';

export function TechTickets() {
  const t = useTranslations('tech');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const mine = useQuery(trpc.tickets.mine.queryOptions());
  if (mine.error) return <Alert>{mine.error.message}</Alert>;
  if (!mine.data) return <p role="status" className="mt-6 text-sm">{common('loading')}</p>;
  if (mine.data.length === 0) return <p className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{t('noVisits')}</p>;
  return (
    <section className="mt-6">
      <h2 className="mb-2 text-lg font-semibold">{t('myTickets')}</h2>
      <ul className="space-y-2" aria-label={t('myTickets')}>
        {mine.data.map((x) => (
          <li key={x.id}>
            <Link href={`/tech/tickets/${x.id}`} className="block rounded-lg border border-slate-200 bg-white p-3 hover:border-brand-500">
              <span className="flex items-center justify-between gap-2 text-xs text-slate-600">
                <span className="font-mono">#{x.number}</span>
                <span>{x.state.name}</span>
              </span>
              <span className="mt-1 flex items-center gap-2 font-medium">
                {x.priority ? <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: x.priority.color }} /> : null}
                {x.title}
              </span>
              {x.customer ? <span className="block text-sm text-slate-700">{x.customer.name}</span> : null}
              {x.connection ? <span className="block text-sm text-slate-600">{x.connection.address}</span> : null}
              {x.dueAt ? <span className="block text-xs text-slate-600">{t('due', { date: formatDate(x.dueAt, intl, tenant.timeZone) })}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
