'use client';
// C6 "Ubicación": where the ticket's connection is — its address, locality and coordinates, on a
// map when it has them; a plain message when it has none (or the ticket names no connection).
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/controls';
import type { MapTiles } from './ticket-map';

const TicketMap = dynamic(() => import('./ticket-map'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('ticketView.location');
  return <p role="status" className="flex h-80 items-center justify-center rounded-md border border-slate-200 bg-slate-50 text-sm text-slate-600">{t('loadingMap')}</p>;
}

type Connection = { address: string; latitude: number | null; longitude: number | null; locality?: { name: string } | null } | null;

export function TicketLocation({ connection, tiles }: { connection: Connection; tiles: MapTiles }) {
  const t = useTranslations('ticketView.location');
  const tv = useTranslations('ticketView');
  const hasPoint = connection !== null && connection.latitude !== null && connection.longitude !== null;
  return (
    <Card title={tv('tab.location')}>
      {connection ? (
        <dl className="mb-4 space-y-1 text-sm">
          <div><dt className="inline font-medium">{tv('address')}: </dt><dd className="inline">{connection.address}</dd></div>
          {connection.locality ? <div><dt className="inline font-medium">{t('locality')}: </dt><dd className="inline">{connection.locality.name}</dd></div> : null}
          {hasPoint ? <div><dt className="inline font-medium">{t('coordinates')}: </dt><dd className="inline font-mono" data-testid="ticket-coordinates">{connection.latitude!.toFixed(5)}, {connection.longitude!.toFixed(5)}</dd></div> : null}
        </dl>
      ) : null}
      {hasPoint ? (
        <section aria-label={t('map')}>
          <TicketMap latitude={connection.latitude!} longitude={connection.longitude!} label={t('marker', { address: connection.address })} tiles={tiles} />
        </section>
      ) : (
        <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{connection ? t('noCoordinates') : t('noConnection')}</p>
      )}
    </Card>
  );
}
