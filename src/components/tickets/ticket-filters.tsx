'use client';
// C3 advanced search: a panel of the grid's filters — the ticket's own fields and its connection's
// (node, plan, locality, status) — and the active ones as chips, each removable, with one button
// to clear them all. The filters live in the URL (the grid's useUrlState), so a view can be
// shared, reloaded and saved in "Mis filtros".
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDate } from '@/lib/format';
import { activeFilterKeys, COMPLEXITIES, CONNECTION_STATUSES, TICKET_CHANNELS, TICKET_FILTER_KEYS, type TicketFilterKey, type TicketFilters } from '@/lib/ticket-filters';
import { WORK_STATUSES } from '@/lib/work-status';
import { Button, Checkbox, Select, TextInput } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { X } from 'lucide-react';

type Option = { value: string; label: string };

export function TicketFiltersPanel({ filters, onChange }: { filters: TicketFilters; onChange: (changes: Partial<Record<TicketFilterKey, string | null>>) => void }) {
  const t = useTranslations('tickets');
  const f = useTranslations('tickets.advanced');
  const enums = useTranslations('enums');
  const tw = useTranslations('workStatus');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const { intl } = useStaffContext();
  const can = useCan();
  const panelId = useId();
  const active = activeFilterKeys(filters);
  const [open, setOpen] = useState(false);
  // The lists feed the selects, and name the active filters in the chips.
  const needed = open || active.length > 0;
  const config = useQuery({ ...trpc.ticketConfig.get.queryOptions(), enabled: needed });
  // G2: a partner company's users do not read the tenant's catalogue.
  const catalog = needed && can('catalog.read');
  const nodes = useQuery({ ...trpc.catalog.nodes.queryOptions(), enabled: catalog });
  const plans = useQuery({ ...trpc.catalog.plans.queryOptions(), enabled: catalog });
  const localities = useQuery({ ...trpc.catalog.localities.queryOptions(), enabled: catalog });
  // G2: the office filters by partner company (a company's users see only their own tickets anyway).
  const companies = useQuery({ ...trpc.companies.options.queryOptions(), enabled: needed && can('tickets.handOver') });

  const named = (items: { id: string; name: string; archivedAt?: Date | null }[] | undefined): Option[] =>
    (items ?? []).map((i) => ({ value: i.id, label: i.archivedAt ? f('archived', { name: i.name }) : i.name }));
  const options: Record<TicketFilterKey, Option[]> = {
    areaId: named(config.data?.areas),
    categoryId: named(config.data?.categories),
    priorityId: named(config.data?.priorities),
    stateId: named(config.data?.states),
    assigneeId: [{ value: 'unassigned', label: t('unassigned') }, ...named(config.data?.technicians)],
    complexity: COMPLEXITIES.map((k) => ({ value: k, label: t(`complexity.${k}`) })),
    billable: [
      { value: 'true', label: f('billableYes') },
      { value: 'false', label: f('billableNo') },
    ],
    overdue: [{ value: 'true', label: f('overdue') }],
    pqrs: (config.data?.pqrs ?? []).map((k) => ({ value: k, label: t(`pqrs.${k}`) })),
    channel: TICKET_CHANNELS.map((k) => ({ value: k, label: enums(`ticketChannel.${k}`) })),
    openedFrom: [],
    openedTo: [],
    nodeId: named(nodes.data),
    planId: named(plans.data),
    localityId: named(localities.data),
    connectionStatus: CONNECTION_STATUSES.map((k) => ({ value: k, label: enums(`connectionStatus.${k}`) })),
    workStatus: WORK_STATUSES.map((k) => ({ value: k, label: enums(`workStatus.${k}`) })),
    companyId: [{ value: 'own', label: f('ownTickets') }, ...named(companies.data)],
  };
  /** A filter's name (G3's work status has its own namespace). */
  const fieldLabel = (key: TicketFilterKey) => (key === 'workStatus' ? tw('filter') : f(`field.${key}`));
  const raw = (key: TicketFilterKey) => (filters[key] === undefined ? '' : String(filters[key]));
  /** What a chip says: the field, and the value as the user chose it (a name, a date in the tenant's format). */
  const shown = (key: TicketFilterKey): string => {
    const value = raw(key);
    if (key === 'openedFrom' || key === 'openedTo') return formatDate(`${value}T12:00:00Z`, intl, 'UTC');
    if (key === 'overdue') return common('yes');
    return options[key].find((o) => o.value === value)?.label ?? f('unavailable');
  };
  const select = (key: TicketFilterKey) => (
    <Select key={key} label={fieldLabel(key)} name={key} value={raw(key)} onChange={(e) => onChange({ [key]: e.target.value || null })} options={[{ value: '', label: f('any') }, ...options[key]]} />
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((x) => !x)}>
          {f('toggle')}
          {active.length ? <span className="rounded-full bg-brand-100 px-2 text-xs text-brand-800">{active.length}</span> : null}
        </Button>
        {active.length ? (
          <>
            <ul aria-label={f('active')} className="flex flex-wrap gap-2">
              {active.map((key) => {
                const label = f('chip', { field: fieldLabel(key), value: shown(key) });
                return (
                  <li key={key} className="inline-flex items-center gap-1 rounded-full border border-brand-200 bg-brand-50 py-0.5 pl-3 pr-1 text-sm text-brand-800">
                    {label}
                    <button type="button" aria-label={f('remove', { filter: label })} onClick={() => onChange({ [key]: null })} className="rounded-full p-1 hover:bg-brand-100">
                      <X aria-hidden className="h-3.5 w-3.5" />
                    </button>
                  </li>
                );
              })}
            </ul>
            <Button variant="ghost" onClick={() => onChange(Object.fromEntries(TICKET_FILTER_KEYS.map((k) => [k, null])))}>{f('clear')}</Button>
          </>
        ) : null}
      </div>
      {open ? (
        <div id={panelId} role="group" aria-label={f('panel')} className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 lg:grid-cols-3">
          <fieldset className="grid gap-3 sm:grid-cols-2 lg:col-span-2">
            <legend className="mb-1 text-sm font-semibold text-slate-900">{f('ticketGroup')}</legend>
            {select('categoryId')}
            {select('stateId')}
            {select('workStatus')}
            {select('assigneeId')}
            {select('priorityId')}
            {select('areaId')}
            {select('complexity')}
            {select('billable')}
            {select('channel')}
            {can('tickets.handOver') ? select('companyId') : null}
            {options.pqrs.length ? select('pqrs') : null}
            <TextInput label={f('field.openedFrom')} type="date" name="openedFrom" value={raw('openedFrom')} max={raw('openedTo') || undefined} onChange={(e) => onChange({ openedFrom: e.target.value || null })} />
            <TextInput label={f('field.openedTo')} type="date" name="openedTo" value={raw('openedTo')} min={raw('openedFrom') || undefined} onChange={(e) => onChange({ openedTo: e.target.value || null })} />
            <div className="flex items-end pb-2">
              <Checkbox label={f('overdue')} name="overdue" checked={filters.overdue === true} onChange={(e) => onChange({ overdue: e.target.checked ? 'true' : null })} />
            </div>
          </fieldset>
          <fieldset className="grid content-start gap-3">
            <legend className="mb-1 text-sm font-semibold text-slate-900">{f('connectionGroup')}</legend>
            {select('nodeId')}
            {select('planId')}
            {select('localityId')}
            {select('connectionStatus')}
          </fieldset>
        </div>
      ) : null}
    </div>
  );
}
