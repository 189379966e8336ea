'use client';
// F3: the payment promise on the portal's home — for each suspended connection, the days to ask for
// (up to the tenant's maximum) and the button; a running promise's end; the cool-down's end. The
// server decides and refuses on its own (switch off, cool-down, too many days, not suspended). The
// status comes with the page (read on the server); granted, the page is read again (home and status).
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { formatDateTime } from '@/lib/format';
import type { PortalPromiseStatus } from '@/server/services/promises/promises';
import { lazyApiClient } from '@/trpc/lazy-client';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useOnline } from './portal-offline';

function AskPromise({ connectionId, maxDays, disabled, onGranted }: { connectionId: string; maxDays: number; disabled: boolean; onGranted: (until: Date) => void }) {
  const t = useTranslations('portalPromise');
  const online = useOnline();
  const [days, setDays] = useState(maxDays);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Parameters<typeof formErrors>[0]>(null);
  const errors = formErrors(error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const granted = await (await lazyApiClient()).portal.promise.request.mutate({ connectionId, days });
      onGranted(granted.until);
    } catch (failure) {
      setError(failure as Parameters<typeof formErrors>[0]);
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="mt-2 space-y-2" aria-label={t('ask')}>
      <Select
        label={t('days')}
        value={String(days)}
        onChange={(e) => setDays(Number(e.target.value))}
        options={Array.from({ length: maxDays }, (_, i) => ({ value: String(i + 1), label: t('daysOption', { count: i + 1 }) }))}
        error={errors.field('days')}
        disabled={disabled || !online}
      />
      {errors.message && !errors.field('days') ? <Alert>{errors.field('connectionId') ?? errors.message}</Alert> : null}
      <Button type="submit" className="w-full" disabled={disabled || pending || !online}>{pending ? t('asking') : t('ask')}</Button>
    </form>
  );
}

export function PortalPromiseCard({ status: s, intl, timeZone }: { status: PortalPromiseStatus; intl: string; timeZone: string }) {
  const t = useTranslations('portalPromise');
  const enums = useTranslations('enums.connectionStatus');
  const router = useRouter();
  const [granted, setGranted] = useState<Date | null>(null);
  function onGranted(until: Date) {
    setGranted(until);
    router.refresh();
  }
  if (!s.enabled) return null;
  const relevant = s.connections.filter((c) => c.status === 'BLOCKED' || c.promiseUntil);
  if (relevant.length === 0 && !granted) return null;
  const date = (d: Date) => formatDateTime(d, intl, timeZone);
  return (
    <Card title={t('title')} className="mt-4">
      <div data-testid="portal-promise" className="space-y-3 text-sm">
        {granted ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-800">{t('granted', { date: date(granted) })}</p> : null}
        {s.connections.some((c) => c.status === 'BLOCKED') ? <p className="text-slate-700">{t('intro')}</p> : null}
        {s.availableAt && relevant.some((c) => c.status === 'BLOCKED') ? <p className="text-slate-700">{t('availableAt', { date: date(s.availableAt) })}</p> : null}
        <ul className="space-y-3">
          {relevant.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">{c.address}</p>
              <p className="text-slate-700">{t('connection')}: {enums(c.status)}</p>
              {c.promiseUntil && c.status === 'ENABLED' ? <p className="text-slate-700">{t('running', { date: date(c.promiseUntil) })}</p> : null}
              {c.status === 'BLOCKED' ? <AskPromise connectionId={c.id} maxDays={s.maxDays} disabled={Boolean(s.availableAt)} onGranted={onGranted} /> : null}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
