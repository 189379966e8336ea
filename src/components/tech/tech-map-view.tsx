'use client';
// E7 in the technician app: the tenant's connections by status (loaded by the map's bounds and
// clustered by the server, never the whole table), the technician's pending jobs highlighted, their own
// position in blue. Leaflet and the map's code load only when this view opens.
import dynamic from 'next/dynamic';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { MapPoint, MapTiles } from '@/components/maps/connections-map';
import { useTech } from './use-tech';

const ConnectionsMap = dynamic(() => import('@/components/maps/connections-map'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('connectionsMap');
  return <p role="status" className="flex h-full items-center justify-center bg-slate-50 text-sm text-slate-600">{t('loadingMap')}</p>;
}

/** The technician's pending jobs with coordinates, from the device's copy. */
function useJobs() {
  const meta = useTech().snapshot;
  return (meta?.list ?? [])
    .filter((x) => x.stage === 'PENDING' && x.connection?.latitude != null && x.connection.longitude != null)
    .map((x) => ({ id: x.id, lat: x.connection!.latitude!, lng: x.connection!.longitude!, label: `#${x.number} · ${x.title}`, href: `/tech?ticket=${x.id}` }));
}

export function TechMapView({ tiles, route, className = 'h-[calc(100dvh-11rem)]' }: { tiles: MapTiles; route?: MapPoint[]; className?: string }) {
  const t = useTranslations('tech');
  const trpc = useTRPC();
  const { online, location } = useTech();
  const jobs = useJobs();
  const me = location.position ? { lat: location.position.lat, lng: location.position.lng, accuracy: location.position.accuracy } : null;
  // With no job and no position, the map opens on the tenant's connections.
  const extent = useQuery({ ...trpc.maps.extent.queryOptions(), enabled: online && jobs.length === 0 && !me });
  if (!online) return <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('mapOffline')}</p>;
  return (
    <div className={`overflow-hidden rounded-md border border-slate-200 ${className}`} data-testid="tech-map">
      {jobs.length === 0 && !me && extent.isPending ? <MapLoading /> : <ConnectionsMap tiles={tiles} jobs={jobs} me={me} route={route} bounds={extent.data ?? null} />}
    </div>
  );
}
