'use client';
// E7: the tenant's connections on a Leaflet map, colored by status (grey no service, green enabled,
// red blocked), loaded for the bounds in view as the map moves — points when few are in view,
// clusters counted by the server when many (maps.connections): a phone never receives the whole
// table. Over them, highlighted, a technician's pending jobs (orange, a tap opens the job), the day's
// route as a line, and the technician's own position in blue.
//
// Loaded only in the browser: whoever mounts it imports it with next/dynamic and ssr: false
// (Leaflet reads `window` as it loads). It fills its container's height, so a page decides its size
// (full screen on a phone). Every label is user text and goes through leaflet-text.ts as text; a
// cluster's count is a DOM text node too. Markers are SVG circles, so nothing but the tiles comes
// from the network.
import 'leaflet/dist/leaflet.css';
import './connections-map.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { bindTextPopup, bindTextTooltip } from '@/components/maps/leaflet-text';
import { viewOf, type Bounds, type MapViewInput } from '@/lib/map-view';

export type MapTiles = { url: string; attribution: string };
export type MapJob = { id: string; lat: number; lng: number; label: string; href?: string };
export type MapPosition = { lat: number; lng: number; accuracy?: number };
export type MapPoint = { lat: number; lng: number };

export type ConnectionsMapProps = {
  tiles: MapTiles;
  /** The technician's pending jobs, drawn above everything in orange; a tap opens `href` (a path of this site). */
  jobs?: MapJob[];
  /** The technician's own live position, in blue (with its accuracy in metres as a circle). */
  me?: MapPosition | null;
  /** A line through these points (the day's route). */
  route?: MapPoint[];
  /** Where to open when there are no jobs and no position: these bounds, else `center` at `zoom`. */
  bounds?: Bounds | null;
  center?: MapPoint;
  zoom?: number;
};

type Status = 'ENABLED' | 'BLOCKED' | 'NO_SERVICE';

/** Every ConnectionStatus, its color (Tailwind's green-600, red-600, gray-500). */
export const STATUS_COLORS: Record<Status, string> = { ENABLED: '#16a34a', BLOCKED: '#dc2626', NO_SERVICE: '#6b7280' };
const STATUSES = Object.keys(STATUS_COLORS) as Status[];
const JOB_COLOR = '#ea580c';
const ME_COLOR = '#2563eb';
const ROUTE_COLOR = '#4f46e5';
/** Buenos Aires, for a map with nothing to open on. */
const FALLBACK_CENTER: MapPoint = { lat: -34.6037, lng: -58.3816 };
/** How long the map must rest before its new view is asked for. */
const DEBOUNCE_MS = 250;
const MAX_ZOOM = 19;
const NO_JOBS: MapJob[] = [];
const NO_ROUTE: MapPoint[] = [];

/** Panes, bottom to top: connections (the overlay pane), clusters' counts, the route, jobs, the technician. */
const PANES = { counts: ['antena-counts', 450], route: ['antena-route', 460], jobs: ['antena-jobs', 470], me: ['antena-me', 480] } as const;

/** A path of this site (never another origin, never `javascript:`): what a job's tap may open. */
function ownPath(href: string | undefined): string | null {
  return href && href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\') ? href : null;
}

function dominant(statuses: Record<Status, number>): Status {
  return STATUSES.reduce((best, s) => (statuses[s] > statuses[best] ? s : best), STATUSES[0]!);
}

/**
 * A cluster's mix of statuses as a ring around it: one arc per status present, as long as its share
 * (an SVG circle's stroke dashed to that length). None when the cluster is all of one status — its
 * fill says so.
 */
function statusRing(lat: number, lng: number, radius: number, statuses: Record<Status, number>, count: number): L.CircleMarker[] {
  const present = STATUSES.filter((s) => statuses[s] > 0);
  if (present.length < 2) return [];
  const circumference = 2 * Math.PI * radius;
  let start = 0;
  return present.map((s) => {
    const length = (statuses[s] / count) * circumference;
    const arc = L.circleMarker([lat, lng], {
      radius,
      fill: false,
      weight: 4,
      color: STATUS_COLORS[s],
      opacity: 1,
      dashArray: `${length.toFixed(2)} ${circumference.toFixed(2)}`,
      dashOffset: (-start).toFixed(2),
      interactive: false,
      className: `map-cluster-ring map-cluster-ring-${s}`,
    });
    start += length;
    return arc;
  });
}

function clusterRadius(count: number): number {
  return Math.min(26, 12 + 4 * Math.log10(Math.max(1, count)));
}

