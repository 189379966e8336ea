'use client';
// C16 "Técnicos": every active technician's last position on one map — each marker labelled with the
// name and the position's age, as text — and the same list beside it, with those who sent none.
// Asked again every 30 s while the page is open.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatAge, formatDateTime } from '@/lib/format';
import { Alert, Card } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import type { MapTiles } from '@/components/tickets/ticket-map';
import { MapLoading } from './technician-last-position';
import { useNow } from './use-now';

const PositionsMap = dynamic(() => import('./positions-map'), { ssr: false, loading: () => <MapLoading /> });

export function TechniciansMap({ tiles }: { tiles: MapTiles }) {
  const t = useTranslations('positions');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const now = useNow();
  const latest = useQuery({ ...trpc.positions.latest.queryOptions(), refetchInterval: 30_000 });
  const technicians = useMemo(() => latest.data ?? [], [latest.data]);
  const labels = technicians.map((x) => (x.position ? formatAge(x.position.recordedAt, now, intl) : '')).join('\u0000');
  const points = useMemo(
    () =>
      technicians.flatMap((x) => (x.position ? [{ id: x.userId, latitude: x.position.latitude, longitude: x.position.longitude, label: t('marker', { name: x.name, age: formatAge(x.position.recordedAt, now, intl) }) }] : [])),
    // Rebuilt when the list or an age's words change (`labels`), not on every tick of the clock.
    [technicians, labels, t, intl],
  );

  if (latest.error) return <Alert>{latest.error.message}</Alert>;
  if (!latest.data) return <p role="status">{common('loading')}</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section aria-label={t('map')} className="lg:col-span-2">
        {points.length > 0 ? (
          <PositionsMap className="h-[28rem]" tiles={tiles} points={points} />
        ) : (
          <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{technicians.length === 0 ? t('noTechnicians') : t('noPositions')}</p>
        )}
      </section>
      <Card title={t('list')}>
        {technicians.length === 0 ? (
          <p className="text-sm text-slate-700">{t('noTechnicians')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label={t('list')}>
            {technicians.map((x) => (
              <li key={x.userId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2" data-testid={`technician-${x.userId}`}>
                {can('users.read') ? (
                  <Link href={`/users/${x.userId}`} className="font-medium text-brand-700 hover:underline">{x.name}</Link>
                ) : (
                  <span className="font-medium">{x.name}</span>
                )}
                {x.position ? (
                  <time className="text-slate-600" dateTime={new Date(x.position.recordedAt).toISOString()} title={formatDateTime(x.position.recordedAt, intl, tenant.timeZone)}>
                    {formatAge(x.position.recordedAt, now, intl)}
                  </time>
                ) : (
                  <span className="text-slate-500">{t('noPosition')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
