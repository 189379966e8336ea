'use client';
// C16 on a technician's profile in the back office: their last position on a small map, with its
// age in the tenant's locale ("hace 5 min"), or "Sin posición". The office sees it with positions.read.
import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatAge, formatDateTime } from '@/lib/format';
import { Alert, Card } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import type { MapTiles } from '@/components/tickets/ticket-map';
import { useNow } from './use-now';

const PositionsMap = dynamic(() => import('./positions-map'), { ssr: false, loading: () => <MapLoading /> });

export function MapLoading() {
  const t = useTranslations('positions');
  return <p role="status" className="flex h-64 items-center justify-center rounded-md border border-slate-200 bg-slate-50 text-sm text-slate-600">{t('loadingMap')}</p>;
}

export function TechnicianLastPosition({ userId, tiles }: { userId: string; tiles: MapTiles }) {
  const t = useTranslations('positions');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const now = useNow();
  // Live: asked again every 30 s while the profile is open.
  const latest = useQuery({ ...trpc.positions.latest.queryOptions({ userId }), refetchInterval: 30_000 });
  const position = latest.data?.[0]?.position ?? null;
  const name = latest.data?.[0]?.name ?? '';
  const age = position ? formatAge(position.recordedAt, now, intl) : '';
  const points = useMemo(
    () => (position ? [{ id: userId, latitude: position.latitude, longitude: position.longitude, label: t('marker', { name, age }) }] : []),
    [userId, position, name, age, t],
  );
  return (
    <Card title={t('location')} className="mt-6">
      {latest.error ? (
        <Alert>{latest.error.message}</Alert>
      ) : !latest.data ? (
        <MapLoading />
      ) : position ? (
        <section aria-label={t('map')}>
          <p className="mb-3 text-sm text-slate-700" data-testid="last-position-age">
            <time dateTime={new Date(position.recordedAt).toISOString()} title={formatDateTime(position.recordedAt, intl, tenant.timeZone)}>
              {t('lastSeen', { age })}
            </time>
            {position.accuracy !== null ? <span className="text-slate-500"> · {t('accuracy', { metres: Math.round(position.accuracy) })}</span> : null}
          </p>
          <PositionsMap className="h-64" tiles={tiles} points={points} />
        </section>
      ) : (
        <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="last-position-age">
          <span className="font-medium">{t('noPosition')}</span> · {t('noPositionHelp')}
        </p>
      )}
    </Card>
  );
}
