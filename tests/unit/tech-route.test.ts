// H3 "Mi ruta" (src/components/tech/tech-route.tsx) rendered on the server with the Spanish catalog:
// stops numbered in route order with each leg and the total in the tenant's locale, visits without
// coordinates apart, and the next stop's directions link built from its coordinates only.
// (JSX-free: the unit project runs *.test.ts.)
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/i18n/catalog';
import { PermissionsProvider } from '@/components/shell/permissions';
import { TechRoute, type RouteVisit } from '@/components/tech/tech-route';

const TENANT = { name: 'Fibra Sur', country: 'AR', locale: 'es', timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS' };

function render(visits: RouteVisit[], position: { lat: number; lng: number } | null, renderMap?: (route: { lat: number; lng: number }[]) => ReactNode) {
  return renderToStaticMarkup(
    h(NextIntlClientProvider, {
      locale: 'es',
      messages: messagesFor('es'),
      timeZone: TENANT.timeZone,
      children: h(PermissionsProvider, { value: { permissions: [], tenant: TENANT }, children: h(TechRoute, { visits, position, onOpenTicket: () => undefined, renderMap }) }),
    }),
  );
}

const visit = (number: number, lng: number | null, hour: number, extra: Partial<RouteVisit> = {}): RouteVisit => ({
  ticketId: `00000000-0000-7000-8000-00000000000${number}`,
  number,
  title: `Visita ${number}`,
  customer: `Cliente <b>${number}</b>`,
  address: `Calle ${number}`,
  lat: lng === null ? null : -34.7,
  lng,
  start: new Date(Date.UTC(2026, 2, 2, hour)),
  end: new Date(Date.UTC(2026, 2, 2, hour + 1)),
  ...extra,
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Mi ruta', () => {
  it('numbers the stops in route order from the position, with legs, total, unplaced visits and the next stop’s directions', () => {
    const routes: { lat: number; lng: number }[][] = [];
    const html = render([visit(3, -58.2, 12), visit(1, -58.28, 15), visit(4, null, 10, { address: null }), visit(2, -58.24, 13)], { lat: -34.7, lng: -58.3 }, (route) => {
      routes.push(route);
      return h('div', { 'data-map': 'yes' });
    });
    const stops = [...html.matchAll(/data-testid="route-stop".*?#(\d+) · /g)].map((m) => Number(m[1]));
    expect(stops).toEqual([1, 2, 3]);
    const body = text(html);
    expect(body).toContain('Mi ruta');
    expect(body).toContain('A 1,8 km de tu ubicación');
    expect(body).toContain('A 3,7 km de la parada anterior');
    expect(body).toMatch(/Total: 9,1 km/);
    // Times in the tenant's zone and locale: 15:00 UTC is noon in Buenos Aires.
    expect(body).toMatch(/12:00\sp\.\sm\.–1:00\sp\.\sm\./);
    expect(body).toContain('Sin coordenadas');
    expect(html).toMatch(/data-testid="route-unlocated".*#4 · Visita 4.*Sin dirección/);
    // User text is text.
    expect(html).toContain('Cliente &lt;b&gt;1&lt;/b&gt;');
    expect(html).toContain('href="https://www.google.com/maps/dir/?api=1&amp;destination=-34.7,-58.28"');
    expect(html).toContain('data-map="yes"');
    expect(routes[0]).toEqual([{ lat: -34.7, lng: -58.3 }, { lat: -34.7, lng: -58.28 }, { lat: -34.7, lng: -58.24 }, { lat: -34.7, lng: -58.2 }]);
  });

  it('without a position starts at the day’s first visit; with no visits says so', () => {
    const body = text(render([visit(2, -58.24, 13), visit(1, -58.2, 11)], null));
    expect(body).toContain('Sin tu ubicación: la ruta empieza en la primera visita del día.');
    expect(body).toMatch(/#1 · Visita 1.*Punto de partida.*#2 · Visita 2.*A 3,7 km de la parada anterior/);
    expect(text(render([], null))).toContain('No tenés visitas para hoy.');
  });
});
