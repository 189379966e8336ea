'use client';
// "Mis filtros": a list's named views (its query string), per user, kept on the server under the
// list's scope. Choosing one replaces the list's URL; the current view can be saved under a name,
// or removed when it is a saved one. A list's other view controls (e.g. the grid's columns menu)
// may be passed as children to sit in the same row.
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { RouterInputs } from '@/trpc/types';
import { Alert, Button } from './controls';

type Scope = RouterInputs['preferences']['filters']['scope'];
type Labels = { myFilters: string; noFilter: string; filterName: string; saveFilter: string; removeFilter: (name: string) => string };

export function SavedFilters({
  scope,
  currentQuery,
  onApply,
  labels,
  children,
}: {
  scope: Scope;
  currentQuery: string;
  onApply: (query: string) => void;
  labels: Labels;
  children?: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useQuery(trpc.preferences.filters.queryOptions({ scope }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.preferences.filters.queryKey({ scope }) });
  const save = useMutation(trpc.preferences.saveFilter.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.preferences.removeFilter.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const current = filters.data?.find((f) => f.query === currentQuery);
  const id = `saved-filters-${scope}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{labels.myFilters}</label>
          <select
            id={id}
            value={current?.id ?? ''}
            onChange={(e) => {
              const chosen = filters.data?.find((f) => f.id === e.target.value);
              if (chosen) onApply(chosen.query);
            }}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="">{labels.noFilter}</option>
            {(filters.data ?? []).map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
          </select>
        </div>
        {current ? (
          <Button variant="ghost" onClick={() => remove.mutate({ id: current.id })}>{labels.removeFilter(current.name)}</Button>
        ) : (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ scope, name, query: currentQuery }, { onSuccess: () => setName('') });
            }}
          >
            <div>
              <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-slate-700">{labels.filterName}</label>
              <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
            </div>
            <Button type="submit" variant="secondary" disabled={!name.trim() || save.isPending}>{labels.saveFilter}</Button>
          </form>
        )}
        {children}
      </div>
      {save.error ? <Alert>{save.error.data?.fieldErrors?.name ?? save.error.message}</Alert> : null}
    </div>
  );
}
