// The help desk at size: TICKETS tickets in the big tenant (a realistic spread of stages, categories,
// priorities, technicians and Spanish text), generated in SQL once and reused, and the measurements
// of issue 3 over HTTP with the same SQL through pg for comparison.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { searchTokens } from '@/lib/text';
import { BENCH_PASSWORD, RURAL_NODE } from './generate';
import { Session } from './http';
import { cpuMsBetween, cpuTimes, stealEntry, treeCpuMs } from './machine';
import { latency, latencyEntry, pairedOverhead, percentile, value, type Entry } from './stats';

const TITLES = ['Sin conexión', 'Lentitud en la navegación', 'Se corta a cada rato', 'Cambio de domicilio', 'Módem con luz roja', 'Instalación nueva', 'Consulta de facturación', 'Cambio de plan', 'Wi-Fi no llega a la habitación', 'Antena desalineada', 'Cable cortado en la vereda', 'Reclamo por demora'];
const DESCRIPTIONS = [
  'El cliente informa que no tiene servicio desde la mañana.',
  'Llamó reclamando que la velocidad es muy baja a la noche.',
  'Pide visita técnica para revisar el equipo del living.',
  'Se mudó y necesita trasladar el servicio al nuevo domicilio.',
  'Reporta cortes intermitentes cuando llueve.',
  'Solicita revisar la factura del último mes, dice que está mal el importe.',
  'Tormenta anoche: varios vecinos del barrio sin conexión.',
  'El módem reinicia solo varias veces por día.',
];

