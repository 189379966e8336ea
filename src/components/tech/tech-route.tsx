'use client';
// H3 "Mi ruta": the technician's visits of the day in the order that covers them in the fewest
// kilometres from where they are (straight lines: src/lib/route.ts, nearest neighbour improved by
// 2-opt and Or-opt) — or, with no position, from the day's first visit. A numbered list with the
// distance of each leg and the total, the visits whose connection has no coordinates after it, and a
// link that opens the next stop in the phone's maps app.
//
// The link is Google Maps' documented cross-platform URL (https://www.google.com/maps/dir/?api=1&destination=lat,lng)
// rather than a geo: URI: on Android it opens the Google Maps app (or offers the maps apps that
// claim the link), on iOS the Google Maps app when installed and the web map otherwise, and
// anywhere else the website — always with directions from where the phone is. geo: has no handler on
// iOS or desktop browsers (the tap does nothing) and on Android shows the point without directions.
// Only coordinates go into it, never user text.
//
// The component orders the visits it is given: pass the day's pending visits. `renderMap` draws the
// route (the position, when known, then each stop in order) — the app's map view passes its Leaflet map.
import { useMemo, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Navigation } from 'lucide-react';
import { orderVisits } from '@/lib/visit-route';
import { formatDistance, formatTime } from '@/lib/format';
import { useStaffContext } from '@/components/shell/permissions';

export type RouteVisit = {
  ticketId: string;
  number: number;
  title: string;
  customer: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  start: Date | string;
  end: Date | string;
};

export type TechRouteProps = {
  visits: RouteVisit[];
  position: { lat: number; lng: number } | null;
  onOpenTicket: (ticketId: string) => void;
  renderMap?: (route: { lat: number; lng: number }[]) => ReactNode;
};

export function TechRoute({ visits, position, onOpenTicket, renderMap }: TechRouteProps) {
  const t = useTranslations('route');
  const { tenant, intl } = useStaffContext();
  const { stops, unlocated, totalKm } = useMemo(() => orderVisits(visits, position), [visits, position]);
  const route = useMemo(() => [...(position ? [{ lat: position.lat, lng: position.lng }] : []), ...stops.map((s) => ({ lat: s.lat, lng: s.lng }))], [position, stops]);
  const next = stops[0];
  const slot = (v: RouteVisit) => t('slot', { start: formatTime(v.start, intl, tenant.timeZone), end: formatTime(v.end, intl, tenant.timeZone) });

  return (
    <section aria-labelledby="tech-route-title" className="space-y-4">
      <h2 id="tech-route-title" className="text-lg font-semibold text-slate-900">{t('title')}</h2>
      {visits.length === 0 ? (
        <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t('empty')}</p>
      ) : (
        <>
          {stops.length > 0 ? <p className="text-sm text-slate-700">{position ? t('fromPosition') : t('fromFirstVisit')}</p> : null}
          {next ? (
            <div className="flex items-center justify-between gap-3 rounded-lg border border-brand-600 bg-brand-50 p-3">
              <div className="min-w-0">
                <p className="text-xs font-medium uppercase tracking-wide text-brand-800">{t('next')}</p>
                <p className="truncate font-medium text-slate-900">#{next.number} · {next.customer ?? next.title}</p>
                <p className="truncate text-sm text-slate-700">{next.address ?? t('noAddress')}</p>
              </div>
              <a
                href={`https://www.google.com/maps/dir/?api=1&destination=${next.lat},${next.lng}`}
                target="_blank"
                rel="noreferrer"
                aria-label={t('directionsLabel', { n: 1, number: next.number })}
                className="inline-flex min-h-11 shrink-0 items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                <Navigation aria-hidden className="h-4 w-4" />
                {t('directions')}
              </a>
            </div>
          ) : null}
          {renderMap && route.length > 0 ? renderMap(route) : null}
          {stops.length > 0 ? (
            <>
              <ol aria-label={t('stops')} className="space-y-2">
                {stops.map((s, i) => (
                  <li key={s.ticketId} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="route-stop">
                    <span aria-hidden className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">{i + 1}</span>
                    <div className="min-w-0 flex-1 space-y-0.5 text-sm">
                      <button type="button" onClick={() => onOpenTicket(s.ticketId)} className="block w-full text-left font-medium text-brand-700 underline-offset-2 hover:underline">
                        #{s.number} · {s.title}
                      </button>
                      {s.customer ? <p className="text-slate-800">{s.customer}</p> : null}
                      <p className="text-slate-700">{s.address ?? t('noAddress')}</p>
                      <p className="text-slate-600">
                        {slot(s)}
                        {' · '}
                        {s.legKm === null ? t('start') : i === 0 ? t('legFromPosition', { distance: formatDistance(s.legKm, intl) }) : t('legFromPrevious', { distance: formatDistance(s.legKm, intl) })}
                      </p>
                    </div>
                  </li>
                ))}
              </ol>
              <p className="text-sm font-medium text-slate-900" data-testid="route-total">{t('total', { distance: formatDistance(totalKm, intl) })}</p>
            </>
          ) : null}
          {unlocated.length > 0 ? (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">{t('withoutCoordinates')}</h3>
              <p className="text-xs text-slate-600">{t('withoutCoordinatesHelp')}</p>
              <ul className="space-y-2">
                {unlocated.map((v) => (
                  <li key={v.ticketId} className="rounded-lg border border-dashed border-slate-300 p-3 text-sm" data-testid="route-unlocated">
                    <button type="button" onClick={() => onOpenTicket(v.ticketId)} className="block w-full text-left font-medium text-brand-700 underline-offset-2 hover:underline">
                      #{v.number} · {v.title}
                    </button>
                    {v.customer ? <p className="text-slate-800">{v.customer}</p> : null}
                    <p className="text-slate-700">{v.address ?? t('noAddress')}</p>
                    <p className="text-slate-600">{slot(v)}</p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
