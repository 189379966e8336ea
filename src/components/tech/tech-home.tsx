'use client';
// E2: the technician's home: the next pending visit (customer, address, slot, ticket), or an empty
// state; today's visits lead to the day's route. Read from the device's copy, so it opens offline.
import { useTranslations } from 'next-intl';
import { CalendarClock, MapPin } from 'lucide-react';
import { Button } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { formatVisit } from '@/lib/visits';
import { useTech } from './use-tech';
import { QueuedChanges, SyncStatus } from './sync-status';

export function TechHome({ name }: { name: string }) {
  const t = useTranslations('tech');
  const common = useTranslations('common');
  const { go, snapshot: meta } = useTech();
  const { intl, tenant } = useStaffContext();
  const home = meta?.home;
  // The next visit still to come, as of now (the copy may be hours old).
  const next = home ? [home.nextVisit, ...home.today].filter((v) => v && v.visitEnd && new Date(v.visitEnd).getTime() >= Date.now())[0] ?? null : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('greeting', { name })}</h1>
      <SyncStatus />
      <section aria-labelledby="next-visit" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="next-visit" className="mb-2 flex items-center gap-2 text-lg font-semibold">
          <CalendarClock aria-hidden className="h-5 w-5 text-brand-700" />
          {t('nextVisit')}
        </h2>
        {meta === undefined ? <p role="status">{common('loading')}</p> : null}
        {meta !== undefined && !next ? <p className="text-sm text-slate-700" data-testid="no-visit">{t('noVisits')}</p> : null}
        {next ? (
          <div data-testid="next-visit" className="space-y-1 text-sm">
            <p className="font-medium text-brand-800">{formatVisit(next.visitStart!, next.visitEnd!, intl, tenant.timeZone)}</p>
            {next.customer ? <p className="font-medium">{next.customer.name}</p> : null}
            {next.connection ? (
              <p className="flex items-center gap-1 text-slate-700">
                <MapPin aria-hidden className="h-4 w-4" />
                {next.connection.address}
              </p>
            ) : null}
            <p className="text-slate-600">#{next.number} · {next.title}</p>
            <Button className="mt-2" onClick={() => go({ name: 'ticket', id: next.id })}>{t('openTicket', { number: next.number })}</Button>
          </div>
        ) : null}
      </section>
      {home?.today.length ? (
        <Button variant="secondary" className="w-full" onClick={() => go({ name: 'route' })}>{t('todayRoute', { count: home.today.length })}</Button>
      ) : null}
      <QueuedChanges />
    </div>
  );
}
