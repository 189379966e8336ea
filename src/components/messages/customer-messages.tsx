'use client';
// A customer's latest messages of every channel, on the customer's page; each opens as it was sent.
import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Button, Card } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { MessageView } from './message-view';
import { StatusBadge } from './status-badge';

export function CustomerMessages({ customerId, customerName }: { customerId: string; customerName: string }) {
  const t = useTranslations('messageLog');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const [viewing, setViewing] = useState<string | null>(null);
  const messages = useQuery({ ...trpc.messages.list.queryOptions({ customerId, pageSize: 10 }), enabled: can('messages.read') });
  if (!can('messages.read')) return null;
  const items = messages.data?.items ?? [];
  return (
    <Card title={t('customerMessages')}>
      {messages.data && items.length === 0 ? <p className="text-sm text-slate-600">{t('noCustomerMessages')}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm" aria-label={t('customerMessages')}>
        {items.map((m) => (
          <li key={m.id} className="flex items-start justify-between gap-2 py-2">
            <div className="min-w-0">
              <p className="truncate font-medium">{m.subject ?? m.text}</p>
              <p className="text-xs text-slate-600">
                {t(`channel.${m.channel}`)} · {formatDateTime(m.createdAt, intl, tenant.timeZone)} · <StatusBadge status={m.status} />
              </p>
            </div>
            <Button variant="ghost" aria-label={t('viewMessage', { recipient: m.recipient })} onClick={() => setViewing(m.id)}>{t('view')}</Button>
          </li>
        ))}
      </ul>
      {messages.data?.hasMore ? <Link href={`/messages/email?q=${encodeURIComponent(customerName)}`} className="mt-2 inline-block text-sm text-brand-700 underline">{t('more')}</Link> : null}
      {viewing ? <MessageView id={viewing} onClose={() => setViewing(null)} /> : null}
    </Card>
  );
}
