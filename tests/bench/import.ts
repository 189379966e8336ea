// A7 at size: a 50,000-row CSV (40,000 customers, 50,000 connections) previewed and imported over
// HTTP into a throwaway tenant of the bench database, watching the server's memory meanwhile.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { Session } from './http';
import { value, type Entry } from './stats';

const HEADER = 'codigo;nombre;tipo_documento;documento;emails;telefonos;direccion;localidad;conexion_codigo;conexion_direccion;conexion_localidad;plan;nodo;tipo;latitud;longitud;estado';

export function importFile(rows = 50_000): Buffer {
  const lines = [HEADER];
  let customers = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 5 === 4) {
      lines.push(`${100_000 + customers - 1};;;;;;;;K-${i};Anexo ${i};Quilmes;Fibra 100;Nodo Centro;Fibra óptica;-34,6${i % 1000};-58,4${i % 1000};Habilitada`);
    } else {
      lines.push(`${100_000 + customers};Cliente Número ${i};DNI;${20_000_000 + i};cliente${i}@example.com;+54 11 4000-${String(i % 10_000).padStart(4, '0')};Calle ${i};Lanús;K-${i};;;Fibra 100;Nodo Centro;Fibra óptica;-34,7${i % 1000};-58,3${i % 1000};Habilitada`);
      customers += 1;
    }
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export async function measureImport(sql: pg.Pool, port: number, rss: () => number, copyPasswordOf: string): Promise<Entry[]> {
  const tenantId = randomUUID();
  const slug = `import${Date.now()}`;
  const email = 'admin@import.bench.test';
  await sql.query(`INSERT INTO "Tenant" (id, slug, name, country, locale, "timeZone", currency, settings, "updatedAt") VALUES ($1, $2, 'Import bench', 'AR', 'es', 'America/Argentina/Buenos_Aires', 'ARS', '{}', now())`, [tenantId, slug]);
  try {
    await sql.query(`INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt") SELECT $1, $2, $3, 'Admin', 'ADMIN', "passwordHash", now() FROM "User" WHERE email = $4 LIMIT 1`, [randomUUID(), tenantId, email, copyPasswordOf]);
    await sql.query(`INSERT INTO "Plan" (id, "tenantId", name, "downloadMbps", "uploadMbps") VALUES ($1, $2, 'Fibra 100', 100, 50)`, [randomUUID(), tenantId]);
    await sql.query(`INSERT INTO "Node" (id, "tenantId", name) VALUES ($1, $2, 'Nodo Centro')`, [randomUUID(), tenantId]);
    for (const name of ['Lanús', 'Quilmes']) await sql.query(`INSERT INTO "Locality" (id, "tenantId", name) VALUES ($1, $2, $3)`, [randomUUID(), tenantId, name]);

    const session = new Session(port, `${slug}.localhost:${port}`);
    const { BENCH_PASSWORD } = await import('./generate');
    await session.signInStaff(email, BENCH_PASSWORD);
    const file = importFile();
    const baseRss = rss();
    let peak = baseRss;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
    const post = async (mode: string) => {
      const t0 = performance.now();
      const res = await session.fetch(`/api/import/customers?mode=${mode}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file });
      const body = (await res.json()) as { ok?: boolean; created?: { customers: number; connections: number } | null };
      if (res.status !== 200 || !body.ok) throw new Error(`import ${mode}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { ms: performance.now() - t0, body };
    };
    const preview = await post('preview');
    const commit = await post('commit');
    clearInterval(sampler);
    if (commit.body.created?.customers !== 40_000 || commit.body.created.connections !== 50_000) throw new Error(`import created ${JSON.stringify(commit.body.created)}`);
    return [
      value('customers.import50k.preview_ms', preview.ms, 'ms (50,000 rows, 8 MB, over HTTP)'),
      value('customers.import50k.commit_ms', commit.ms, 'ms (re-check + atomic write of 40,000 customers, 50,000 connections)'),
      value('customers.import50k.rows_per_s', 50_000 / (commit.ms / 1000), 'rows/s (commit)'),
      value('customers.import50k.server_rss_peak_mb', peak, `MB (server during preview + commit; ${Math.round(baseRss)} MB before)`),
    ];
  } finally {
    await sql.query(`DELETE FROM "Tenant" WHERE id = $1`, [tenantId]);
  }
}
