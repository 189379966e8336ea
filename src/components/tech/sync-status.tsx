'use client';
// E9's indicator: offline, "N cambios pendientes", syncing, or all synced (with when) — and the
// changes the server refused, each with its reason, the person's text kept, to retry or discard.
import { useTranslations } from 'next-intl';
import { CloudOff, RefreshCw, CheckCircle2, AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { formatDateTime } from '@/lib/format';
import { useTech } from './use-tech';
import type { QueuedChange } from './offline/types';

export function SyncStatus() {
  const t = useTranslations('tech');
  const { online, syncing, syncedAt, queue } = useTech();
  const { intl, tenant } = useStaffContext();
  const pending = (queue ?? []).filter((c) => c.status === 'pending').length;
  const failed = (queue ?? []).filter((c) => c.status === 'failed').length;
  // Until the phone's database is open, nothing is known about the queue: say so, never "all synced".
  const [Icon, text, tone] = queue === undefined
    ? [RefreshCw, t('sync.loading'), 'bg-slate-100 text-slate-800']
    : !online
    ? [CloudOff, pending ? t('sync.offlinePending', { count: pending }) : t('sync.offline'), 'bg-amber-100 text-amber-900']
    : syncing
      ? [RefreshCw, t('sync.syncing'), 'bg-sky-100 text-sky-900']
      : pending
        ? [RefreshCw, t('sync.pending', { count: pending }), 'bg-amber-100 text-amber-900']
        : [CheckCircle2, t('sync.synced'), 'bg-green-100 text-green-900'];
  return (
    <div className="space-y-1" data-testid="sync-status">
      <p role="status" className={`flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ${tone}`}>
        <Icon aria-hidden className={`h-4 w-4 ${syncing ? 'animate-spin' : ''}`} />
        <span>{text}</span>
      </p>
      {syncedAt ? <p className="text-xs text-slate-600">{t('sync.lastSynced', { when: formatDateTime(syncedAt, intl, tenant.timeZone) })}</p> : null}
      {failed ? (
        <p className="flex items-center gap-1 text-xs font-medium text-red-800">
          <AlertTriangle aria-hidden className="h-3.5 w-3.5" />
          {t('sync.failed', { count: failed })}
        </p>
      ) : null}
    </div>
  );
}

/** A queued change as the technician made it. */
export function ChangeSummary({ change }: { change: QueuedChange }) {
  const t = useTranslations('tech');
  const tv = useTranslations('ticketView');
  const td = useTranslations('documents');
  const te = useTranslations('equipment');
  if (change.kind === 'comment') return <span className="whitespace-pre-wrap">{t(change.public ? 'change.comment' : 'change.note')}: {change.body}</span>;
  if (change.kind === 'files') return <span>{change.sourceFileId ? td('editor.queued') : t(change.toCustomer ? 'change.customerPhotos' : 'change.photos', { count: change.files.length })}</span>;
  if (change.kind === 'signature') return <span>{td('customerSign.queued', { name: change.name })}</span>;
  if (change.kind === 'product') return <span>{change.quantity === null ? t('change.productRemoved', { name: change.productName }) : t('change.product', { name: change.productName, quantity: change.quantity })}</span>;
  if (change.kind === 'equipment') return <span>{te(`change.${change.action}`, { label: change.label })}</span>;
  if (change.kind === 'collect') return <span>{t('change.collected', { amount: change.amount, method: tv(`collectionMethod.${change.method}`) })}</span>;
  return (
    <span>
      {[change.stateName ? t('change.state', { state: change.stateName }) : null, change.kilometres != null ? t('change.kilometres', { km: change.kilometres }) : null].filter(Boolean).join(' · ')}
    </span>
  );
}

/** The changes of one ticket (or all) still on the device: pending ones, and refused ones to retry or discard. */
export function QueuedChanges({ ticketId }: { ticketId?: string }) {
  const t = useTranslations('tech');
  const { queue, device, sync } = useTech();
  const mine = (queue ?? []).filter((c) => !ticketId || c.ticketId === ticketId);
  if (!mine.length) return null;
  return (
    <section aria-label={t('change.title')} className="space-y-2">
      <h2 className="text-sm font-semibold">{t('change.title')}</h2>
      <ul className="space-y-2">
        {mine.map((c) => (
          <li key={c.key} className={`rounded-md border p-2 text-sm ${c.status === 'failed' ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-white'}`} data-testid="queued-change">
            {!ticketId ? <p className="text-xs text-slate-600">#{c.ticketNumber}</p> : null}
            <ChangeSummary change={c} />
            {c.kind === 'files' && c.status === 'pending' && c.progress ? (
              <progress className="mt-1 block w-full" max={c.files.reduce((n, f) => n + f.size, 0)} value={c.progress} aria-label={t('change.uploading')} />
            ) : null}
            {c.status === 'pending' ? <p className="text-xs text-slate-600">{t('change.waiting')}</p> : null}
            {c.status === 'failed' ? (
              <>
                <p role="alert" className="mt-1 text-xs font-medium text-red-800">{t('change.refused', { reason: c.error ?? '' })}</p>
                <div className="mt-2 flex gap-2">
                  <Button variant="secondary" onClick={async () => { if (device) await device.retry(c.seq!).catch(() => undefined); void sync(); }}>{t('change.retry')}</Button>
                  <Button variant="ghost" onClick={() => void device?.discard(c.seq!).catch(() => undefined)}>{t('change.discard')}</Button>
                </div>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
