// `npm run bench [-- --scale small|full] [--json FILE] [--skip-start] [--skip-import] [--skip-invoices] [--skip-tickets] [--skip-outbox] [--skip-tech] [--skip-portal] [--skip-exports] [--data-only] [--only outbox|tickets|tickets.create|dashboard|exports|map|tech|portal-app|invoices|portal|documents]`
// Generates (once) a large tenant among many, serves the built app against it, and measures over
// HTTP, signed in: customer search and list (p50/p95/p99), the same queries as raw SQL through pg
// for comparison, the server's memory, how fast `npm start` serves with an existing build, the
// notification worker (outbox.rate, outbox.latency), the technicians' map (tech.map, map.ts) and the
// technician app as a phone loads it and syncs its queue (tech.*: first-load JavaScript,
// installability, Lighthouse, tech.sync_*). `--only outbox` measures just the worker: a tenant of its
// own, no generated data, no app server, about a minute. `--only tech` measures just the technician
// app, on the demo tenant in a database of its own (no generated data); `--only portal-app` the same for
// the customer portal (portal.*: first-load JavaScript, installability, Lighthouse), as the demo
// customer. `--only invoices` measures just
// the billing import of 1,000,000 invoice rows (invoices.ts): a database of its own, no generated data,
// the built app served, a few minutes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { appEnv, build, buildIsCurrent, DATA_DIR, migrate, openDatabase, ROOT, serveNext, stopChild } from '@/cli/runtime';
import { searchTokens } from '@/lib/text';
import { generate, BENCH_PASSWORD, type Scale } from './generate';
import { measurePortalHome } from './portal';
import { Session } from './http';
import { cpuTimes, processRssMb, stealEntry, treeRssMb } from './machine';
import { measureImport } from './import';
import { measureInvoiceImport } from './invoices';
import { measureMap } from './map';
import { measurePortalApp, measureTech } from './tech';
import { measureTechSync } from './tech-sync';
import { generateTickets, measureTickets } from './tickets';
import { measureExports } from './exports';
import { measureDocuments } from './documents';
import { latency, pairedOverhead, printTable, value, type Entry } from './stats';

const SCALES: Record<string, Scale> = {
  small: { tenants: 5, bigCustomers: 20_000, smallCustomers: 500 },
  full: { tenants: 20, bigCustomers: 200_000, smallCustomers: 2_000 },
};
/** Tickets in the big tenant (issue 3), generated after the customers. */
const TICKETS: Record<string, number> = { small: 100_000, full: 1_000_000 };

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scaleName = flag('scale') ?? 'full';
const scale = SCALES[scaleName];
if (!scale) throw new Error(`unknown scale ${scaleName}: use ${Object.keys(SCALES).join(' or ')}`);
const jsonFile = flag('json');
const PORT = Number(process.env.BENCH_PORT ?? 3200);
// C15: the bench server streams every export itself (the background job's threshold above any tenant's
// tickets), so export.*.rate is the streamed route's rate over HTTP.
process.env.EXPORT_SYNC_MAX_ROWS ??= '5000000';
const log = (m: string) => console.error(`[bench] ${m}`);
/** --only exports: the ticket exports alone (exports.ts), on the generated tickets. */
const onlyExports = flag('only') === 'exports';
const onlyTickets = flag('only') === 'tickets' || flag('only') === 'tickets.create' || flag('only') === 'dashboard' || onlyExports;
/** --only map: the map's measurements alone (no tickets generated; the customers' connections are what it reads). */
const onlyMap = flag('only') === 'map';
/** --only portal: the portal's home alone (portal.ts). */
const onlyPortal = flag('only') === 'portal';

// The SQL the customer list runs (listCustomers), for the "app overhead" comparison: by name, or
// newest first when searching (src/lib/list-order.ts).
const LIST_SQL = (withSearch: number) => {
  const order = (t: string) => (withSearch ? `${t}."createdAt" DESC, ${t}.id DESC` : `${t}.name ASC, ${t}.id ASC`);
  return `
  SELECT p.*, l.id AS "localityId", l.name AS "localityName",
         (SELECT count(*)::int FROM "Connection" k WHERE k."tenantId" = p."tenantId" AND k."customerId" = p.id) AS "connectionCount"
  FROM (
    SELECT c.id, c."tenantId", c.code, c.name, c."taxIdType", c."taxId", c.emails, c.phones, c.address, c.status, c."createdAt", c."localityId" AS "customerLocalityId"
    FROM "Customer" c
    WHERE c."tenantId" = $1 AND c.status = 'ACTIVE'
    ${Array.from({ length: withSearch }, (_, i) => `AND c."searchText" LIKE $${i + 2}`).join(' ')}
    ORDER BY ${order('c')} LIMIT 26
  ) p
  LEFT JOIN "Locality" l ON l."tenantId" = p."tenantId" AND l.id = p."customerLocalityId"
  ORDER BY ${order('p')}`;
};

