'use client';
// C1–C3: the ticket grid — tabs Pending / Finished / Closed with their counts, an accent-insensitive
// search bar and the advanced search, newest first, paged by the server. Tab, search, filters and
// page live in the URL.
import { ScheduleBadge } from '@/components/scheduling/ticket-schedule';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { WorkStatusBadge } from './work-status-badge';
import type { ColumnDef } from '@tanstack/react-table';
import { useTRPC } from '@/trpc/react';
import { formatVisit } from '@/lib/visits';
import { useRowSelection } from '@/components/ui/use-row-selection';
import type { RouterOutputs } from '@/trpc/types';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { numberFormat } from '@/lib/intl-cache';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { useUrlState } from '@/components/ui/use-url-state';
import { Alert, Button } from '@/components/ui/controls';
import { ConfirmButton, ConfirmDialog } from '@/components/ui/confirm-button';
import { TabList, TabPanel, Tabs } from '@/components/ui/tabs';
import { Image as ImageIcon, MessageSquare, Paperclip, type LucideIcon, Star } from 'lucide-react';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { activeFilterKeys, filtersFromParams } from '@/lib/ticket-filters';
import { SavedFilters } from '@/components/ui/saved-filters';
import { TicketFiltersPanel } from './ticket-filters';
import { ExportMenu } from '@/components/exports/export-menu';
import { TICKET_EXPORT_COLUMNS } from '@/lib/exports';

type Row = RouterOutputs['tickets']['list']['items'][number];
const TABS = ['PENDING', 'FINISHED', 'CLOSED'] as const;
/** Each order has its one direction (and its index): newest, due soonest, latest status change. */
const SORTS = ['number', 'due', 'lastStatus'] as const;
const SORT_DIRECTION = { number: 'desc', due: 'asc', lastStatus: 'desc' } as const;
const COMPLEXITY_COLOR = { HIGH: 'text-red-600', MEDIUM: 'text-amber-500', LOW: 'text-slate-400' } as const;

