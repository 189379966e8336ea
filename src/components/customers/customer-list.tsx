'use client';
// A3: the customer list — accent-insensitive search over name, code, tax id and e-mail, status
// filter, sorting and paging, all kept in the URL so a view can be shared and reloaded. D2: the
// office selects customers (across pages) and sends them a push or an SMS.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ColumnDef } from '@tanstack/react-table';
import { useTRPC } from '@/trpc/react';
import { useRowSelection } from '@/components/ui/use-row-selection';
import type { RouterOutputs } from '@/trpc/types';
import { formatTaxId } from '@/lib/tax-id';
import { formatDate } from '@/lib/format';
import { listOrder } from '@/lib/list-order';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { MessageDialog } from '@/components/outreach/message-dialog';
import { OUTREACH_LIMITS } from '@/lib/outreach';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { useUrlState } from '@/components/ui/use-url-state';
import { ExportMenu } from '@/components/exports/export-menu';
import { Alert, Button } from '@/components/ui/controls';
import { CustomerStatusBadge } from './status-badges';

type Row = RouterOutputs['customers']['list']['items'][number];
const STATUSES = ['ACTIVE', 'DELETED', 'ALL'] as const;
const SORTS = ['name', 'code', 'createdAt'] as const;

export function CustomerList() {
  const t = useTranslations('customers');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const { params, update, query, page, draft, setDraft } = useUrlState();
  const { tenant, intl } = useStaffContext();
  const can = useCan();
  const outreach = useTranslations('outreach');
  const { selected, clear: clearSelection, column: selectionColumn } = useRowSelection();
  const [sent, setSent] = useState<string | null>(null);

  const status = STATUSES.find((s) => s === params.get('status')) ?? 'ACTIVE';
  // Unset in the URL: the server's default — by name, or newest first while searching.
  const chosenSort = SORTS.find((s) => s === params.get('sort'));
  const chosenDirection = params.get('dir') === 'desc' ? 'desc' : params.get('dir') === 'asc' ? 'asc' : undefined;
  const shown = listOrder({ sort: chosenSort, direction: chosenDirection }, query.trim() !== '');


  const list = useQuery({
    ...trpc.customers.list.queryOptions({ query: query || undefined, status, sort: chosenSort, direction: chosenDirection, page, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      { id: 'code', header: t('code'), cell: ({ row }) => <span className="font-mono text-xs">{row.original.code}</span> },
      {
        id: 'name',
        header: t('name'),
        cell: ({ row }) => (
          <Link href={`/customers/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
            {row.original.name}
          </Link>
        ),
      },
      { id: 'taxId', header: t('taxId'), cell: ({ row }) => formatTaxId(row.original.taxIdType, row.original.taxId) },
      { id: 'contact', header: t('contact'), cell: ({ row }) => <span className="text-slate-700">{row.original.emails[0] ?? row.original.phones[0] ?? ''}</span> },
      { id: 'locality', header: t('locality'), cell: ({ row }) => row.original.locality?.name ?? '' },
      { id: 'connections', header: t('connectionsCount'), cell: ({ row }) => row.original.connectionCount },
      { id: 'status', header: t('status'), cell: ({ row }) => <CustomerStatusBadge status={row.original.status} /> },
      { id: 'createdAt', header: t('createdAt'), cell: ({ row }) => formatDate(row.original.createdAt, intl, tenant.timeZone) },
    ],
    [t, intl, tenant.timeZone],
  );

  const items = list.data?.items ?? [];
  const selectColumn = selectionColumn(items, { page: outreach('selectPage'), row: (r) => outreach('selectCustomer', { name: r.name }) });
  const selecting = can('messages.send');
  const tooMany = selected.size > OUTREACH_LIMITS.customers;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="customer-search" className="mb-1 block text-sm font-medium text-slate-700">
            {common('search')}
          </label>
          <input
            id="customer-search"
            type="search"
            value={draft}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => setDraft(e.target.value)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="customer-status" className="mb-1 block text-sm font-medium text-slate-700">
            {t('status')}
          </label>
          <select id="customer-status" value={status} onChange={(e) => update({ status: e.target.value === 'ACTIVE' ? null : e.target.value, page: null })} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statusFilter.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {/* C15: the list as CSV or Excel — every active customer, or the search and status shown. */}
        <ExportMenu kind="customers" query={new URLSearchParams({ status, ...(query ? { query } : {}) })} filtering={status !== 'ACTIVE' || Boolean(query)} />
      </div>
      {list.error ? <Alert>{list.error.message}</Alert> : null}
      {sent ? <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm">{sent}</p> : null}
      {selecting && selected.size ? (
        <div role="toolbar" aria-label={outreach('selectionToolbar')} className="flex flex-wrap items-center gap-2 rounded-md border border-brand-200 bg-brand-50 p-2 text-sm">
          <span className="font-medium">{outreach('selected', { count: selected.size })}</span>
          <MessageDialog
            target={{ kind: 'customers', customerIds: [...selected] }}
            label={outreach('send')}
            disabled={tooMany}
            onSent={(text) => {
              setSent(text);
              clearSelection();
            }}
          />
          <Button variant="ghost" onClick={clearSelection}>{outreach('clearSelection')}</Button>
          {tooMany ? <span className="text-red-700">{outreach('selectionTooLarge', { max: OUTREACH_LIMITS.customers })}</span> : null}
        </div>
      ) : null}
      <DataTable
        caption={t('title')}
        data={items}
        columns={selecting ? [selectColumn, ...columns] : columns}
        loading={list.isFetching}
        sortable={['name', 'code', 'createdAt']}
        sort={{ id: shown.sort, direction: shown.direction }}
        onSort={(s) => update({ sort: s.id, dir: s.direction, page: null })}
      />
      <Pager page={page} hasMore={Boolean(list.data?.hasMore)} onPage={(p) => update({ page: p })} />
    </div>
  );
}