export async function generateTickets(url: string, tenantId: string, count: number, log: (m: string) => void): Promise<{ heavyTicketId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const heavy = await client.query(`SELECT id FROM "Ticket" WHERE "tenantId" = $1 AND title = 'Ticket con historial largo'`, [tenantId]);
    const counter = await client.query(`SELECT "lastNumber" FROM "TicketCounter" WHERE "tenantId" = $1 AND stripe = 0`, [tenantId]);
    if (heavy.rowCount && (counter.rows[0]?.lastNumber ?? 0) >= count) {
      log(`bench data: reusing ${counter.rows[0].lastNumber} tickets`);
      await linkConnections(client, tenantId, log);
      return { heavyTicketId: heavy.rows[0].id };
    }
    if (counter.rowCount) throw new Error('the bench database holds a partial ticket load; delete .antena/bench-pg and run again');

    const { backfillTicketConfig } = await import('@/server/services/tickets/defaults');
    const { db } = await import('@/server/db');
    await backfillTicketConfig(db());
    const admin = (await client.query(`SELECT id FROM "User" WHERE "tenantId" = $1 AND role = 'ADMIN' LIMIT 1`, [tenantId])).rows[0].id as string;
    const techIds = Array.from({ length: 12 }, () => randomUUID());
    await client.query(
      `INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt")
       SELECT u.id, $2, 'tecnico' || u.n || '@bench.test', 'Técnico ' || u.n, 'TECHNICIAN', (SELECT "passwordHash" FROM "User" WHERE id = $3), now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
      [techIds, tenantId, admin],
    );
    await client.query(
      `CREATE TEMP TABLE bc AS SELECT row_number() OVER (ORDER BY id) AS rn, id, name, code, "taxId",
              (SELECT k.id FROM "Connection" k WHERE k."tenantId" = c."tenantId" AND k."customerId" = c.id ORDER BY k.id LIMIT 1) AS "connectionId"
       FROM "Customer" c WHERE "tenantId" = $1`,
      [tenantId],
    );
    const customers = Number((await client.query(`SELECT count(*) FROM bc`)).rows[0].count);
    await client.query(`CREATE TEMP TABLE bcat AS SELECT row_number() OVER (ORDER BY name) AS rn, id, "areaId" FROM "TicketCategory" WHERE "tenantId" = $1`, [tenantId]);
    await client.query(`CREATE TEMP TABLE bpri AS SELECT row_number() OVER (ORDER BY rank) AS rn, id FROM "TicketPriority" WHERE "tenantId" = $1`, [tenantId]);
    const states = Object.fromEntries(
      (await client.query(`SELECT DISTINCT ON (stage) stage, id FROM "TicketState" WHERE "tenantId" = $1 ORDER BY stage, position`, [tenantId])).rows.map((r) => [r.stage, r.id]),
    );
    // The trigram index is built once after the load: far faster than maintaining it row by row.
    await client.query(`DROP INDEX IF EXISTS "Ticket_tenantId_stage_searchText_idx"`);
    const CHUNK = 100_000;
    const t0 = performance.now();
    for (let from = 1; from <= count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK - 1);
      await client.query(
        `INSERT INTO "Ticket" (id, "tenantId", number, title, description, "customerId", "connectionId", "areaId", "categoryId", "stateId", stage, "priorityId", complexity,
                               "assigneeId", "workStatus", billable, channel, "createdById", "openedAt", "finishedAt", "closedAt", "statusChangedAt", "searchText", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, n, x.title, x.description, c.id, c."connectionId", cat."areaId", cat.id,
                CASE x.stage WHEN 'PENDING' THEN $5::uuid WHEN 'FINISHED' THEN $6::uuid ELSE $7::uuid END, x.stage::"LifecycleStage", pri.id,
                (ARRAY['HIGH','MEDIUM','LOW'])[1 + n % 3]::"Complexity", ($8::uuid[])[1 + n % 12],
                -- G3: every bench ticket has a technician: pending ones are assigned, the others completed.
                CASE WHEN x.stage = 'PENDING' THEN 'ASSIGNED' ELSE 'COMPLETED' END::"WorkStatus", n % 7 = 0, 'BACKOFFICE', $9::uuid,
                x.at, CASE WHEN x.stage <> 'PENDING' THEN x.at + interval '2 days' END, CASE WHEN x.stage = 'CLOSED' THEN x.at + interval '3 days' END, x.at,
                translate(lower(n || ' ' || x.title || ' ' || x.description || ' ' || c.name || ' ' || c.code || ' ' || coalesce(c."taxId", '')), 'áéíóúüñ', 'aeiouun'),
                x.at, x.at
         FROM generate_series($2::int, $3::int) AS n
         CROSS JOIN LATERAL (SELECT ($10::text[])[1 + n % 12] AS title, ($11::text[])[1 + (n * 7) % 8] AS description,
                                    CASE WHEN n > $4::int - $4::int / 10 THEN 'PENDING' WHEN n % 9 = 0 THEN 'FINISHED' ELSE 'CLOSED' END AS stage,
                                    now() - (($4::int - n) * interval '20 seconds') AS at) x
         JOIN bc c ON c.rn = 1 + (n::bigint * 7919) % ${customers}
         JOIN bcat cat ON cat.rn = 1 + n % (SELECT count(*) FROM bcat)
         JOIN bpri pri ON pri.rn = 1 + (n / 3) % (SELECT count(*) FROM bpri)`,
        [tenantId, from, to, count, states.PENDING, states.FINISHED, states.CLOSED, techIds, admin, TITLES, DESCRIPTIONS],
      );
      log(`bench data: ${to} tickets (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await client.query(`INSERT INTO "TicketEvent" (id, "tenantId", "ticketId", "actorId", kind, version, "createdAt") SELECT gen_random_uuid(), "tenantId", id, "createdById", 'created', 1, "createdAt" FROM "Ticket" WHERE "tenantId" = $1`, [tenantId]);
    log('bench data: history entries written; building the search index…');
    await client.query(`CREATE INDEX "Ticket_tenantId_stage_searchText_idx" ON "Ticket" USING GIN ("tenantId" uuid_ops, stage enum_ops, "searchText" gin_trgm_ops)`);
    // One ticket with a long history, for opening a ticket.
    const heavyId = randomUUID();
    await client.query(
      `INSERT INTO "Ticket" (id, "tenantId", number, title, description, "stateId", stage, channel, "searchText", "updatedAt", version)
       VALUES ($1, $2, $3, 'Ticket con historial largo', 'Doscientas entradas de historial', $4, 'PENDING', 'BACKOFFICE', 'ticket con historial largo', now(), 200)`,
      [heavyId, tenantId, count + 1, states.PENDING],
    );
    await client.query(
      `INSERT INTO "TicketEvent" (id, "tenantId", "ticketId", "actorId", kind, version, field, "oldValue", "newValue", "createdAt")
       SELECT gen_random_uuid(), $1, $2, $3, 'field', v, 'title', 'Antes ' || v, 'Después ' || v, now() - (200 - v) * interval '1 minute' FROM generate_series(1, 200) v`,
      [tenantId, heavyId, admin],
    );
    await client.query(
      `INSERT INTO "TicketCounter" ("tenantId", stripe, "lastNumber", pending, finished, closed)
       SELECT $1, 0, max(number), count(*) FILTER (WHERE stage = 'PENDING'), count(*) FILTER (WHERE stage = 'FINISHED'), count(*) FILTER (WHERE stage = 'CLOSED') FROM "Ticket" WHERE "tenantId" = $1`,
      [tenantId],
    );
    await client.query('ANALYZE');
    log(`bench data: ${count} tickets in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return { heavyTicketId: heavyId };
  } finally {
    await client.end();
  }
}

/**
 * Tickets name their customer's connection (data generated before they did gets it here, once).
 * An UPDATE of every ticket: minutes at 10⁶, and only on such old data.
 */
async function linkConnections(client: pg.Client, tenantId: string, log: (m: string) => void) {
  const linked = await client.query(`SELECT 1 FROM "Ticket" WHERE "tenantId" = $1 AND "connectionId" IS NOT NULL LIMIT 1`, [tenantId]);
  if (linked.rowCount) return;
  log('bench data: linking tickets to their customers’ connections…');
  await client.query(
    `UPDATE "Ticket" t SET "connectionId" = k.id
     FROM (SELECT DISTINCT ON ("customerId") "customerId", id FROM "Connection" WHERE "tenantId" = $1 ORDER BY "customerId", id) k
     WHERE t."tenantId" = $1 AND t."customerId" = k."customerId" AND t."connectionId" IS NULL`,
    [tenantId],
  );
  await client.query('VACUUM ANALYZE "Ticket"');
}

/** The grid's SQL (listTickets), by hand, for the overhead comparison. */
function gridSql(withSearch: number) {
  return `
  SELECT p.id, p.number, p."callNumber", p.title, p.stage, p."workStatus", p.complexity, p.billable, p.price, p."productsTotal", p.cost, p."collectedAmount", p."dueAt", p."visitStart", p."visitEnd", p."scheduleStatus", p.kilometres, p."openedAt", p."closedAt", p."statusChangedAt", p.pqrs,
         p."customerId", c.name AS "customerName", c.code AS "customerCode",
         (SELECT u.name FROM "User" u WHERE u."tenantId" = p."tenantId" AND u.id = p."assigneeId") AS "assigneeName",
         (SELECT s.name FROM "TicketState" s WHERE s."tenantId" = p."tenantId" AND s.id = p."stateId") AS "stateName",
         pr.name AS "priorityName", pr.color AS "priorityColor", cat.name AS "categoryName", cat.color AS "categoryColor",
         p."companyId", p."companyAcceptedAt",
         (SELECT json_build_object('name', co.name, 'taxId', co."taxId", 'contactName', co."contactName", 'email', co.email, 'phone', co.phone, 'zone', co.zone)
            FROM "Company" co WHERE co."tenantId" = p."tenantId" AND co.id = p."companyId") AS company,
         (SELECT json_build_object('type', eq.type, 'brand', eq.brand, 'model', eq.model, 'serial', eq.serial)
            FROM "CustomerEquipment" eq WHERE eq."tenantId" = p."tenantId" AND eq.id = p."equipmentId") AS equipment,
         (SELECT count(*)::int FROM "TicketEvent" e WHERE e."tenantId" = p."tenantId" AND e."ticketId" = p.id
            AND e."createdAt" > COALESCE((SELECT r."seenAt" FROM "TicketRead" r WHERE r."tenantId" = p."tenantId" AND r."ticketId" = p.id AND r."userId" = $2::uuid), '-infinity'::timestamp)
            AND e."actorId" IS DISTINCT FROM $2::uuid) AS "unseenChanges",
         p."commentCount",
         f."fileCount", f."imageCount",
         (SELECT tr.rating::int FROM "TicketRating" tr WHERE tr."tenantId" = p."tenantId" AND tr."ticketId" = p.id) AS rating
  FROM (SELECT * FROM "Ticket" t WHERE t."tenantId" = $1::uuid AND t.stage = 'PENDING'::"LifecycleStage"
        ${Array.from({ length: withSearch }, (_, i) => `AND t."searchText" LIKE $${i + 3}`).join(' ')}
        ORDER BY t.number DESC LIMIT 26 OFFSET 0) p
  LEFT JOIN "Customer" c ON c."tenantId" = p."tenantId" AND c.id = p."customerId"
  LEFT JOIN "TicketPriority" pr ON pr."tenantId" = p."tenantId" AND pr.id = p."priorityId"
  LEFT JOIN "TicketCategory" cat ON cat."tenantId" = p."tenantId" AND cat.id = p."categoryId"
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS "fileCount", (count(*) FILTER (WHERE tf.image))::int AS "imageCount" FROM "TicketFile" tf
    WHERE tf."tenantId" = p."tenantId" AND tf."ticketId" = p.id AND tf.visibility::text = ANY('{PUBLIC,TECHNICIAN,STAFF,CUSTOMER}'::text[])
  ) f
  ORDER BY p.number DESC`;
}

/** The processes whose CPU time creation's figures split: the app server's and PostgreSQL's postmaster. */
export type BenchProcesses = { app: number; postgres: number | null };

export async function measureTickets(
  url: string,
  port: number,
  tenantId: string,
  heavyTicketId: string,
  count: number,
  { processes, only, log }: { processes: BenchProcesses; only?: 'create' | 'dashboard'; log: (m: string) => void },
): Promise<Entry[]> {
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  const session = new Session(port, `big.localhost:${port}`);
  await session.signInStaff('admin@bench.test', BENCH_PASSWORD);
  const me = await session.query<{ id: string }>('users.me', undefined);
  const entries: Entry[] = [];
  /**
   * A latency phase and the app server's CPU time per call over it (its warm-up included): a gauge of
   * the server's own work that the host's and the database's noise move less than the latency.
   */
  async function timedWithCpu(name: string, n: number, fn: (i: number) => Promise<unknown>, unit: string): Promise<Entry[]> {
    const warmup = Math.ceil(n / 10);
    const before = treeCpuMs(processes.app);
    const entry = await latency(name, n, fn, warmup);
    return [entry, value(`${name}.cpu_ms.server`, cpuMsBetween(before, treeCpuMs(processes.app)) / (n + warmup), unit)];
  }
  /** The grid, searches, filters, deep pages and opening a ticket (all but creating). */
  async function measureReads() {
    const N = 300;
    const counts = `SELECT sum(pending)::int AS pending, sum(finished)::int AS finished, sum(closed)::int AS closed FROM "TicketCounter" WHERE "tenantId" = $1`;
    entries.push(...(await timedWithCpu('tickets.grid', N, () => session.query('tickets.list', { tab: 'PENDING', page: 1, pageSize: 25 }), 'ms of CPU per page: the app server')));
    const gridBySql = () => Promise.all([sql.query(gridSql(0), [tenantId, me.id]), sql.query(counts, [tenantId])]);
    entries.push(await latency('tickets.grid.sql', N, gridBySql));
    // The app's overhead over that SQL, paired as for the customers. For scale, the floor of any
    // signed-in call: users.me, which reads only the caller (the one query every staff call makes), over HTTP.
    entries.push(await pairedOverhead('tickets.grid.overhead_p50_ms', N, () => session.query('tickets.list', { tab: 'PENDING', page: 1, pageSize: 25 }), gridBySql));
    entries.push(await latency('server.signed_in_floor', N, () => session.query('users.me', undefined)));
    // Issue 15's hot paths. A technician's grid: the visibility rule (only their own tickets, the
    // tenant's default) in the same query. A page: rendered per request, with its own CSP nonce.
    const technicianSession = new Session(port, `big.localhost:${port}`);
    await technicianSession.signInStaff('tecnico1@bench.test', BENCH_PASSWORD);
    entries.push(await latency('tickets.grid.technician', N, () => technicianSession.query('tickets.list', { tab: 'PENDING', page: 1, pageSize: 25 })));
    entries.push(
      await latency('server.page', N, async () => {
        const res = await session.fetch('/tickets');
        if (res.status !== 200 || !res.headers.get('content-security-policy')?.includes('nonce-')) throw new Error(`/tickets answered ${res.status} without a nonce`);
        await res.text();
      }),
    );
    const terms = ['sin conexion', 'modem luz roja', 'gonzalez', String(count - 1234), 'tormenta barrio', 'factura importe', 'mudanza domicilio', 'hector'];
    entries.push(await latency('tickets.search', N, (i) => session.query('tickets.list', { tab: 'PENDING', query: terms[i % terms.length], page: 1, pageSize: 25 })));
    entries.push(
      await latency('tickets.search.sql', N, (i) => {
        const tokens = searchTokens(terms[i % terms.length]!);
        return Promise.all([sql.query(gridSql(tokens.length), [tenantId, me.id, ...tokens.map((t) => `%${t}%`)]), sql.query(counts, [tenantId])]);
      }),
    );
    // C3 advanced search: a connection field — the node, from the largest (16 % of the tickets) to
    // the rural one (a few dozen) — in the Pending and Closed tabs, with the tabs' capped counts.
    const nodes = (await sql.query(`SELECT id FROM "Node" WHERE "tenantId" = $1 AND name = ANY($2) ORDER BY name`, [tenantId, ['Nodo 1', 'Nodo 10', 'Nodo 40', RURAL_NODE]])).rows.map((r) => r.id as string);
    const filteredInput = (i: number) => ({ tab: Math.floor(i / nodes.length) % 2 ? 'CLOSED' : 'PENDING', filters: { nodeId: nodes[i % nodes.length] }, page: 1, pageSize: 25 });
    entries.push(await latency('tickets.filtered', N, (i) => session.query('tickets.list', filteredInput(i))));
    // Ticket fields: a category, a technician, the last 30 days, a channel no ticket has, overdue.
    const [category] = (await sql.query(`SELECT id FROM "TicketCategory" WHERE "tenantId" = $1 ORDER BY name LIMIT 1`, [tenantId])).rows.map((r) => r.id as string);
    const [technician] = (await sql.query(`SELECT id FROM "User" WHERE "tenantId" = $1 AND role = 'TECHNICIAN' ORDER BY name LIMIT 1`, [tenantId])).rows.map((r) => r.id as string);
    const fieldFilters = [{ categoryId: category }, { assigneeId: technician }, { openedFrom: new Date(Date.now() - 30 * 864e5).toISOString().slice(0, 10) }, { channel: 'PORTAL' }, { overdue: true }, { categoryId: category, complexity: 'HIGH' }];
    entries.push(
      await latency('tickets.filtered.fields', N, (i) =>
        session.query('tickets.list', { tab: Math.floor(i / fieldFilters.length) % 2 ? 'CLOSED' : 'PENDING', filters: fieldFilters[i % fieldFilters.length], page: 1, pageSize: 25 }),
      ),
    );
    entries.push(await latency('tickets.deepPage', 100, (i) => session.query('tickets.list', { tab: 'CLOSED', query: 'cliente', page: 200 + (i % 50), pageSize: 25 })));
    entries.push(
      ...(await timedWithCpu('tickets.open', 200, () => Promise.all([session.query('tickets.get', { id: heavyTicketId }), session.query('tickets.history', { id: heavyTicketId })]), 'ms of CPU per opening (two calls): the app server')),
    );
    // C11: the same ticket (200 history entries) as its PDF, the customer's copy, drawn on every request.
    entries.push(
      ...(await timedWithCpu('ticket.pdf', 100, async () => {
        const res = await session.fetch(`/api/tickets/${heavyTicketId}/pdf`);
        if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf') throw new Error(`the ticket's PDF answered ${res.status}`);
        await res.arrayBuffer();
      }, 'ms of CPU per PDF: the app server')),
    );
  }

  /**
   * C14: the dashboard, every chart in one call, for the current month and for all time (the figures
   * kept in TicketStat), and following a search of the grid (counted over the matching tickets).
   */
  async function measureDashboard() {
    const N = 300;
    entries.push(...(await timedWithCpu('dashboard.month', N, () => session.query('dashboard.get', { period: { kind: 'month' } }), 'ms of CPU per dashboard: the app server')));
    entries.push(...(await timedWithCpu('dashboard.all', N, () => session.query('dashboard.get', { period: { kind: 'all' } }), 'ms of CPU per dashboard: the app server')));
    const [technician] = (await sql.query(`SELECT id FROM "User" WHERE "tenantId" = $1 AND role = 'TECHNICIAN' ORDER BY name LIMIT 1`, [tenantId])).rows.map((r) => r.id as string);
    const kept = (await sql.query(`SELECT count(*)::int AS n FROM "TicketStat" WHERE "tenantId" = $1`, [tenantId])).rows[0].n as number;
    entries.push(value('dashboard.kept_rows', kept, `TicketStat rows of the tenant's ${count} tickets`));
    // Following the grid: one technician's tickets of the month (a filter the figures kept do not hold).
    entries.push(await latency('dashboard.month.searched', 100, () => session.query('dashboard.get', { period: { kind: 'month' }, filters: { assigneeId: technician } })));
  }

  if (only === 'dashboard') {
    await measureDashboard();
    await sql.end();
    return entries;
  }
  if (only !== 'create') {
    await measureReads();
    await measureDashboard();
  }
  // BENCH_TICKET_STATS=off: the creations without C14's triggers (the dashboard's figures), to weigh
  // what keeping them costs against a run with them, on the same machine minutes apart. Put back after.
  const statsOff = process.env.BENCH_TICKET_STATS === 'off';
  if (statsOff) {
    log('creations WITHOUT the dashboard triggers (BENCH_TICKET_STATS=off)');
    await sql.query(`ALTER TABLE "Ticket" DISABLE TRIGGER "Ticket_stats_insert"`);
  }
  // Creating at 50 connections: 50 signed-in sessions, each creating tickets back to back. Signed in
  // one after another: the sign-in throttle counts an attempt before its password is checked, so 50
  // at once on one account from one address would be mostly turned away as a burst.
  const sessions: Session[] = [];
  for (let i = 0; i < 50; i++) {
    const s = new Session(port, `big.localhost:${port}`);
    await s.signInStaff('admin@bench.test', BENCH_PASSWORD);
    sessions.push(s);
  }
  const customers = (await sql.query(`SELECT id FROM "Customer" WHERE "tenantId" = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 500`, [tenantId])).rows.map((r) => r.id as string);
  // Warm-up, not measured: each session's first creations (code paths compiled, pooled connections'
  // cached plans) — 10 per session.
  await Promise.all(sessions.map(async (s, k) => {
    for (let i = 0; i < 10; i++) await s.mutate('tickets.create', { customerId: customers[(k * 10 + i) % customers.length], description: `Alta de prueba (calentamiento) ${k}.${i}` });
  }));
  const PER_SESSION = 40;
  const times: number[] = [];
  const cpuAtStart = cpuTimes();
  // CPU time per creation, by whom. It moves with the host's load too, if less than the rate: the
  // server's 2.0 ms grew to 2.9 when the host took 40 % (shared caches), so compare runs of like steal.
  const used = () => ({ server: treeCpuMs(processes.app), postgres: processes.postgres ? treeCpuMs(processes.postgres) : null, clients: process.cpuUsage() });
  const usedBefore = used();
  const t0 = performance.now();
  await Promise.all(
    sessions.map(async (s, k) => {
      for (let i = 0; i < PER_SESSION; i++) {
        const started = performance.now();
        await s.mutate('tickets.create', { customerId: customers[(k * PER_SESSION + i) % customers.length], description: `Alta de prueba ${k}.${i}: sin conexión desde ayer` });
        times.push(performance.now() - started);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  entries.push(latencyEntry('tickets.create', times));
  entries.push(value('tickets.create.rate', times.length / elapsed, 'tickets/s (50 connections)'));
  entries.push(...stealEntry('tickets.create.steal_pct', cpuAtStart));
  const usedAfter = used();
  const perCreation = (ms: number) => ms / times.length;
  entries.push(value('tickets.create.cpu_ms.server', perCreation(cpuMsBetween(usedBefore.server, usedAfter.server)), 'ms of CPU per creation: the app server'));
  if (usedBefore.postgres && usedAfter.postgres) {
    entries.push(value('tickets.create.cpu_ms.postgres', perCreation(cpuMsBetween(usedBefore.postgres, usedAfter.postgres)), 'ms of CPU per creation: PostgreSQL (all its processes)'));
  }
  const clients = process.cpuUsage(usedBefore.clients);
  entries.push(value('tickets.create.cpu_ms.clients', perCreation((clients.user + clients.system) / 1000), 'ms of CPU per creation: the benchmark\'s 50 clients'));
  // The latency at the target's rate: creations arrive at a fixed 400/s, round robin over the same 50
  // connections (each sends its next one when it is due, or as soon as its previous one answers).
  // Above, every connection sends again the moment it is answered, so the server always has 50 in
  // hand and the mean latency is 50 / rate by construction; here the latency is what a creation
  // arriving at 400/s waits. Each is timed from when it was due, so one that had to wait for its
  // connection counts that wait too (no coordinated omission).
  const RATE = 400;
  const ARRIVALS = 2_400;
  const atRate: number[] = [];
  const bySecond: number[][] = [];
  const cpuAtRate = cpuTimes();
  const start = performance.now() + 50;
  await Promise.all(
    sessions.map(async (s, k) => {
      for (let i = k; i < ARRIVALS; i += sessions.length) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await s.mutate('tickets.create', { customerId: customers[i % customers.length], description: `Alta de prueba a ritmo fijo ${i}: sin conexión desde ayer` });
        const ms = performance.now() - due;
        atRate.push(ms);
        (bySecond[Math.floor(i / RATE)] ??= []).push(ms);
      }
    }),
  );
  entries.push(latencyEntry('tickets.create.at400', atRate));
  // Where the tail is: spread over the run, or in one second of it.
  log(`tickets.create.at400 p99 by second (ms): ${bySecond.map((t) => Math.round(percentile(t.sort((x, y) => x - y), 99))).join(', ')}`);
  entries.push(...stealEntry('tickets.create.at400.steal_pct', cpuAtRate));
  // Put the data back as generated, so every run measures the same tickets.
  await sql.query(`DELETE FROM "OutboxEvent" WHERE "tenantId" = $1 AND (payload->>'ticketId')::uuid IN (SELECT id FROM "Ticket" WHERE "tenantId" = $1 AND description LIKE 'Alta de prueba %')`, [tenantId]);
  await sql.query(`DELETE FROM "Ticket" WHERE "tenantId" = $1 AND description LIKE 'Alta de prueba %'`, [tenantId]);
  await sql.query(`DELETE FROM "TicketCounter" WHERE "tenantId" = $1 AND stripe > 0`, [tenantId]);
  await sql.query(
    `UPDATE "TicketCounter" c SET pending = s.pending, finished = s.finished, closed = s.closed
     FROM (SELECT count(*) FILTER (WHERE stage = 'PENDING') AS pending, count(*) FILTER (WHERE stage = 'FINISHED') AS finished, count(*) FILTER (WHERE stage = 'CLOSED') AS closed
           FROM "Ticket" WHERE "tenantId" = $1) s
     WHERE c."tenantId" = $1 AND c.stripe = 0`,
    [tenantId],
  );
  if (statsOff) {
    // The triggers back, and the tenant's figures counted again (the run's creations were not).
    await sql.query(`ALTER TABLE "Ticket" ENABLE TRIGGER "Ticket_stats_insert"`);
    await sql.query(`SELECT antena_ticket_stats_rebuild($1)`, [tenantId]);
  }
  await sql.end();
  return entries;
}
