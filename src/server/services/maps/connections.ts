// E7: the tenant's connections on a map, for the bounds the map shows. A phone must stay light with
// 200,000 connections in the tenant, so the answer is bounded whatever the view: up to
// MAP_POINTS_MAX connections as points; more than that, clusters on a grid of square cells of about
// 64 screen pixels (Web Mercator, the tiles' own grid), each with its count, its connections' mean
// position and its counts per status — at most MAP_CELLS_MAX of them (the cells grow until the view
// holds no more). Coordinates are rounded to 5 decimals (about a metre) and labels cut to
// MAP_LABEL_MAX characters, so the answer stays under 100 KB at any zoom
// (tests/integration/maps.test.ts holds it there).
//
// Where the numbers come from:
// - points: the index (tenantId, latitude, longitude) — the latitude range is its range scan, the
//   longitude range a condition on its entries — stopping after MAP_POINTS_MAX + 1 rows;
// - clusters up to zoom 15: "ConnectionMapCell", counted ahead by triggers on "Connection" for three
//   grids (MAP_CELL_LEVELS; migration *_map_cells) and summed into the view's cells — a view of a
//   200,000-connection tenant reads a few thousand rows instead of every connection;
// - clusters past zoom 15 (a few streets in view): grouped from the connections in view, through the
//   same index.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { StaffCaller } from '@/server/services/caller';
import type { TenantFragments } from '@/server/data/sql';
import { CONNECTION_STATUSES } from '@/server/services/customers/schemas';

/** More connections than this in view are answered as clusters. */
export const MAP_POINTS_MAX = 300;
/** At most this many clusters: the grid's cells grow until the view holds no more. */
export const MAP_CELLS_MAX = 600;
/** A point's label (its code and address) is cut to this many characters. */
export const MAP_LABEL_MAX = 40;
/** The grids "ConnectionMapCell" keeps (antena_map_levels() in the migration): at level L the world is 2^L cells wide. */
export const MAP_CELL_LEVELS = [11, 14, 17] as const;
/** Decimals of the coordinates sent: 5 is about a metre. */
const DECIMALS = 5;
/** A cluster's cell is 64 screen pixels, a quarter of a 256-pixel tile: the grid of zoom z is level z + 2. */
const CELL_LEVEL_OVER_ZOOM = 2;
/** Web Mercator's edge: latitudes beyond it fall in the first or last row of cells. */
const MERCATOR_EDGE = 85.0511287798;

const latitude = z.number().min(-90, { message: 'validation.latitude' }).max(90, { message: 'validation.latitude' });
const longitude = z.number().min(-180, { message: 'validation.longitude' }).max(180, { message: 'validation.longitude' });

/**
 * The map's view: its bounds and zoom. `west` greater than `east` is a view across the
 * antimeridian (from 170° to −170°, say); `west` equal to `east` says nothing and is refused.
 */
export const ZMapView = z
  .object({
    south: latitude,
    west: longitude,
    north: latitude,
    east: longitude,
    zoom: z.number().int().min(0).max(20),
  })
  .refine((v) => v.south < v.north, { path: ['south'], message: 'validation.mapSouthNorth' })
  .refine((v) => v.west !== v.east, { path: ['east'], message: 'validation.mapWestEast' });
export type MapView = z.output<typeof ZMapView>;

const count = z.number().int().min(0);
const ZStatusCounts = z.object({ ENABLED: count, BLOCKED: count, NO_SERVICE: count } satisfies Record<(typeof CONNECTION_STATUSES)[number], z.ZodType>);

export const ZMapPoint = z.object({
  id: z.uuid(),
  lat: z.number(),
  lng: z.number(),
  status: z.enum(CONNECTION_STATUSES),
  /** The connection's code and address, cut to MAP_LABEL_MAX characters: user text, to be shown as text. */
  label: z.string(),
});

export const ZMapCluster = z.object({
  /** The mean position of the cluster's connections. */
  lat: z.number(),
  lng: z.number(),
  count: count,
  /** How many of them are in each status (to color the cluster). */
  statuses: ZStatusCounts,
});

export const ZMapConnections = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('points'), points: z.array(ZMapPoint).max(MAP_POINTS_MAX) }),
  z.object({
    kind: z.literal('clusters'),
    /** Connections in the clusters: those in view, counted by cells of the kept grid (a cell on the view's edge counts whole). */
    total: count,
    /** The grid's level: the world is 2^level cells wide. */
    level: z.number().int().min(0),
    clusters: z.array(ZMapCluster).max(MAP_CELLS_MAX),
    /** More cells held connections than were sent (the fullest were kept). */
    truncated: z.boolean(),
  }),
]);
export type MapConnections = z.output<typeof ZMapConnections>;
export type MapPoint = z.output<typeof ZMapPoint>;
export type MapCluster = z.output<typeof ZMapCluster>;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The column of a longitude on the grid of `level`, from 180° west, as tiles are numbered (antena_map_x in SQL). */
export function cellX(longitude: number, level: number): number {
  const n = 2 ** level;
  return clamp(Math.floor(((longitude + 180) / 360) * n), 0, n - 1);
}

