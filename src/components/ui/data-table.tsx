'use client';
// A server-driven table on @tanstack/react-table: the server sorts and pages, the table renders
// and reports header clicks. Sortable headers are buttons with aria-sort. A table wider than the
// page scrolls sideways in its own box, never the page: the box is `relative`, so the cells'
// visually hidden texts (absolutely positioned) stay inside it instead of widening the page.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';

export type SortState = { id: string; direction: 'asc' | 'desc' };

export function DataTable<T>({ data, columns, sortable = [], sort, onSort, caption, loading }: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  sortable?: string[];
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  caption: string;
  loading?: boolean;
}) {
  const t = useTranslations('common');
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true });
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-busy={loading}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const active = sort?.id === id;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined} className="whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700">
                    {sortable.includes(id) && onSort ? (
                      <button type="button" className="inline-flex items-center gap-1 hover:underline" onClick={() => onSort({ id, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}>
                        {label}
                        {active ? sort.direction === 'asc' ? <ArrowUp aria-hidden className="h-3.5 w-3.5" /> : <ArrowDown aria-hidden className="h-3.5 w-3.5" /> : <ArrowUpDown aria-hidden className="h-3.5 w-3.5 text-slate-400" />}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2 align-top">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
          {!loading && data.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-600">
                {t('noResults')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
