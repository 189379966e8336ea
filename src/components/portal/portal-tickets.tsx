'use client';
// F11: the customer's tickets — the list (refreshable), each one opened in place or on its own page
// (/portal/tickets/[id], where push notifications land), and the ways to open a new one (a ticket,
// a payment receipt, a plan request) that the tenant's switches allow (F5–F7). The page reads the first
// answers on the server (`initial`), so its HTML — the worker's offline copy (F14) — shows the list;
// offline it is read-only: nothing opens, refreshes or is created until the connection returns.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Alert, Button, Card } from '@/components/ui/controls';
import { PortalTicketView } from './portal-ticket-view';
import { useOnline } from './portal-offline';
import type { RouterOutputs } from '@/trpc/types';

type Initial = { options: RouterOutputs['portal']['tickets']['options']; list: RouterOutputs['portal']['tickets']['list'] | null; savedAt: number };

const linkButton = 'inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium';

export function PortalTickets({ intl, timeZone, initial }: { intl: string; timeZone: string; initial: Initial }) {
  const t = useTranslations('portal');
  const tt = useTranslations('portalTickets');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const online = useOnline();
  const options = useQuery({ ...trpc.portal.tickets.options.queryOptions(), initialData: initial.options, initialDataUpdatedAt: initial.savedAt });
  const view = options.data?.view !== false;
  const list = useQuery({
    ...trpc.portal.tickets.list.queryOptions(),
    enabled: options.isSuccess && view,
    ...(initial.list ? { initialData: initial.list, initialDataUpdatedAt: initial.savedAt } : {}),
  });
  const [open, setOpen] = useState<string | null>(null);
  const o = options.data;
  const limitReached = o ? o.dailyMax !== null && o.openedToday >= o.dailyMax : false;

  const actions = o && online ? (
    <div className="flex flex-wrap gap-2">
      {o.create ? (
        limitReached ? (
          <Button type="button" disabled>{tt('list.new')}</Button>
        ) : (
          <Link href="/portal/tickets/new" className={`${linkButton} bg-brand-700 text-white`}>{tt('list.new')}</Link>
        )
      ) : null}
      {o.receipt ? <Link href="/portal/tickets/new?kind=receipt" className={`${linkButton} border border-slate-300`}>{tt('list.receipt')}</Link> : null}
      {o.plans ? <Link href="/portal/tickets/new?kind=plan" className={`${linkButton} border border-slate-300`}>{tt('list.plan')}</Link> : null}
    </div>
  ) : null;

  if (options.error && !options.data) return <Alert>{options.error.message}</Alert>;
  return (
    <div className="space-y-3">
      {actions}
      {limitReached ? <Alert tone="info">{tt('list.limitReached', { max: o!.dailyMax! })}</Alert> : null}
      {o && !view ? (
        <Alert tone="info">{tt('list.viewOff')}</Alert>
      ) : (
        <Card
          title={t('myTickets')}
          actions={
            online ? (
              <Button type="button" variant="secondary" onClick={() => void queryClient.invalidateQueries({ queryKey: trpc.portal.tickets.pathKey() })}>
                {tt('list.refresh')}
              </Button>
            ) : null
          }
        >
          {list.error && !list.data ? (
            <Alert>{list.error.message}</Alert>
          ) : !list.data ? (
            <p role="status">{t('loading')}</p>
          ) : list.data.length === 0 ? (
            <p className="text-sm text-slate-700">{o?.onlyOpen ? tt('list.noOpenTickets') : t('noTickets')}</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label={t('myTickets')}>
              {list.data.map((ticket) => (
                <li key={ticket.id} className="py-3">
                  <button type="button" className="w-full text-left disabled:cursor-default" disabled={!online} aria-expanded={open === ticket.id} onClick={() => setOpen(open === ticket.id ? null : ticket.id)}>
                    <span className="font-medium">#{ticket.number} · {ticket.title}</span>
                    <span className="block text-sm text-slate-700">
                      {ticket.state.name}
                      {ticket.category ? ` · ${ticket.category.customerDescription || ticket.category.name}` : ''} · {t('openedOn', { date: formatDateTime(ticket.openedAt, intl, timeZone) })}
                    </span>
                  </button>
                  {open === ticket.id && online ? (
                    <div className="mt-3 space-y-2 border-t border-slate-200 pt-3">
                      <Link href={`/portal/tickets/${ticket.id}`} className="text-sm text-brand-800 underline">
                        {tt('list.openPage', { number: ticket.number })}
                      </Link>
                      <PortalTicketView id={ticket.id} intl={intl} timeZone={timeZone} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
