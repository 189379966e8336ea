'use client';
// The technician app (E1–E9): one page whose views — home, tickets, a ticket, map, route, profile —
// are query parameters, rendered from the device's copy, so the whole app opens offline once the
// service worker has the page. A bottom bar moves between views, thumb-first.
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Home, ListChecks, Map as MapIcon, Route as RouteIcon, User } from 'lucide-react';
import type { MapTiles } from '@/components/tickets/ticket-map';
import { TechProvider, useTech, type TechView } from './use-tech';
import dynamic from 'next/dynamic';
import { TechHome } from './tech-home';

// The home is in the first load; the other views load when opened (the service worker keeps their
// scripts for offline), so a phone on a weak signal starts with less.
const loading = () => <p role="status" className="text-sm text-slate-600">…</p>;
const TechList = dynamic(() => import('./tech-list').then((m) => m.TechList), { loading });
const TechTicketView = dynamic(() => import('./tech-ticket-view').then((m) => m.TechTicketView), { loading });
const TechProfile = dynamic(() => import('./tech-profile').then((m) => m.TechProfile), { loading });
const TechRouteView = dynamic(() => import('./tech-route-view').then((m) => m.TechRouteView), { loading });
const TechMapView = dynamic(() => import('./tech-map-view').then((m) => m.TechMapView), { loading });
// TanStack Query with tRPC's client, for the views that read the server live (the list's search,
// the map, push on/off, a ticket's latest copy): loaded with the first of them, not for the home.
const QueryLayer = dynamic<{ children: ReactNode }>(() => import('@/trpc/react').then((m) => m.TRPCReactProvider), { loading });

type Staff = { id: string; name: string; email: string; roleLabel: string };

export type TechAppProps = { tenantId: string; staff: Staff; tiles: MapTiles };

const NAV = [
  { name: 'home', href: '/tech', icon: Home },
  { name: 'tickets', href: '/tech?view=tickets', icon: ListChecks },
  { name: 'map', href: '/tech?view=map', icon: MapIcon },
  { name: 'route', href: '/tech?view=route', icon: RouteIcon },
  { name: 'profile', href: '/tech?view=profile', icon: User },
] as const;

function Views({ staff, tiles }: Omit<TechAppProps, 'tenantId'>) {
  const t = useTranslations('tech');
  const { view, go } = useTech();
  const active = view.name === 'ticket' ? 'tickets' : view.name;
  // Once a view needed the query layer it stays (its cache is kept between views).
  const [queries, setQueries] = useState(view.name !== 'home');
  useEffect(() => {
    if (view.name !== 'home') setQueries(true);
  }, [view.name]);
  const views = (
    <div className="pb-24">
      {view.name === 'home' ? <TechHome name={staff.name} /> : null}
      {view.name === 'tickets' ? <TechList /> : null}
      {view.name === 'ticket' ? <TechTicketView key={view.id} id={view.id} tiles={tiles} /> : null}
      {view.name === 'map' ? <TechMapView tiles={tiles} /> : null}
      {view.name === 'route' ? <TechRouteView renderMap={(route) => <TechMapView tiles={tiles} route={route} className="h-72" />} /> : null}
      {view.name === 'profile' ? <TechProfile staff={staff} /> : null}
    </div>
  );
  return (
    <>
      {queries || view.name !== 'home' ? <QueryLayer>{views}</QueryLayer> : views}
      <nav aria-label={t('nav.label')} className="fixed inset-x-0 bottom-0 z-[900] border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)]">
        <ul className="mx-auto flex max-w-md justify-around">
          {NAV.map(({ name, href, icon: Icon }) => (
            <li key={name}>
              <a
                href={href}
                aria-current={active === name ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  go({ name } as TechView);
                }}
                className={`flex min-w-14 flex-col items-center px-2 py-2 text-xs ${active === name ? 'font-semibold text-brand-800' : 'text-slate-700'}`}
              >
                <Icon aria-hidden className="h-5 w-5" />
                {t(`nav.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export function TechApp({ tenantId, staff, ...rest }: TechAppProps) {
  return (
    <Suspense>
      <TechProvider tenantId={tenantId} userId={staff.id}>
        <Views staff={staff} {...rest} />
      </TechProvider>
    </Suspense>
  );
}
