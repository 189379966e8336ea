'use client';
// A ticket in the technician's lists: number, state, title, customer, address, visit.
import { useTranslations } from 'next-intl';
import { useStaffContext } from '@/components/shell/permissions';
import { formatDate } from '@/lib/format';
import { formatVisit } from '@/lib/visits';
import type { TechListItem } from './offline/types';
import { useTech } from './use-tech';

export function TicketCard({ ticket: x }: { ticket: TechListItem }) {
  const t = useTranslations('tech');
  const { intl, tenant } = useStaffContext();
  const { go } = useTech();
  return (
    <a
      href={`/tech?ticket=${x.id}`}
      onClick={(e) => {
        e.preventDefault();
        go({ name: 'ticket', id: x.id });
      }}
      className="block rounded-lg border border-slate-200 bg-white p-3 hover:border-brand-500"
    >
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
      {x.visitStart && x.visitEnd ? <span className="block text-xs font-medium text-brand-800">{t('visitAt', { when: formatVisit(x.visitStart, x.visitEnd, intl, tenant.timeZone) })}</span> : null}
      {x.dueAt ? <span className="block text-xs text-slate-600">{t('due', { date: formatDate(x.dueAt, intl, tenant.timeZone) })}</span> : null}
    </a>
  );
}