/** A narrow column's heading: its icon, named for screen readers and in a tooltip. */
function IconHeader({ icon: Icon, label }: { icon: LucideIcon; label: string }) {
  return (
    <span title={label} className="inline-flex">
      <Icon aria-hidden className="h-4 w-4" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** G2: "Empresa" and its "Info empresa" popover — every value rendered as text. */
function CompanyCell({ company, accepted }: { company: Row['company']; accepted: boolean }) {
  const tc = useTranslations('companies');
  if (!company) return <span className="text-slate-500">—</span>;
  return (
    <span className="block min-w-32" data-testid="ticket-company">
      <span className="font-medium">{company.name}</span>
      <span className={`block text-xs ${accepted ? 'text-green-800' : 'text-amber-800'}`}>{accepted ? tc('taken') : tc('awaiting')}</span>
      <details className="relative text-xs">
        <summary className="cursor-pointer text-brand-700 hover:underline" aria-label={tc('infoOf', { name: company.name })}>{tc('info')}</summary>
        <dl className="absolute z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-3 shadow-lg" data-testid="company-info">
          {(['name', 'taxId', 'contactName', 'phone', 'email', 'zone'] as const).map((k) =>
            company[k] ? (
              <div key={k} className="mb-1">
                <dt className="text-slate-600">{tc(`field.${k}`)}</dt>
                <dd className="break-words">{company[k]}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </details>
    </span>
  );
}

export function TicketGrid() {
  const t = useTranslations('tickets');
  const common = useTranslations('common');
  const ts = useTranslations('survey');
  const te = useTranslations('equipment');
  const enums = useTranslations('enums');
  const tw = useTranslations('workStatus');
  const trpc = useTRPC();
  const { params, update, replaceQuery, query, page, draft, setDraft } = useUrlState();
  const { tenant, intl } = useStaffContext();
  const billing = useCan()('billing.read');

  const tab = TABS.find((x) => x === params.get('tab')) ?? 'PENDING';
  const sort = SORTS.find((x) => x === params.get('sort')) ?? 'number';
  // C3: the advanced search, read from the URL (a value that does not parse is ignored).
  const advanced = filtersFromParams(new URLSearchParams(params));
  const filtering = activeFilterKeys(advanced).length > 0;

  const list = useQuery({
    ...trpc.tickets.list.queryOptions({ tab, sort, query: query || undefined, filters: filtering ? advanced : undefined, page, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });
  const queryClient = useQueryClient();
  // C1: the columns this user hides, kept on the server.
  const hiddenKey = { key: 'tickets.hiddenColumns' } as const;
  const hidden = useQuery(trpc.preferences.get.queryOptions(hiddenKey));
  const setHidden = useMutation(trpc.preferences.set.mutationOptions({ onSuccess: (value) => queryClient.setQueryData(trpc.preferences.get.queryKey(hiddenKey), value) }));
  // The choice being saved, shown at once: set in the click's own event, so the controlled checkbox
  // never snaps back while the mutation's state arrives a tick later. Dropped when the save settles.
  const [savingHidden, setSavingHidden] = useState<string[] | null>(null);
  // C3: the selection and what a mass action did.
  const { selected, clear: clearSelection, column: selectionColumn } = useRowSelection();
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  // A state of the Closed stage closes the selection: asked first, like the Close button.
  const [closingState, setClosingState] = useState<{ id: string; name: string } | null>(null);
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  const bulk = useMutation(
    trpc.tickets.bulk.mutationOptions({
      onSuccess: async (r) => {
        setBulkResult(
          [
            t('bulkDone', { count: r.done.length }),
            r.unchanged.length ? t('bulkUnchanged', { count: r.unchanged.length }) : null,
            ...r.refused.map((x) => t('bulkRefused', { number: x.number, reason: x.message })),
          ]
            .filter(Boolean)
            .join(' '),
        );
        clearSelection();
        await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
      },
    }),
  );
  const currentQuery = (() => {
    const p = new URLSearchParams(params);
    p.delete('page');
    return p.toString();
  })();

  const items = list.data?.items ?? [];
  const selectColumn = selectionColumn(items, { page: t('selectPage'), row: (r) => t('selectTicket', { number: r.number }) });

  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      { id: 'number', header: t('columns.number'), cell: ({ row }) => <span className="font-mono text-xs">#{row.original.number}</span> },
      {
        id: 'title',
        header: t('columns.title'),
        cell: ({ row }) => (
          // A long title wraps over up to three lines, the rest in its tooltip, so the row stays readable.
          <span className="block min-w-48 font-medium">
            <Link href={`/tickets/${row.original.id}`} title={row.original.title} className="line-clamp-3 text-brand-700 hover:underline">{row.original.title}</Link>
            {row.original.callNumber ? <span className="block text-xs font-normal text-slate-600">{t('callNumberValue', { value: row.original.callNumber })}</span> : null}
          </span>
        ),
      },
      { id: 'customer', header: t('columns.customer'), cell: ({ row }) => (row.original.customerName ? <span>{row.original.customerName}<span className="block font-mono text-xs text-slate-600">{row.original.customerCode}</span></span> : <span className="text-slate-500">{t('internal')}</span>) },
      { id: 'assignee', header: t('columns.assignee'), cell: ({ row }) => row.original.assigneeName ?? <span className="text-slate-500">{t('unassigned')}</span> },
      // G2: the partner company holding the ticket, whether it took it over, and its "Info empresa".
      { id: 'company', header: t('columns.company'), cell: ({ row }) => <CompanyCell company={row.original.company} accepted={row.original.companyAccepted} /> },
      {
        id: 'priority',
        header: t('columns.priority'),
        cell: ({ row }) =>
          row.original.priorityName ? (
            <span className="inline-flex items-center gap-1">
              <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" style={{ color: row.original.priorityColor ?? undefined }}><path fill="currentColor" d="M3 1h1v14H3zM5 2h8l-2 3 2 3H5z" /></svg>
              {row.original.priorityName}
            </span>
          ) : null,
      },
      {
        id: 'complexity',
        header: t('columns.complexity'),
        cell: ({ row }) =>
          row.original.complexity ? (
            <span className={`inline-flex items-center gap-1 ${COMPLEXITY_COLOR[row.original.complexity]}`}>
              <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4"><path fill="currentColor" d="M10.5 1a4.5 4.5 0 0 0-4.3 5.9L1 12.1V15h2.9l5.2-5.2A4.5 4.5 0 1 0 10.5 1z" /></svg>
              <span className="text-slate-800">{t(`complexity.${row.original.complexity}`)}</span>
            </span>
          ) : null,
      },
      {
        id: 'billable',
        header: t('columns.billable'),
        cell: ({ row }) =>
          row.original.billable ? (
            <span className="font-semibold text-green-700" title={t('billable')}>
              {'price' in row.original && row.original.price != null ? formatMoney(row.original.price, tenant.currency, intl) : '$'}
              <span className="sr-only"> {t('billable')}</span>
            </span>
          ) : null,
      },
      {
        id: 'due',
        header: t('columns.due'),
        cell: ({ row }) =>
          row.original.dueAt ? (
            <span className={row.original.overdue ? 'font-semibold text-red-700' : ''}>
              {formatDate(row.original.dueAt, intl, tenant.timeZone)}
              {row.original.overdue ? <span className="block text-xs">{t('overdue')}</span> : null}
            </span>
          ) : null,
      },
      {
        id: 'visit',
        header: t('columns.visit'),
        cell: ({ row }) => (row.original.visitStart && row.original.visitEnd ? <span className="whitespace-nowrap">{formatVisit(row.original.visitStart, row.original.visitEnd, intl, tenant.timeZone)}</span> : null),
      },
      {
        id: 'category',
        header: t('columns.category'),
        cell: ({ row }) => (
          <span>
            {row.original.categoryName ? (
              <span className="inline-flex items-center gap-1">
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: row.original.categoryColor ?? undefined }} />
                {row.original.categoryName}
              </span>
            ) : null}
            {row.original.pqrs ? <span className="block text-xs text-slate-600">{t(`pqrs.${row.original.pqrs}`)}</span> : null}
          </span>
        ),
      },
      { id: 'state', header: t('columns.state'), cell: ({ row }) => row.original.stateName },
      // G3: where the work is, beside the tenant's own state.
      { id: 'workStatus', header: tw('column'), cell: ({ row }) => <WorkStatusBadge status={row.original.workStatus} /> },
      {
        id: 'changes',
        header: t('columns.changes'),
        cell: ({ row }) =>
          row.original.unseenChanges > 0 ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" title={t('newChanges', { count: row.original.unseenChanges })}>
              +{row.original.unseenChanges}
              <span className="sr-only"> {t('newChanges', { count: row.original.unseenChanges })}</span>
            </span>
          ) : null,
      },
      {
        id: 'comments',
        header: () => <IconHeader icon={MessageSquare} label={t('columns.comments')} />,
        cell: ({ row }) =>
          row.original.commentCount > 0 ? (
            <span title={t('commentsCount', { count: row.original.commentCount })} className="inline-flex items-center gap-1">
              <MessageSquare aria-hidden className="h-4 w-4 text-slate-500" />
              {row.original.commentCount}
              <span className="sr-only"> {t('commentsCount', { count: row.original.commentCount })}</span>
            </span>
          ) : null,
      },
      {
        // C8: how many files, and how many of them images; the view previews them.
        id: 'files',
        header: () => <IconHeader icon={Paperclip} label={t('columns.files')} />,
        cell: ({ row }) =>
          row.original.fileCount > 0 ? (
            <span title={t('filesCount', { count: row.original.fileCount, images: row.original.imageCount })} data-testid="file-count" className="inline-flex items-center gap-1">
              {row.original.imageCount > 0 ? <ImageIcon aria-hidden className="h-4 w-4 text-slate-500" /> : <Paperclip aria-hidden className="h-4 w-4 text-slate-500" />}
              {row.original.fileCount}
              <span className="sr-only"> {t('filesCount', { count: row.original.fileCount, images: row.original.imageCount })}</span>
            </span>
          ) : null,
      },
      // G1: the ISP's own call number (the technician sees it too).
      { id: 'callNumber', header: t('columns.callNumber'), cell: ({ row }) => (row.original.callNumber ? <span className="font-mono text-xs">{row.original.callNumber}</span> : null) },
      { id: 'opened', header: t('columns.opened'), cell: ({ row }) => formatDate(row.original.openedAt, intl, tenant.timeZone) },
      { id: 'closed', header: t('columns.closed'), cell: ({ row }) => (row.original.closedAt ? formatDate(row.original.closedAt, intl, tenant.timeZone) : null) },
      // G4: the intervention's date — to schedule, awaiting the customer or the company, agreed.
      { id: 'intervention', header: t('columns.intervention'), cell: ({ row }) => <span data-testid="grid-intervention"><ScheduleBadge status={row.original.scheduleStatus} /></span> },
      // G6: the kilometres the technician declared on completion.
      { id: 'kilometres', header: t('columns.kilometres'), cell: ({ row }) => (row.original.kilometres != null ? <span className="tabular-nums" data-testid="grid-kilometres">{numberFormat(intl, { maximumFractionDigits: 1 }).format(row.original.kilometres)} km</span> : null) },
      // G8/G9: billing columns — the server sends their values only with billing.read.
      ...(billing
        ? ([
            { id: 'productsTotal', header: t('columns.productsTotal'), cell: ({ row }) => ('productsTotal' in row.original && row.original.productsTotal ? <Link href={`/tickets/${row.original.id}?tab=products`} className="tabular-nums text-brand-700 hover:underline" data-testid="grid-products-total">{formatMoney(row.original.productsTotal, tenant.currency, intl)}</Link> : null) },
            { id: 'cost', header: t('columns.cost'), cell: ({ row }) => ('cost' in row.original && row.original.cost != null ? <span className="tabular-nums">{formatMoney(row.original.cost, tenant.currency, intl)}</span> : null) },
            {
              id: 'collected',
              header: t('columns.collected'),
              cell: ({ row }) => {
                const r = row.original;
                if (!('collectedAmount' in r) || r.collectedAmount == null) return null;
                const short = r.cost != null && r.collectedAmount < r.cost;
                return <span className={`tabular-nums ${short ? 'text-amber-800' : 'text-green-800'}`}>{formatMoney(r.collectedAmount, tenant.currency, intl)}</span>;
              },
            },
          ] satisfies ColumnDef<Row, unknown>[])
        : []),
      { id: 'lastStatus', header: t('columns.lastStatus'), cell: ({ row }) => formatDateTime(row.original.statusChangedAt, intl, tenant.timeZone) },
      // H5: the customer's satisfaction rating, once given.
      // G7: "Info productos" — the equipment the ticket is about.
      {
        id: 'equipment',
        header: te('infoProducts'),
        cell: ({ row }) => {
          const e = row.original.equipment;
          return e ? (
            <span className="text-xs" data-testid="grid-equipment">
              {enums(`equipmentType.${e.type}`)} · {e.brand} {e.model}
              {e.serial ? <span className="block font-mono">{te('serialShort')} {e.serial}</span> : null}
            </span>
          ) : null;
        },
      },
      { id: 'rating', header: ts('column'), cell: ({ row }) => (row.original.rating !== null ? <span data-testid="ticket-rating" title={`${ts('column')}: ${row.original.rating}/5`} className="whitespace-nowrap font-semibold text-amber-700"><Star aria-hidden className="mr-0.5 inline h-3.5 w-3.5 fill-current" />{row.original.rating}<span className="sr-only"> / 5</span></span> : null) },
    ],
    [t, ts, te, tw, enums, billing, intl, tenant.currency, tenant.timeZone],
  );

  const counts = list.data?.counts;
  // With filters each tab counts up to a cap: above it, "100+".
  const countCap = list.data?.countCap ?? null;
  const shownCount = (n: number) => (countCap !== null && n > countCap ? t('countAtLeast', { count: countCap }) : String(n));
  const hiddenValue = savingHidden ?? hidden.data;
  const hiddenColumns = new Set<string>(Array.isArray(hiddenValue) ? hiddenValue : []);
  const shownColumns = [selectColumn, ...columns.filter((c) => !hiddenColumns.has(c.id!))];
  const ids = [...selected];
  const activeStates = (config.data?.states ?? []).filter((x) => !x.archivedAt);
  const activeCategories = (config.data?.categories ?? []).filter((x) => !x.archivedAt && x.inUse);
  const choosable = columns.filter((c) => c.id !== 'number' && c.id !== 'title');
  // C15: the export reads what the grid shows — the tab, the search and filters, the columns shown.
  const exportQuery = new URLSearchParams({ tab });
  if (query) exportQuery.set('query', query);
  for (const key of activeFilterKeys(advanced)) exportQuery.set(key, String(advanced[key]));
  exportQuery.set('columns', columns.map((c) => c.id!).filter((id) => !hiddenColumns.has(id) && (TICKET_EXPORT_COLUMNS as readonly string[]).includes(id)).join(','));
  return (
    <Tabs value={tab} onValueChange={(x) => update({ tab: x === 'PENDING' ? null : x, page: null })} className="space-y-4">
      <TabList
        label={t('tabsLabel')}
        items={TABS.map((x) => ({
          value: x,
          label: (
            <>
              {t(`tabs.${x}`)} <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs">{counts ? shownCount(counts[x]) : '…'}</span>
            </>
          ),
        }))}
      />
      {/* C4: "Mis filtros" — named views of this grid (its query string); C1: the columns menu. */}
      <SavedFilters
        scope="tickets"
        currentQuery={currentQuery}
        onApply={replaceQuery}
        labels={{ myFilters: t('myFilters'), noFilter: t('noFilter'), filterName: t('filterName'), saveFilter: t('saveFilter'), removeFilter: (name) => t('removeFilter', { name }) }}
      >
        <details className="relative">
          <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">{t('columnsMenu')}</summary>
          <fieldset className="absolute z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow">
            <legend className="sr-only">{t('columnsMenu')}</legend>
            {choosable.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={!hiddenColumns.has(c.id!)}
                  onChange={(e) => {
                    const next = new Set(hiddenColumns);
                    if (e.target.checked) next.delete(c.id!);
                    else next.add(c.id!);
                    const value = [...next];
                    setSavingHidden(value);
                    // A later click's choice stays until its own save settles.
                    setHidden.mutate({ key: 'tickets.hiddenColumns', value: value as never }, { onSettled: () => setSavingHidden((shown) => (shown === value ? null : shown)) });
                  }}
                />
                {c.id === 'workStatus' ? tw('column') : t(`columns.${c.id as 'state'}`)}
              </label>
            ))}
          </fieldset>
        </details>
        <ExportMenu kind="tickets" query={exportQuery} filtering={filtering || Boolean(query)} />
      </SavedFilters>
      <div>
        <label htmlFor="ticket-search" className="mb-1 block text-sm font-medium text-slate-700">{common('search')}</label>
        <input id="ticket-search" type="search" value={draft} placeholder={t('searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <TicketFiltersPanel filters={advanced} onChange={(changes) => update({ ...changes, page: null })} />
      {list.error ? <Alert>{list.error.message}</Alert> : null}
      {bulkResult ? <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm">{bulkResult}</p> : null}
      {bulk.error ? <Alert>{bulk.error.message}</Alert> : null}
      {selected.size ? (
        <div role="toolbar" aria-label={t('bulkToolbar')} className="flex flex-wrap items-center gap-2 rounded-md border border-brand-200 bg-brand-50 p-2 text-sm">
          <span className="font-medium">{t('selectedCount', { count: selected.size })}</span>
          <select aria-label={t('bulkAssign')} value="" onChange={(e) => e.target.value && bulk.mutate({ ids, action: { kind: 'assign', assigneeId: e.target.value === '-' ? null : e.target.value } })} className="rounded-md border border-slate-300 px-2 py-1">
            <option value="">{t('bulkAssign')}</option>
            <option value="-">{t('unassigned')}</option>
            {(config.data?.technicians ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
          <select
            aria-label={t('bulkState')}
            value=""
            onChange={(e) => {
              const state = activeStates.find((x) => x.id === e.target.value);
              if (!state) return;
              if (state.stage === 'CLOSED') setClosingState(state);
              else bulk.mutate({ ids, action: { kind: 'state', stateId: state.id } });
            }}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">{t('bulkState')}</option>
            {activeStates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          <select aria-label={t('bulkCategory')} value="" onChange={(e) => e.target.value && bulk.mutate({ ids, action: { kind: 'category', categoryId: e.target.value } })} className="rounded-md border border-slate-300 px-2 py-1">
            <option value="">{t('bulkCategory')}</option>
            {activeCategories.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          <ConfirmButton
            variant="secondary"
            label={t('bulkClose')}
            question={t('bulkCloseQuestion', { count: selected.size })}
            confirmLabel={t('bulkCloseConfirm', { count: selected.size })}
            disabled={bulk.isPending}
            onConfirm={() => bulk.mutate({ ids, action: { kind: 'close' } })}
          />
          <ConfirmDialog
            open={closingState !== null}
            question={t('bulkStateCloseQuestion', { count: selected.size, state: closingState?.name ?? '' })}
            confirmLabel={t('bulkCloseConfirm', { count: selected.size })}
            onCancel={() => setClosingState(null)}
            onConfirm={() => {
              if (closingState) bulk.mutate({ ids, action: { kind: 'state', stateId: closingState.id } });
              setClosingState(null);
            }}
          />
          <Button variant="ghost" onClick={clearSelection}>{t('clearSelection')}</Button>
        </div>
      ) : null}
      <TabPanel value={tab}>
        <DataTable
          caption={t('title')}
          data={items}
          columns={shownColumns}
          loading={list.isFetching}
          sortable={[...SORTS]}
          sort={{ id: sort, direction: SORT_DIRECTION[sort] }}
          onSort={(s) => update({ sort: s.id === 'number' ? null : s.id, page: null })}
        />
      </TabPanel>
      <Pager page={page} hasMore={Boolean(list.data?.hasMore)} onPage={(p) => update({ page: p })} />
    </Tabs>
  );
}