/** The row of a latitude on the grid of `level`, from the north (antena_map_y in SQL). */
export function cellY(latitude: number, level: number): number {
  const n = 2 ** level;
  const radians = (clamp(latitude, -MERCATOR_EDGE, MERCATOR_EDGE) * Math.PI) / 180;
  return clamp(Math.floor(((1 - Math.asinh(Math.tan(radians)) / Math.PI) / 2) * n), 0, n - 1);
}

/** The cells of `level` a view covers: its rows, its columns (`west` > `east`: they wrap at ±180°) and how many. */
export function viewCells(view: MapView, level: number) {
  const rows = { from: cellY(view.north, level), to: cellY(view.south, level) };
  const columns = { from: cellX(view.west, level), to: cellX(view.east, level) };
  const width = view.west < view.east ? columns.to - columns.from + 1 : 2 ** level - columns.from + columns.to + 1;
  return { rows, columns, count: (rows.to - rows.from + 1) * width };
}

/** The grid of a view: cells of 64 pixels at its zoom, twice as large (a level less) until the view holds at most MAP_CELLS_MAX. */
export function gridLevel(view: MapView): number {
  let level = view.zoom + CELL_LEVEL_OVER_ZOOM;
  while (level > 0 && viewCells(view, level).count > MAP_CELLS_MAX) level -= 1;
  return level;
}

/** The tenant's connections inside the view (those without coordinates are in none). */
function inView(s: TenantFragments, view: MapView): Prisma.Sql {
  const longitudes =
    view.west < view.east
      ? Prisma.sql`c.longitude BETWEEN ${view.west} AND ${view.east}`
      : Prisma.sql`(c.longitude >= ${view.west} OR c.longitude <= ${view.east})`;
  return Prisma.sql`c."tenantId" = ${s.tenant} AND c.latitude BETWEEN ${view.south} AND ${view.north} AND ${longitudes}`;
}

/** The tenant's non-empty cells of a kept grid inside the view. */
function cellsInView(s: TenantFragments, view: MapView, level: number): Prisma.Sql {
  const { rows, columns } = viewCells(view, level);
  const xs =
    view.west < view.east
      ? Prisma.sql`m.x BETWEEN ${columns.from} AND ${columns.to}`
      : Prisma.sql`(m.x >= ${columns.from} OR m.x <= ${columns.to})`;
  return Prisma.sql`m."tenantId" = ${s.tenant} AND m.level = ${level} AND m.y BETWEEN ${rows.from} AND ${rows.to} AND ${xs} AND m.count > 0`;
}

const rounded = (value: Prisma.Sql) => Prisma.sql`round((${value})::numeric, ${Prisma.raw(String(DECIMALS))})::float8`;
const asColumn = (status: string) => Prisma.raw(`"${status}"`);

/** The clusters of a view on the grid of `level`: summed from the kept grid at or below it, or grouped from the connections when it is finer than any. */
function clusterStatement(s: TenantFragments, view: MapView, level: number): Prisma.Sql {
  const kept = MAP_CELL_LEVELS.find((l) => l >= level);
  if (kept === undefined) {
    const byStatus = Prisma.join(CONNECTION_STATUSES.map((status) => Prisma.sql`count(*) FILTER (WHERE c.status = ${status}::"ConnectionStatus")::int AS ${asColumn(status)}`));
    return Prisma.sql`
      SELECT ${rounded(Prisma.sql`avg(c.latitude)`)} AS lat, ${rounded(Prisma.sql`avg(c.longitude)`)} AS lng, count(*)::int AS count, ${byStatus},
             (sum(count(*)) OVER ())::int AS total, (count(*) OVER ())::int AS cells
      FROM "Connection" c
      WHERE ${inView(s, view)}
      GROUP BY antena_map_y(c.latitude, ${level}), antena_map_x(c.longitude, ${level})
      ORDER BY count(*) DESC
      LIMIT ${MAP_CELLS_MAX}`;
  }
  const shift = kept - level;
  const byStatus = Prisma.join(
    CONNECTION_STATUSES.map((status) => Prisma.sql`coalesce(sum(m.count) FILTER (WHERE m.status = ${status}::"ConnectionStatus"), 0)::int AS ${asColumn(status)}`),
  );
  return Prisma.sql`
    SELECT ${rounded(Prisma.sql`sum(m."sumLat") / sum(m.count)`)} AS lat, ${rounded(Prisma.sql`sum(m."sumLng") / sum(m.count)`)} AS lng, sum(m.count)::int AS count, ${byStatus},
           (sum(sum(m.count)) OVER ())::int AS total, (count(*) OVER ())::int AS cells
    FROM "ConnectionMapCell" m
    WHERE ${cellsInView(s, view, kept)}
    GROUP BY m.y >> ${shift}, m.x >> ${shift}
    ORDER BY sum(m.count) DESC
    LIMIT ${MAP_CELLS_MAX}`;
}

