// E7: what a Leaflet map shows, as maps.connections takes it. Leaflet's bounds are not yet a view:
// zoomed out, its longitudes run past ±180° (the world repeats) and its latitudes past the poles'
// limits; across the antimeridian its west is, say, 170° and its east 190°. Pure, for the browser
// and the tests.

export type Bounds = { south: number; west: number; north: number; east: number };
export type MapViewInput = Bounds & { zoom: number };

const MAX_ZOOM = 20;
/** Bounds are rounded to 5 decimals (about a metre), so a map that barely moved asks for the same view. */
const round = (x: number) => Math.round(x * 1e5) / 1e5;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** A longitude brought into [-180, 180). */
export function wrapLongitude(longitude: number): number {
  return ((((longitude + 180) % 360) + 360) % 360) - 180;
}

/**
 * The view of a map's bounds and zoom: latitudes within ±90, longitudes within ±180 (west > east
 * when the view crosses the antimeridian; the whole world when it spans 360° or more), a whole
 * zoom from 0 to 20. Null when the bounds hold no area (a map not laid out yet).
 */
export function viewOf(bounds: Bounds, zoom: number): MapViewInput | null {
  const south = round(clamp(bounds.south, -90, 90));
  const north = round(clamp(bounds.north, -90, 90));
  if (!(south < north) || !Number.isFinite(bounds.west) || !Number.isFinite(bounds.east) || !(bounds.west < bounds.east)) return null;
  const z = clamp(Math.round(zoom), 0, MAX_ZOOM);
  if (bounds.east - bounds.west >= 360) return { south, west: -180, north, east: 180, zoom: z };
  const west = round(wrapLongitude(bounds.west));
  let east = round(wrapLongitude(bounds.east));
  // An east edge exactly on the antimeridian is 180°, not the -180° the wrap makes of it.
  if (east === -180) east = 180;
  if (west === east) return null;
  return { south, west, north, east, zoom: z };
}
