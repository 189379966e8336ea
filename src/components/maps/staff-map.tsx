'use client';
// The back office's "Mapa": the connections map opened on a place the address names, else on where
// the tenant's connections are (maps.extent), as tall as the window leaves it.
import dynamic from 'next/dynamic';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { MapTiles } from './connections-map';

const ConnectionsMap = dynamic(() => import('./connections-map'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('connectionsMap');
  return <p role="status" className="flex h-full items-center justify-center bg-slate-50 text-sm text-slate-600">{t('loadingMap')}</p>;
}

export function StaffMap({ tiles, place }: { tiles: MapTiles; place: { lat: number; lng: number; zoom: number } | null }) {
  const t = useTranslations('connectionsMap.page');
  const trpc = useTRPC();
  const extent = useQuery({ ...trpc.maps.extent.queryOptions(), enabled: !place });
  return (
    <div className="space-y-2">
      {extent.data === null ? <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t('empty')}</p> : null}
      <div className="h-[calc(100dvh-14rem)] min-h-96 overflow-hidden rounded-md border border-slate-200">
        {/* Opened once the extent is known, so the first view asked for is the right one. */}
        {place ? (
          <ConnectionsMap tiles={tiles} center={{ lat: place.lat, lng: place.lng }} zoom={place.zoom} />
        ) : extent.isPending ? (
          <MapLoading />
        ) : (
          <ConnectionsMap tiles={tiles} bounds={extent.data ?? null} />
        )}
      </div>
    </div>
  );
}
