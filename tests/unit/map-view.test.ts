// E7: a Leaflet map's bounds become the view maps.connections accepts (src/lib/map-view.ts).
import { describe, expect, it } from 'vitest';
import { viewOf, wrapLongitude } from '@/lib/map-view';
import { ZMapView } from '@/server/services/maps/connections';

describe('viewOf', () => {
  it('passes a city view through, rounded to 5 decimals', () => {
    expect(viewOf({ south: -34.7312345678, west: -58.4098765432, north: -34.6, east: -58.3 }, 13)).toEqual({ south: -34.73123, west: -58.40988, north: -34.6, east: -58.3, zoom: 13 });
  });

  it('wraps longitudes of a repeated world, and a view across the antimeridian has west > east', () => {
    expect(wrapLongitude(190)).toBe(-170);
    expect(wrapLongitude(-190)).toBe(170);
    expect(wrapLongitude(540)).toBe(-180);
    expect(viewOf({ south: -20, west: 170, north: -10, east: 190 }, 5)).toEqual({ south: -20, west: 170, north: -10, east: -170, zoom: 5 });
    expect(viewOf({ south: -20, west: -200, north: -10, east: -170 }, 5)).toEqual({ south: -20, west: 160, north: -10, east: -170, zoom: 5 });
    // A whole world once over, shifted: west of Greenwich by 400°.
    expect(viewOf({ south: 10, west: -400, north: 20, east: -390 }, 6)).toEqual({ south: 10, west: -40, north: 20, east: -30, zoom: 6 });
  });

  it('asks for the whole world when the map shows 360° or more, and clamps latitudes', () => {
    expect(viewOf({ south: -120, west: -500, north: 120, east: 500 }, 0)).toEqual({ south: -90, west: -180, north: 90, east: 180, zoom: 0 });
    expect(viewOf({ south: -10, west: -180, north: 10, east: 180 }, 2)).toEqual({ south: -10, west: -180, north: 10, east: 180, zoom: 2 });
  });

  it('keeps the zoom a whole number from 0 to 20 (Leaflet zooms by fractions while it animates)', () => {
    expect(viewOf({ south: 0, west: 0, north: 1, east: 1 }, 12.6)?.zoom).toBe(13);
    expect(viewOf({ south: 0, west: 0, north: 1, east: 1 }, 23)?.zoom).toBe(20);
    expect(viewOf({ south: 0, west: 0, north: 1, east: 1 }, -1)?.zoom).toBe(0);
  });

  it('has no view of bounds without area (a map not laid out yet)', () => {
    expect(viewOf({ south: 1, west: 0, north: 1, east: 1 }, 5)).toBeNull();
    expect(viewOf({ south: 0, west: 1, north: 1, east: 1 }, 5)).toBeNull();
    expect(viewOf({ south: 0, west: Number.NaN, north: 1, east: 1 }, 5)).toBeNull();
  });

  it('always makes a view the procedure accepts', () => {
    let s = 3;
    const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2000; i++) {
      const west = -720 + random() * 1440;
      const bounds = { south: -100 + random() * 150, west, north: 0, east: west + random() * 400 };
      bounds.north = bounds.south + 0.0001 + random() * 100;
      const view = viewOf(bounds, random() * 22 - 1);
      if (view) expect(ZMapView.safeParse(view).success, JSON.stringify({ bounds, view })).toBe(true);
    }
  });
});
