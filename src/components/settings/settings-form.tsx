'use client';
// What every settings card shares: its loader (the saved view, or the error, or "Cargando…") and its
// save button (not shown to a role that only reads the settings).
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Alert, Button } from '@/components/ui/controls';

type Query<T> = { error: { message: string } | null; data: T | undefined };

/** The card's form once its view is loaded: `children` gets the data. */
export function SettingsLoader<T>({ query, children }: { query: Query<T>; children: (data: T) => ReactNode }) {
  const common = useTranslations('common');
  if (query.error) return <Alert>{query.error.message}</Alert>;
  return query.data !== undefined ? children(query.data) : <p role="status">{common('loading')}</p>;
}

/** The form's save button at its end, "Guardando…" while the save runs; nothing for a read-only viewer. */
export function SaveFooter({ readOnly, pending, className = '' }: { readOnly: boolean; pending: boolean; className?: string }) {
  const common = useTranslations('common');
  if (readOnly) return null;
  return (
    <div className={`flex justify-end ${className}`}>
      <Button type="submit" disabled={pending}>{pending ? common('saving') : common('save')}</Button>
    </div>
  );
}
