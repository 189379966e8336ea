'use client';
// E4: the technician's tickets with reload (a button, or pulling the list down), search (number,
// title, customer, address) and the filters the tenant offers (E8). Online, the server answers
// (tech.list — the visibility rule applies there); offline, the same search and filters run over the
// device's copy, which holds only what the server sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { RefreshCw, Search } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Select } from '@/components/ui/controls';
import { normalizeText } from '@/lib/text';
import type { TechListItem } from './offline/types';
import { useTech } from './use-tech';
import { TicketCard } from './ticket-card';
import { SyncStatus } from './sync-status';

type Filters = { query?: string; localityId?: string; assigneeId?: string; categoryId?: string; stateId?: string };

/** The server's search and filters, over the device's copy. */
export function filterLocally(items: TechListItem[], f: Filters): TechListItem[] {
  const words = normalizeText(f.query ?? '').split(/\s+/).filter(Boolean);
  return items.filter((x) => {
    if (f.localityId && x.connection?.locality?.id !== f.localityId) return false;
    if (f.assigneeId && x.assignee?.id !== f.assigneeId) return false;
    if (f.categoryId && x.category?.id !== f.categoryId) return false;
    if (f.stateId && x.state.id !== f.stateId) return false;
    const text = normalizeText([x.number, x.title, x.customer?.name ?? '', x.connection?.address ?? ''].join(' '));
    return words.every((w) => text.includes(w));
  });
}

export function TechList() {
  const t = useTranslations('tech');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const { online, sync, syncing, snapshot: meta } = useTech();
  const [filters, setFilters] = useState<Filters>({});
  const server = useQuery({ ...trpc.tech.list.queryOptions(filters), enabled: online });
  const offered = meta?.home.filters;
  const items = online && server.data ? server.data : meta ? filterLocally(meta.list, filters) : undefined;

  // Pull to refresh: a downward drag from the top of the page reloads.
  const start = useRef<number | null>(null);
  useEffect(() => {
    const down = (e: TouchEvent) => (start.current = window.scrollY === 0 ? e.touches[0]!.clientY : null);
    const up = (e: TouchEvent) => {
      if (start.current !== null && e.changedTouches[0]!.clientY - start.current > 80) void reload();
      start.current = null;
    };
    window.addEventListener('touchstart', down, { passive: true });
    window.addEventListener('touchend', up, { passive: true });
    return () => {
      window.removeEventListener('touchstart', down);
      window.removeEventListener('touchend', up);
    };
  });

  async function reload() {
    await sync();
    if (online) await server.refetch();
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const pick = (name: string) => (f.get(name) ? String(f.get(name)) : undefined);
    setFilters({ query: pick('query'), localityId: pick('localityId'), assigneeId: pick('assigneeId'), categoryId: pick('categoryId'), stateId: pick('stateId') });
  }

  const select = (name: keyof Filters, label: string, options: { id: string; name: string }[] | null | undefined) =>
    options ? <Select label={label} name={name} defaultValue={filters[name] ?? ''} options={[{ value: '', label: t('list.any') }, ...options.map((o) => ({ value: o.id, label: o.name }))]} /> : null;

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t('myTickets')}</h1>
        <Button variant="secondary" onClick={() => void reload()} disabled={syncing} aria-label={t('list.reload')}>
          <RefreshCw aria-hidden className={`h-4 w-4 ${syncing ? 'animate-spin' : ''}`} />
          {t('list.reload')}
        </Button>
      </div>
      <SyncStatus />
      <form role="search" aria-label={t('list.search')} onSubmit={search} className="space-y-2">
        <div className="flex gap-2">
          <label className="sr-only" htmlFor="tech-search">{t('list.search')}</label>
          <input id="tech-search" name="query" type="search" enterKeyHint="search" defaultValue={filters.query} placeholder={t('list.searchHint')} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
          <Button type="submit" aria-label={t('list.search')}><Search aria-hidden className="h-4 w-4" /></Button>
        </div>
        {offered && (offered.localities || offered.technicians || offered.categories || offered.states) ? (
          <details className="rounded-md border border-slate-200 bg-white p-2">
            <summary className="cursor-pointer text-sm font-medium">{t('list.filters')}</summary>
            <div className="mt-2 grid gap-2" data-testid="tech-filters">
              {select('localityId', t('list.locality'), offered.localities)}
              {select('assigneeId', t('list.technician'), offered.technicians)}
              {select('categoryId', t('list.category'), offered.categories)}
              {select('stateId', t('list.state'), offered.states)}
              <Button type="submit">{t('list.apply')}</Button>
            </div>
          </details>
        ) : null}
      </form>
      {online && server.error ? <Alert>{server.error.message}</Alert> : null}
      {items === undefined ? <p role="status">{common('loading')}</p> : null}
      {items?.length === 0 ? <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{t('list.empty')}</p> : null}
      {items?.length ? (
        <ul className="space-y-2" aria-label={t('myTickets')}>
          {items.map((x) => (
            <li key={x.id}>
              <TicketCard ticket={x} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
