'use client';
// Rows picked for a bulk action in a server-driven table (tickets, customers, messages): kept across
// pages by id, with the checkbox column — one per row, and one in the header for every row of the page.
import { useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';

export function useRowSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const clear = () => setSelected(new Set());

  /** The checkbox column for this page's rows; `labels` name the header's box and each row's. */
  function column<T extends { id: string }>(items: T[], labels: { page: string; row: (row: T) => string }): ColumnDef<T, unknown> {
    const allOnPage = items.length > 0 && items.every((x) => selected.has(x.id));
    return {
      id: 'select',
      header: () => <input type="checkbox" aria-label={labels.page} checked={allOnPage} onChange={(e) => items.forEach((x) => toggle(x.id, e.target.checked))} />,
      cell: ({ row }) => <input type="checkbox" aria-label={labels.row(row.original)} checked={selected.has(row.original.id)} onChange={(e) => toggle(row.original.id, e.target.checked)} />,
    };
  }

  return { selected, clear, column };
}