type ClusterRow = { lat: number; lng: number; count: number; total: number; cells: number } & Record<(typeof CONNECTION_STATUSES)[number], number>;

/** The tenant's connections in a map's view: points, or clusters when more than MAP_POINTS_MAX are in it. */
export async function connectionsInView({ sql }: StaffCaller, view: MapView): Promise<MapConnections> {
  // A label is text for a tooltip: control characters become spaces, and a long one is cut with an ellipsis.
  const label = Prisma.raw(`regexp_replace(concat_ws(' · ', c.code, c.address), '[[:cntrl:]]+', ' ', 'g')`);
  const points = await sql.rows<MapPoint>(
    (s) => Prisma.sql`
      SELECT c.id, ${rounded(Prisma.sql`c.latitude`)} AS lat, ${rounded(Prisma.sql`c.longitude`)} AS lng, c.status::text AS status,
             CASE WHEN char_length(${label}) > ${MAP_LABEL_MAX} THEN rtrim(left(${label}, ${MAP_LABEL_MAX - 1})) || '…' ELSE ${label} END AS label
      FROM "Connection" c
      WHERE ${inView(s, view)}
      LIMIT ${MAP_POINTS_MAX + 1}`,
  );
  if (points.length <= MAP_POINTS_MAX) return { kind: 'points', points };

  const level = gridLevel(view);
  const rows = await sql.rows<ClusterRow>((s) => clusterStatement(s, view, level));
  return {
    kind: 'clusters',
    total: rows[0]?.total ?? 0,
    level,
    clusters: rows.map((r) => ({ lat: r.lat, lng: r.lng, count: r.count, statuses: { ENABLED: r.ENABLED, BLOCKED: r.BLOCKED, NO_SERVICE: r.NO_SERVICE } })),
    truncated: (rows[0]?.cells ?? 0) > rows.length,
  };
}

export const ZMapExtent = z
  .object({ south: z.number(), west: z.number(), north: z.number(), east: z.number(), count })
  .nullable();
export type MapExtent = z.output<typeof ZMapExtent>;

/** The grid the extent is read from: cells of about 2 km. */
const EXTENT_LEVEL = 14;

/** The longitude of a column's western edge on the grid of `level`. */
function columnWest(x: number, level: number): number {
  return (x / 2 ** level) * 360 - 180;
}

/** The latitude of a row's northern edge on the grid of `level`. */
function rowNorth(y: number, level: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** level))) * 180) / Math.PI;
}

/**
 * Where the tenant's connections are, to open a map on them: the box of the cells (of about 2 km)
 * that hold the middle 98 % of them from north to south and from west to east — a connection placed
 * by mistake in the ocean does not widen it; with fewer than 100, every one is inside — and how many
 * have coordinates. Read from the kept cells, not the connections. Null when none has coordinates.
 */
export async function connectionsExtent({ sql }: StaffCaller): Promise<MapExtent> {
  const [row] = await sql.rows<{ top: number | null; bottom: number | null; left: number | null; right: number | null; count: number | null }>(
    (s) => Prisma.sql`
      WITH cells AS (
        SELECT m.y, m.x, sum(m.count) AS count FROM "ConnectionMapCell" m
        WHERE m."tenantId" = ${s.tenant} AND m.level = ${EXTENT_LEVEL} AND m.count > 0
        GROUP BY m.y, m.x),
      ys AS (SELECT y, sum(count) OVER (ORDER BY y) AS below, sum(count) OVER () AS total FROM cells),
      xs AS (SELECT x, sum(count) OVER (ORDER BY x) AS below, sum(count) OVER () AS total FROM cells)
      SELECT (SELECT min(y) FROM ys WHERE below >= 0.01 * total) AS "top", (SELECT min(y) FROM ys WHERE below >= 0.99 * total) AS "bottom",
             (SELECT min(x) FROM xs WHERE below >= 0.01 * total) AS "left", (SELECT min(x) FROM xs WHERE below >= 0.99 * total) AS "right",
             (SELECT sum(count)::int FROM cells) AS count`,
  );
  if (!row?.count || row.top === null || row.bottom === null || row.left === null || row.right === null) return null;
  const round = (x: number) => Number(x.toFixed(DECIMALS));
  return {
    north: round(rowNorth(row.top, EXTENT_LEVEL)),
    south: round(rowNorth(row.bottom + 1, EXTENT_LEVEL)),
    west: round(columnWest(row.left, EXTENT_LEVEL)),
    east: round(columnWest(row.right + 1, EXTENT_LEVEL)),
    count: row.count,
  };
}
