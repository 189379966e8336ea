'use client';
// C6: a customer's latest tickets — in the ticket view (the others) and on the customer's page.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDate } from '@/lib/format';
import { Card } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';

export function CustomerTickets({ customerId, exceptId, title }: { customerId: string; exceptId?: string; title: string }) {
  const t = useTranslations('ticketView');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const tickets = useQuery({ ...trpc.tickets.ofCustomer.queryOptions({ customerId }), enabled: can('tickets.read') });
  if (!can('tickets.read')) return null;
  const items = (tickets.data ?? []).filter((x) => x.id !== exceptId);
  return (
    <Card title={title}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t('noOtherTickets')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label={title}>
          {items.map((x) => (
            <li key={x.id} className="py-2">
              <Link href={`/tickets/${x.id}`} className="font-medium text-brand-700 underline">#{x.number} · {x.title}</Link>
              <span className="block text-xs text-slate-600">{x.state.name} · {formatDate(x.openedAt, intl, tenant.timeZone)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
