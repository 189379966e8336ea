'use client';
// D3–D5: one channel's log — newest first, paged by the server; filters (the tenant's days, status,
// type), search and page live in the URL and can be saved in "Mis filtros". A message is viewed as it
// was sent; one or a selection is resent.
import Link from 'next/link';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ColumnDef } from '@tanstack/react-table';
import { useTRPC } from '@/trpc/react';
import { useRowSelection } from '@/components/ui/use-row-selection';
import type { RouterOutputs } from '@/trpc/types';
import { formatDateTime } from '@/lib/format';
import { CHANNEL_SLUGS, filterScopeOf, MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES, messageFiltersFromParams, type MessageChannel } from '@/lib/message-filters';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { useUrlState } from '@/components/ui/use-url-state';
import { SavedFilters } from '@/components/ui/saved-filters';
import { ExportMenu } from '@/components/exports/export-menu';
import { Alert, Button, PageHeader } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { MessageView } from './message-view';
import { useDeliveryReason } from './delivery-reason';
import { StatusBadge } from './status-badge';
import { TabList, TabPanel, Tabs } from '@/components/ui/tabs';

type Row = RouterOutputs['messages']['list']['items'][number];
const PAGE_SIZE = 25;

export function MessageLog({ channel }: { channel: MessageChannel }) {
  const t = useTranslations('messageLog');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const { params, update, replaceQuery, query, page, draft, setDraft } = useUrlState();
  const reasonOf = useDeliveryReason();
  const filters = messageFiltersFromParams(new URLSearchParams(params));
  const filtering = Object.keys(filters).length > 0;

  const list = useQuery({
    ...trpc.messages.list.queryOptions({ channel, ...filters, query: query || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const [viewing, setViewing] = useState<string | null>(null);
  const { selected, clear: clearSelection, column: selectionColumn } = useRowSelection();
  const [result, setResult] = useState<string | null>(null);
  const resend = useMutation(
    trpc.messages.resend.mutationOptions({
      onSuccess: async (r) => {
        setResult([t('resent', { count: r.resent }), r.notSent ? t('resentNotSent', { count: r.notSent }) : null].filter(Boolean).join(' '));
        clearSelection();
        await queryClient.invalidateQueries({ queryKey: trpc.messages.pathKey() });
      },
    }),
  );
  const mayResend = can('messages.resend');
  const currentQuery = (() => {
    const p = new URLSearchParams(params);
    p.delete('page');
    return p.toString();
  })();

  const items = list.data?.items ?? [];

  const columns: ColumnDef<Row, unknown>[] = [
      ...(mayResend
        ? [selectionColumn(items, { page: t('selectPage'), row: (r) => t('selectMessage', { recipient: r.recipient }) })]
        : []),
      { id: 'date', header: t('columns.date'), cell: ({ row }) => <span className="whitespace-nowrap">{formatDateTime(row.original.createdAt, intl, tenant.timeZone)}</span> },
      { id: 'recipient', header: t('columns.recipient'), cell: ({ row }) => <span className="break-all">{row.original.recipient}</span> },
      {
        id: 'customer',
        header: t('columns.customer'),
        cell: ({ row }) =>
          row.original.customer ? (
            // The seed's "interna del cliente": the customer's page, in a new tab.
            <a href={`/customers/${row.original.customer.id}`} target="_blank" rel="noopener" className="text-brand-700 underline">
              {row.original.customer.name}
              <span className="sr-only"> {t('newTab')}</span>
            </a>
          ) : (
            <span className="text-slate-500">{t('noCustomer')}</span>
          ),
      },
      {
        id: 'content',
        header: channel === 'EMAIL' ? t('columns.subject') : t('columns.text'),
        cell: ({ row }) => (
          <span>
            {row.original.subject ? <span className="block font-medium">{row.original.subject}</span> : null}
            {row.original.text ? <span className="line-clamp-3 text-slate-700" title={row.original.text}>{row.original.text}</span> : null}
          </span>
        ),
      },
      {
        id: 'ticket',
        header: t('columns.ticket'),
        cell: ({ row }) => (row.original.ticket ? <Link href={`/tickets/${row.original.ticket.id}`} className="font-mono text-xs text-brand-700 underline">#{row.original.ticket.number}</Link> : null),
      },
      {
        id: 'kind',
        header: t('columns.kind'),
        // A manual message names who sent it.
        cell: ({ row }) => (row.original.sentBy ? `${t(`kind.${row.original.kind}`)} · ${row.original.sentBy.name}` : t(`kind.${row.original.kind}`)),
      },
      {
        id: 'status',
        header: t('columns.status'),
        cell: ({ row }) => (
          <span data-testid="message-status">
            <StatusBadge status={row.original.status} />
            {reasonOf(row.original) ? <span className="mt-1 block max-w-xs text-xs text-slate-600" title={reasonOf(row.original)!}>{reasonOf(row.original)}</span> : null}
          </span>
        ),
      },
      {
        id: 'view',
        header: () => <span className="sr-only">{common('actions')}</span>,
        cell: ({ row }) => (
          <Button variant="ghost" aria-label={t('viewMessage', { recipient: row.original.recipient })} onClick={() => setViewing(row.original.id)}>
            {t('view')}
          </Button>
        ),
      },
  ];

  return (
    <>
      <PageHeader title={t(`channelTitle.${channel}`)} />
      <Tabs value={channel}>
      <TabList label={t('channelsLabel')} className="-mt-3 mb-5" items={MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`), href: `/messages/${CHANNEL_SLUGS[c]}` }))} />
      <TabPanel value={channel} className="space-y-4">
        <SavedFilters
          scope={filterScopeOf(channel)}
          currentQuery={currentQuery}
          onApply={replaceQuery}
          labels={{ myFilters: t('myFilters'), noFilter: t('noFilter'), filterName: t('filterName'), saveFilter: t('saveFilter'), removeFilter: (name) => t('removeFilter', { name }) }}
        >
          {/* C15: the log as CSV or Excel — of the channel, or of its filters and search. */}
          <ExportMenu kind="messages" query={new URLSearchParams({ channel, ...(query ? { query } : {}), ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])) })} filtering={filtering || Boolean(query)} />
        </SavedFilters>
        <div>
          <label htmlFor="message-search" className="mb-1 block text-sm font-medium text-slate-700">{common('search')}</label>
          <input id="message-search" type="search" value={draft} placeholder={t('searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <fieldset className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-semibold text-slate-700">{t('filters')}</legend>
          <div>
            <label htmlFor="message-from" className="mb-1 block text-sm font-medium text-slate-700">{t('from')}</label>
            <input id="message-from" type="date" value={params.get('from') ?? ''} max={params.get('to') || undefined} onChange={(e) => update({ from: e.target.value || null, page: null })} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <div>
            <label htmlFor="message-to" className="mb-1 block text-sm font-medium text-slate-700">{t('to')}</label>
            <input id="message-to" type="date" value={params.get('to') ?? ''} min={params.get('from') || undefined} onChange={(e) => update({ to: e.target.value || null, page: null })} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <div>
            <label htmlFor="message-status" className="mb-1 block text-sm font-medium text-slate-700">{t('statusFilter')}</label>
            <select id="message-status" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value || null, page: null })} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
              <option value="">{t('any')}</option>
              {MESSAGE_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="message-kind" className="mb-1 block text-sm font-medium text-slate-700">{t('kindFilter')}</label>
            <select id="message-kind" value={filters.kind ?? ''} onChange={(e) => update({ kind: e.target.value || null, page: null })} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
              <option value="">{t('any')}</option>
              {MESSAGE_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
            </select>
          </div>
          {filtering ? <Button variant="ghost" onClick={() => update({ from: null, to: null, status: null, kind: null, page: null })}>{t('clearFilters')}</Button> : null}
        </fieldset>
        {list.error ? <Alert>{list.error.data?.fieldErrors ? Object.values(list.error.data.fieldErrors).join(' ') : list.error.message}</Alert> : null}
        {result ? <Alert tone="success">{result}</Alert> : null}
        {resend.error ? <Alert>{resend.error.data?.fieldErrors?.ids ?? resend.error.message}</Alert> : null}
        {mayResend && selected.size ? (
          <div role="toolbar" aria-label={t('selectionToolbar')} className="flex flex-wrap items-center gap-2 rounded-md border border-brand-200 bg-brand-50 p-2 text-sm">
            <span className="font-medium">{t('selectedCount', { count: selected.size })}</span>
            <Button disabled={resend.isPending} onClick={() => { setResult(null); resend.mutate({ ids: [...selected] }); }}>{t('resend')}</Button>
            <Button variant="ghost" onClick={clearSelection}>{t('clearSelection')}</Button>
          </div>
        ) : null}
        <DataTable caption={t(`channelTitle.${channel}`)} data={items} columns={columns} loading={list.isFetching} />
        <Pager page={page} hasMore={Boolean(list.data?.hasMore)} onPage={(p) => update({ page: p })} />
      </TabPanel>
      </Tabs>
      {viewing ? <MessageView id={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}
