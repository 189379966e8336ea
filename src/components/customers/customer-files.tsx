'use client';
// E6: the photos and files kept on a customer's profile — taken by technicians on a job (the ticket is
// named) — with the same visibility and previews as a ticket's files.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Card } from '@/components/ui/controls';
import { FileList } from '@/components/tickets/ticket-files';
import { useStaffContext } from '@/components/shell/permissions';

export function CustomerFiles({ customerId }: { customerId: string }) {
  const t = useTranslations('customers');
  const trpc = useTRPC();
  const { intl, tenant } = useStaffContext();
  const files = useQuery(trpc.customers.files.queryOptions({ id: customerId }));
  return (
    <Card title={t('files')}>
      {files.error ? <Alert>{files.error.message}</Alert> : null}
      {files.data?.length === 0 ? <p className="text-sm text-slate-600">{t('noFiles')}</p> : null}
      {files.data?.length ? (
        <>
          <FileList files={files.data} intl={intl} timeZone={tenant.timeZone} />
          <ul className="mt-2 space-y-0.5 text-xs text-slate-600" aria-label={t('filesTickets')}>
            {[...new Map(files.data.filter((f) => f.ticket).map((f) => [f.ticket!.id, f.ticket!])).values()].map((ticket) => (
              <li key={ticket.id}>
                <Link className="text-brand-700 underline" href={`/tickets/${ticket.id}`}>{t('fileTicket', { number: ticket.number })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
