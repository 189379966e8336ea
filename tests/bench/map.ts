// E7's map (issue 16): maps.connections over HTTP, signed in, on the big tenant's 200,000 connections
// spread over a city and its surroundings (generate.ts, placeOnMap).
//   tech.map      the first clustered view: the whole area (every connection in view) at zoom 11;
//   tech.map.kb   that answer's size;
//   tech.map.pan  a phone's views (390 × 844 pixels) at zooms 11 to 16 over the city, its towns and
//                 the countryside, as a technician pans and zooms — clusters and points;
//   tech.map.pan.kb_max  the largest of those answers;
//   tech.map.grouped.sql the first view's clusters grouped from the 200,000 connections themselves,
//                 through pg — the design not taken (the service sums cells counted ahead instead).
// Each with the CPU time per call of the app server and of PostgreSQL (their process trees), a gauge
// of the work itself that a busy machine moves less than the latency.
import { loadavg } from 'node:os';
import type pg from 'pg';
import { MAP_AREA } from './generate';
import { Session } from './http';
import { cpuMsBetween, treeCpuMs } from './machine';
import { latency, value, type Entry } from './stats';

type View = { south: number; west: number; north: number; east: number; zoom: number };

/** The bounds a map of `width` × `height` pixels shows around a point at a zoom (Web Mercator). */
export function phoneView(lat: number, lng: number, zoom: number, width = 390, height = 844): View {
  const world = 256 * 2 ** zoom;
  const x = ((lng + 180) / 360) * world;
  const y = ((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * world;
  const lngAt = (px: number) => (px / world) * 360 - 180;
  const latAt = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / world))) * 180) / Math.PI;
  return { south: latAt(y + height / 2), west: lngAt(x - width / 2), north: latAt(y - height / 2), east: lngAt(x + width / 2), zoom };
}

/** Where a technician looks: the city's middle, two towns, the countryside; from the city's size down to a few blocks. */
const PANS: View[] = [
  phoneView(-34.62, -58.46, 11),
  phoneView(-34.62, -58.46, 12),
  phoneView(-34.6, -58.42, 13),
  phoneView(-34.64, -58.48, 14),
  phoneView(-34.62, -58.45, 15),
  phoneView(-34.61, -58.44, 16),
  phoneView(-34.72, -58.25, 13),
  phoneView(-34.72, -58.25, 15),
  phoneView(-34.46, -58.91, 14),
  phoneView(-34.8, -58.8, 12),
  phoneView(-34.8, -58.8, 15),
  phoneView(-34.66, -58.73, 16),
];

export async function measureMap(port: number, sql: pg.Pool, tenantId: string, processes: { app: number; postgres: number | null }, log: (m: string) => void): Promise<Entry[]> {
  const session = new Session(port, `big.localhost:${port}`);
  await session.signInStaff('admin@bench.test', 'bench-password-1');
  const first: View = { ...MAP_AREA, zoom: 11 };
  const entries: Entry[] = [];

  async function measured(name: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
    const warmup = Math.ceil(n / 10);
    const app = treeCpuMs(processes.app);
    const postgres = processes.postgres ? treeCpuMs(processes.postgres) : null;
    entries.push(await latency(name, n, fn, warmup));
    entries.push(value(`${name}.cpu_ms.server`, cpuMsBetween(app, treeCpuMs(processes.app)) / (n + warmup), 'ms of CPU per call: the app server'));
    if (postgres) entries.push(value(`${name}.cpu_ms.postgres`, cpuMsBetween(postgres, treeCpuMs(processes.postgres!)) / (n + warmup), 'ms of CPU per call: PostgreSQL'));
  }

  // The machine's 1-minute load average (runnable processes on its 2 cores) as the measurements start
  // and end: the development machine is shared, and other work on it moves latency more than steal does.
  const loadAtStart = loadavg()[0]!;
  const answer = await session.query<{ kind: string; total?: number; clusters?: unknown[] }>('maps.connections', first);
  if (answer.kind !== 'clusters' || answer.total !== 200_000) log(`map: the first view is ${answer.kind} of ${answer.total} connections, not clusters of 200,000 (is this the full scale?)`);
  log(`map: the first view holds ${answer.clusters?.length ?? 0} clusters of ${answer.total ?? 0} connections`);
  await measured('tech.map', 300, () => session.query('maps.connections', first));
  entries.push(value('tech.map.kb', (await session.queryBytes('maps.connections', first)) / 1024, 'KB (the first view\'s answer, uncompressed)'));

  await measured('tech.map.pan', 300, (i) => session.query('maps.connections', PANS[i % PANS.length]));
  let largest = 0;
  const kinds: string[] = [];
  for (const view of PANS) {
    largest = Math.max(largest, await session.queryBytes('maps.connections', view));
    kinds.push((await session.query<{ kind: string }>('maps.connections', view)).kind);
  }
  log(`map: the pans answered ${kinds.join(', ')}`);
  entries.push(value('tech.map.pan.kb_max', largest / 1024, 'KB (the largest of the pans\' answers)'));

  const grouped = `
    SELECT round(avg(c.latitude)::numeric, 5)::float8 AS lat, round(avg(c.longitude)::numeric, 5)::float8 AS lng, count(*)::int AS count,
           count(*) FILTER (WHERE c.status = 'ENABLED')::int, count(*) FILTER (WHERE c.status = 'BLOCKED')::int, count(*) FILTER (WHERE c.status = 'NO_SERVICE')::int
    FROM "Connection" c
    WHERE c."tenantId" = $1 AND c.latitude BETWEEN $2 AND $3 AND c.longitude BETWEEN $4 AND $5
    GROUP BY antena_map_y(c.latitude, 13), antena_map_x(c.longitude, 13)
    ORDER BY count(*) DESC LIMIT 600`;
  entries.push(await latency('tech.map.grouped.sql', 30, () => sql.query(grouped, [tenantId, first.south, first.north, first.west, first.east]), 3));
  entries.push(value('tech.map.machine_load', (loadAtStart + loadavg()[0]!) / 2, 'runnable processes (1-minute load average, mean of start and end; 2 cores)'));
  return entries;
}