/** Timed `npm start` against an existing build and database: until it answers HTTP, and its idle memory. */
async function measureStart(): Promise<Entry[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '3301', ANTENA_DATA_DIR: path.join(DATA_DIR, 'bench-start'), EMBEDDED_PG_PORT: '54349' };
  delete env.DATABASE_URL;
  const startOnce = async () => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    for (;;) {
      try {
        const res = await fetch('http://127.0.0.1:3301/api/auth/csrf', { headers: { host: 'demo.localhost:3301' } });
        if (res.ok) break;
      } catch {
        if (child.exitCode !== null) throw new Error('npm start exited');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    const rss = treeRssMb(child.pid!);
    await stopChild(child, 'SIGINT');
    return { ms, rss, exitCode: child.exitCode };
  };
  await startOnce(); // creates that data folder's database and demo tenant
  const second = await startOnce();
  return [value('server.start_ms', second.ms, 'ms'), value('server.start_rss_mb', second.rss, 'MB (npm start: app + embedded PostgreSQL, idle)')];
}

const entries: Entry[] = [];
delete process.env.DATABASE_URL;
const BENCH_PG_DIR = path.join(DATA_DIR, 'bench-pg');
/** The embedded PostgreSQL's postmaster, whose processes creation's CPU figures add up. */
const postmasterPid = () => {
  const file = path.join(BENCH_PG_DIR, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n', 1)[0]) || null : null;
};
const onlyTech = flag('only') === 'tech';
/** --only portal-app: the customer portal as a phone gets it (first load, installable, Lighthouse), as the demo customer. */
const onlyPortalApp = flag('only') === 'portal-app';
const onlyInvoices = flag('only') === 'invoices';
/** --only documents (G11): a 20-page PDF's pages converted to PNG on the demo tenant, and the server's memory after. */
const onlyDocuments = flag('only') === 'documents';
/** The runs on the demo tenant alone: a freshly seeded demo each time (the tech bench's sync stage adds tickets, comments and files). */
const onlyDemo = onlyTech || onlyPortalApp || onlyDocuments;
const database = await openDatabase({
  dataDir: BENCH_PG_DIR,
  port: Number(process.env.BENCH_PG_PORT ?? 54359),
  name: onlyDemo ? 'antena_bench_tech' : onlyInvoices ? 'antena_bench_invoices' : `antena_bench_${scaleName}`,
  fresh: onlyDemo,
});
let app: Awaited<ReturnType<typeof serveNext>> | undefined;
/** The demo tenant in the bench's own database, served by the built app (built first if stale); answers the demo's password. */
async function serveDemo(quiet: boolean): Promise<string> {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const { seedDemo, DEMO_PASSWORD } = await import('@/server/seed/demo');
  await seedDemo();
  const env = appEnv({ databaseUrl: database.url, port: PORT });
  if (!buildIsCurrent()) {
    log('building the app…');
    await build(env);
  }
  app = await serveNext('start', env, { port: PORT, host: '127.0.0.1', quiet });
  return DEMO_PASSWORD;
}
if (onlyTech || onlyPortalApp) {
  try {
    const DEMO_PASSWORD = await serveDemo(true);
    const cpuAtStart = cpuTimes();
    if (onlyPortalApp) entries.push(...(await measurePortalApp({ port: PORT, host: `demo.localhost:${PORT}`, login: '30.123.456', password: DEMO_PASSWORD, log })));
    else {
      entries.push(...(await measureTech({ port: PORT, host: `demo.localhost:${PORT}`, email: 'tecnico@demo.antena.test', password: DEMO_PASSWORD, log })));
      entries.push(...(await measureTechSync(database.url, { port: PORT, host: `demo.localhost:${PORT}`, email: 'tecnico@demo.antena.test', password: DEMO_PASSWORD }, log)));
    }
    entries.push(...stealEntry('machine.steal_pct', cpuAtStart));
  } finally {
    await stopChild(app);
    await database.stop();
  }
  report(onlyPortalApp ? 'customer portal only (the demo tenant)' : 'technician app only (the demo tenant)');
  process.exit(0);
}
if (onlyDocuments) {
  try {
    const DEMO_PASSWORD = await serveDemo(!process.env.BENCH_SERVER_LOG);
    const cpuAtStart = cpuTimes();
    entries.push(...(await measureDocuments({ port: PORT, host: `demo.localhost:${PORT}`, email: 'operador@demo.antena.test', password: DEMO_PASSWORD, rss: () => treeRssMb(app!.pid!), log })));
    entries.push(...stealEntry('machine.steal_pct', cpuAtStart));
  } finally {
    await stopChild(app);
    await database.stop();
  }
  report('documents only (a 20-page PDF on the demo tenant)');
  process.exit(0);
}
if (onlyInvoices) {
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    const env = appEnv({ databaseUrl: database.url, port: PORT });
    if (!buildIsCurrent()) {
      log('building the app…');
      await build(env);
    }
    app = await serveNext('start', env, { port: PORT, host: '127.0.0.1', quiet: !process.env.BENCH_SERVER_LOG });
    await new Promise((r) => setTimeout(r, 2000));
    entries.push(value('server.rss_idle_mb', treeRssMb(app.pid!), 'MB'));
    const cpuAtStart = cpuTimes();
    const sql = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      entries.push(...(await measureInvoiceImport(sql, PORT, () => treeRssMb(app!.pid!), log, undefined, () => processRssMb(app!.pid!))));
    } finally {
      await sql.end();
    }
    entries.push(...stealEntry('machine.steal_pct', cpuAtStart));
  } finally {
    await stopChild(app);
    await database.stop();
  }
  report('billing import only (1,000,000 invoice rows)');
  process.exit(0);
}
if (flag('only') === 'outbox') {
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    const cpuAtStart = cpuTimes();
    entries.push(...(await (await import('./outbox')).measureOutbox(database.url, log)));
    entries.push(...stealEntry('machine.steal_pct', cpuAtStart));
  } finally {
    await database.stop();
  }
  report('outbox only');
  process.exit(0);
}
try {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const t0 = performance.now();
  const { bigTenantId } = await generate(database.url, scale, log);
  const ticketCount = TICKETS[scaleName]!;
  const tickets = args.includes('--skip-tickets') || onlyMap || onlyPortal ? null : await generateTickets(database.url, bigTenantId, ticketCount, log);
  log(`data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // --data-only: generate (or upgrade) the data and stop, e.g. to study query plans with psql.
  if (args.includes('--data-only')) {
    log(`data only: ${database.url}`);
    await database.stop();
    process.exit(0);
  }

  const env = appEnv({ databaseUrl: database.url, port: PORT });
  if (!buildIsCurrent()) {
    log('building the app…');
    await build(env);
  }
  // BENCH_CPU_PROF=dir: a CPU profile of the app server, written when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  app = await serveNext('start', env, { port: PORT, host: '127.0.0.1', quiet: true, nodeArgs: profile });
  await new Promise((r) => setTimeout(r, 2000));
  entries.push(value('server.rss_idle_mb', treeRssMb(app.pid!), 'MB'));
  const cpuAtStart = cpuTimes();

  const sql = new pg.Pool({ connectionString: database.url, max: 2 });
  // --only tickets: the tickets' measurements alone (the customers' are skipped).
  if (!onlyTickets && !onlyMap && !onlyPortal) {
    const session = new Session(PORT, `big.localhost:${PORT}`);
    await session.signInStaff('admin@bench.test', BENCH_PASSWORD);

    const terms = ['gonzalez', 'martin nunez', 'maria rodriguez', 'acuna', String(100_000 + Math.floor(scale.bigCustomers / 3)), String(20_000_000 + 7 * Math.floor(scale.bigCustomers / 2)), 'lucia ibanez', 'cliente1234@', 'perez sosa', 'hector'];
    const N = 300;
    entries.push(await latency('customers.search', N, (i) => session.query('customers.list', { query: terms[i % terms.length], page: 1, pageSize: 25 })));
    entries.push(
      await latency('customers.search.sql', N, (i) => {
        const tokens = searchTokens(terms[i % terms.length]!);
        return sql.query(LIST_SQL(tokens.length), [bigTenantId, ...tokens.map((t) => `%${t}%`)]);
      }),
    );
    entries.push(await latency('customers.list', N, () => session.query('customers.list', { page: 1, pageSize: 25 })));
    entries.push(await latency('customers.list.sql', N, () => sql.query(LIST_SQL(0), [bigTenantId])));
    entries.push(await latency('customers.list.page40', 100, () => session.query('customers.list', { page: 40, pageSize: 25 })));
    // The app's overhead over the same SQL, each term paired (stats.ts).
    entries.push(
      await pairedOverhead(
        'customers.search.overhead_p50_ms',
        N,
        (i) => session.query('customers.list', { query: terms[i % terms.length], page: 1, pageSize: 25 }),
        (i) => {
          const tokens = searchTokens(terms[i % terms.length]!);
          return sql.query(LIST_SQL(tokens.length), [bigTenantId, ...tokens.map((t) => `%${t}%`)]);
        },
      ),
    );
  }
  // F9: the portal's home of a customer with ten years of months (--skip-portal leaves it out).
  if (!onlyTickets && !onlyMap && !args.includes('--skip-portal')) entries.push(...(await measurePortalHome(database.url, PORT, bigTenantId, BENCH_PASSWORD, log)));
  if (!onlyTickets && !onlyPortal) entries.push(...(await measureMap(PORT, sql, bigTenantId, { app: app.pid!, postgres: postmasterPid() }, log)));
  if (tickets && !onlyExports) {
    const options = { processes: { app: app.pid!, postgres: postmasterPid() }, only: flag('only') === 'tickets.create' ? ('create' as const) : flag('only') === 'dashboard' ? ('dashboard' as const) : undefined, log };
    entries.push(...(await measureTickets(database.url, PORT, bigTenantId, tickets.heavyTicketId, ticketCount, options)));
  }
  // C15: every tab of the tickets as CSV and XLSX, streamed (--skip-exports leaves it out).
  if (tickets && (onlyExports || (!onlyTickets && !onlyMap && !onlyPortal && !args.includes('--skip-exports')))) {
    entries.push(...(await measureExports(PORT, () => treeRssMb(app!.pid!), { app: app!.pid!, postgres: postmasterPid() }, log)));
  }
  entries.push(value('server.rss_mb', treeRssMb(app.pid!), 'MB (after the customers\' and tickets\' load)'));
  if (!onlyTickets && !onlyMap && !onlyPortal && !args.includes('--skip-import')) entries.push(...(await measureImport(sql, PORT, () => treeRssMb(app!.pid!), 'admin@bench.test')));
  if (!onlyTickets && !onlyMap && !onlyPortal && !args.includes('--skip-invoices')) entries.push(...(await measureInvoiceImport(sql, PORT, () => treeRssMb(app!.pid!), log, undefined, () => processRssMb(app!.pid!))));
  if (!onlyTickets && !onlyMap && !onlyPortal && !args.includes('--skip-outbox')) entries.push(...(await (await import('./outbox')).measureOutbox(database.url, log)));
  // The technician app of the largest tenant, as one of its technicians (tickets.ts made them).
  if (!onlyTickets && !onlyMap && tickets && !args.includes('--skip-tech')) {
    const technician = { port: PORT, host: `big.localhost:${PORT}`, email: 'tecnico1@bench.test', password: BENCH_PASSWORD };
    entries.push(...(await measureTech({ ...technician, log })));
    entries.push(...(await measureTechSync(database.url, technician, log)));
  }
  entries.push(...stealEntry('machine.steal_pct', cpuAtStart));
  await sql.end();
} finally {
  await stopChild(app);
  await database.stop();
}
if (!onlyTickets && !onlyMap && !onlyPortal && !args.includes('--skip-start')) entries.push(...(await measureStart()));

report(`scale ${scaleName}: ${scale.tenants} tenants, ${scale.bigCustomers} customers in the largest`);

function report(title: string) {
  console.log(`\nAntena benchmark — ${title}\n`);
  printTable(entries);
  if (jsonFile) {
    const out = { scale: { name: scaleName, ...scale }, measuredAt: new Date().toISOString(), entries: Object.fromEntries(entries.map(({ name, ...rest }) => [name, rest])) };
    writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nwrote ${jsonFile}`);
  }
}