export default function ConnectionsMap({ tiles, jobs = NO_JOBS, me = null, route = NO_ROUTE, bounds = null, center = FALLBACK_CENTER, zoom = 12 }: ConnectionsMapProps) {
  const t = useTranslations('connectionsMap');
  const statusName = useTranslations('enums.connectionStatus');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ connections: L.LayerGroup; jobs: L.LayerGroup; route: L.LayerGroup; me: L.LayerGroup } | null>(null);
  // What is drawn, by key (a point's connection id; a cluster's place, count and statuses): a new
  // answer adds and removes only what changed, so an open label stays open while the map pans.
  const drawn = useRef(new Map<string, L.Layer>());
  /** The map was placed on something (jobs, a position, bounds), or the person moved it: no more automatic moves. */
  const settled = useRef(false);
  const [view, setView] = useState<MapViewInput | null>(null);

  const connections = useQuery({
    ...trpc.maps.connections.queryOptions(view ?? skipToken, { trpc: { abortOnUnmount: true } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  // The map itself, once.
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { center: [center.lat, center.lng], zoom, maxZoom: MAX_ZOOM, zoomControl: true });
    mapRef.current = map;
    for (const [name, z] of Object.values(PANES)) map.createPane(name).style.zIndex = String(z);
    // The attribution is HTML by design (a provider's credit with its link) and comes only from the
    // installation's MAP_TILE_ATTRIBUTION, set by whoever runs the server — never from a tenant or a user.
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: MAX_ZOOM }).addTo(map);
    layers.current = { connections: L.layerGroup().addTo(map), route: L.layerGroup().addTo(map), jobs: L.layerGroup().addTo(map), me: L.layerGroup().addTo(map) };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      const b = map.getBounds();
      setView(viewOf({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() }, map.getZoom()));
    };
    map.on('moveend', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DEBOUNCE_MS);
    });
    // The person takes over: what arrives later (jobs, a position) no longer moves the map.
    map.on('dragstart', () => (settled.current = true));
    container.current.addEventListener('wheel', () => (settled.current = true), { passive: true });
    // A container that changes size (a phone turned, a panel opened) re-lays the map out.
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container.current);
    ask();
    return () => {
      clearTimeout(timer);
      resize.disconnect();
      layers.current = null;
      drawn.current.clear();
      mapRef.current = null;
      map.remove();
    };
    // The first center and zoom only; later changes of them do not move a map in use.
  }, [tiles.url, tiles.attribution]);

  // Open on the jobs (and the technician), else on the technician, else on the bounds given — once.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || settled.current) return;
    const spots: L.LatLngExpression[] = [...jobs.map((j) => [j.lat, j.lng] as [number, number]), ...(me ? [[me.lat, me.lng] as [number, number]] : [])];
    if (spots.length > 1) map.fitBounds(L.latLngBounds(spots), { padding: [40, 40], maxZoom: 16 });
    else if (spots.length === 1) map.setView(spots[0]!, 15);
    else if (bounds) map.fitBounds([[bounds.south, bounds.west], [bounds.north, bounds.east]], { padding: [16, 16] });
    else return;
    settled.current = true;
  }, [jobs, me, bounds]);

  const answer = connections.data;
  // The connections in view: points as circles colored by status (a tap shows the label, as text);
  // clusters as larger circles colored by their commonest status, ringed by their mix of statuses,
  // their count as text; a tap zooms in.
  useEffect(() => {
    const map = mapRef.current;
    const group = layers.current?.connections;
    if (!map || !group || !answer) return;
    const next = new Map<string, () => L.Layer>();
    if (answer.kind === 'points') {
      for (const p of answer.points) {
        next.set(`p:${p.id}:${p.status}:${p.lat}:${p.lng}:${p.label}`, () => {
          const marker = L.circleMarker([p.lat, p.lng], {
            radius: 6,
            weight: 1.5,
            color: '#ffffff',
            fillColor: STATUS_COLORS[p.status],
            fillOpacity: 0.95,
            className: `map-point map-point-${p.status}`,
          });
          return bindTextPopup(marker, t('point', { label: p.label, status: statusName(p.status) }));
        });
      }
    } else {
      const count = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
      for (const c of answer.clusters) {
        next.set(`c:${c.lat}:${c.lng}:${c.count}:${STATUSES.map((s) => c.statuses[s]).join('/')}`, () => {
          const status = dominant(c.statuses);
          const marker = L.circleMarker([c.lat, c.lng], {
            radius: clusterRadius(c.count),
            weight: 3,
            color: '#ffffff',
            opacity: 0.9,
            fillColor: STATUS_COLORS[status],
            fillOpacity: 0.8,
            className: `map-cluster map-cluster-${status}`,
          });
          bindTextTooltip(marker, count.format(c.count), { permanent: true, direction: 'center', className: 'map-cluster-count', pane: PANES.counts[0] });
          marker.on('click', () => map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, MAX_ZOOM)));
          return L.layerGroup([...statusRing(c.lat, c.lng, clusterRadius(c.count) + 3.5, c.statuses, c.count), marker]);
        });
      }
    }
    for (const [key, marker] of drawn.current) {
      if (next.has(key)) continue;
      group.removeLayer(marker);
      drawn.current.delete(key);
    }
    for (const [key, make] of next) if (!drawn.current.has(key)) drawn.current.set(key, make().addTo(group));
  }, [answer, locale, t, statusName]);

  // The pending jobs, above the connections: larger orange circles; a tap opens the job.
  useEffect(() => {
    const group = layers.current?.jobs;
    if (!group) return;
    group.clearLayers();
    for (const job of jobs) {
      const marker = L.circleMarker([job.lat, job.lng], { pane: PANES.jobs[0], radius: 11, weight: 3, color: '#ffffff', fillColor: JOB_COLOR, fillOpacity: 1, className: 'map-job' });
      bindTextTooltip(marker, job.label, { direction: 'top', offset: [0, -10] });
      const href = ownPath(job.href);
      if (href) marker.on('click', () => router.push(href));
      marker.addTo(group);
    }
  }, [jobs, router]);

  useEffect(() => {
    const group = layers.current?.route;
    if (!group) return;
    group.clearLayers();
    if (route.length > 1) L.polyline(route.map((p) => [p.lat, p.lng] as [number, number]), { pane: PANES.route[0], color: ROUTE_COLOR, weight: 4, opacity: 0.8, dashArray: '8 6', className: 'map-route' }).addTo(group);
  }, [route]);

  useEffect(() => {
    const group = layers.current?.me;
    if (!group) return;
    group.clearLayers();
    if (!me) return;
    if (me.accuracy && me.accuracy > 0) L.circle([me.lat, me.lng], { pane: PANES.me[0], radius: me.accuracy, weight: 1, color: ME_COLOR, fillColor: ME_COLOR, fillOpacity: 0.12, interactive: false }).addTo(group);
    L.circleMarker([me.lat, me.lng], { pane: PANES.me[0], radius: 8, weight: 3, color: '#ffffff', fillColor: ME_COLOR, fillOpacity: 1, className: 'map-me' }).addTo(group);
  }, [me]);

  const summary = useMemo(() => {
    if (!answer) return null;
    const totals: Record<Status, number> = { ENABLED: 0, BLOCKED: 0, NO_SERVICE: 0 };
    if (answer.kind === 'points') for (const p of answer.points) totals[p.status] += 1;
    else for (const c of answer.clusters) for (const s of STATUSES) totals[s] += c.statuses[s];
    const count = answer.kind === 'points' ? answer.points.length : answer.total;
    return { count, totals, truncated: answer.kind === 'clusters' && answer.truncated };
  }, [answer]);

  return (
    <div className="relative h-full min-h-64 w-full overflow-hidden" data-testid="connections-map">
      <div ref={container} className="absolute inset-0 bg-slate-100" aria-label={t('map')} role="region" />
      <div className="pointer-events-none absolute inset-x-2 top-2 z-[1000] flex justify-end">
        <p role="status" aria-live="polite" className="pointer-events-auto max-w-[75%] rounded-md bg-white/95 px-2 py-1 text-xs text-slate-800 shadow" data-testid="map-summary">
          {connections.isError ? (
            <>
              {t('error')}{' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => void connections.refetch()}>
                {t('retry')}
              </button>
            </>
          ) : !summary || connections.isFetching ? (
            t('loading')
          ) : (
            <>
              {t('inView', { count: summary.count })}
              {summary.count > 0 ? <span className="block text-slate-600">{t('byStatus', { enabled: summary.totals.ENABLED, blocked: summary.totals.BLOCKED, noService: summary.totals.NO_SERVICE })}</span> : null}
              {summary.truncated ? <span className="block text-slate-600">{t('truncated')}</span> : null}
            </>
          )}
        </p>
      </div>
      <section aria-label={t('legend')} className="absolute bottom-6 left-2 z-[1000] rounded-md bg-white/95 px-2 py-1.5 text-xs text-slate-800 shadow">
        <ul className="space-y-0.5">
          {STATUSES.map((s) => (
            <li key={s} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-3 w-3 rounded-full border border-white" style={{ backgroundColor: STATUS_COLORS[s] }} />
              {statusName(s)}
            </li>
          ))}
          {jobs.length ? (
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-3.5 w-3.5 rounded-full border-2 border-white" style={{ backgroundColor: JOB_COLOR }} />
              {t('jobs')}
            </li>
          ) : null}
          {me ? (
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-3 w-3 rounded-full border-2 border-white" style={{ backgroundColor: ME_COLOR }} />
              {t('me')}
            </li>
          ) : null}
          {route.length > 1 ? (
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-0.5 w-3" style={{ backgroundColor: ROUTE_COLOR }} />
              {t('route')}
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
