// Issue 17: the billing import at size — a 1,000,000-row invoice CSV (≈ 70 MB, 20,000 customers)
// previewed and then committed over HTTP, as the billing import page sends it (the file as the body),
// into a throwaway tenant, with the app server's memory (its process tree; PostgreSQL is the bench's
// own, not a child of the server) sampled every 50 ms. Targets: preview + commit ≤ 2 minutes, peak
// RSS ≤ 500 MB.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { hashPassword } from '@/server/services/auth/passwords';
import { BENCH_PASSWORD } from './generate';
import { Session } from './http';
import { value, type Entry } from './stats';

const HEADER = 'numero;tipo;cliente;fecha;vencimiento;periodo;total;saldo;estado';

/** `rows` invoices over `customers` customers (codes F-1…), amounts with decimal commas, some paid, some partly. */
export function invoiceFile(rows: number, customers: number): Buffer {
  const parts: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const total = 5000 + (i % 997);
    const state = i % 10 === 0 ? `;0;Pagada` : i % 10 === 1 ? `;${total - 1000},50;Parcial` : ';;';
    parts.push(`A-${String(i).padStart(8, '0')};B;F-${1 + (i % customers)};2025-${month}-${day};2025-${month}-28;2025-${month};${total},50${state}`);
  }
  return Buffer.from(`${parts.join('\r\n')}\r\n`, 'utf8');
}

/** BENCH_INVOICE_ROWS: a smaller file for a quick look (the entries keep their names; their notes say the size). */
export async function measureInvoiceImport(sql: pg.Pool, port: number, rss: () => number, log: (m: string) => void, rows = Number(process.env.BENCH_INVOICE_ROWS ?? 1_000_000), serverRss?: () => number): Promise<Entry[]> {
  const tenantId = randomUUID();
  const slug = `invoices${Date.now()}`;
  const email = 'admin@invoices.bench.test';
  const customers = 20_000;
  await sql.query(`INSERT INTO "Tenant" (id, slug, name, country, locale, "timeZone", currency, settings, "updatedAt") VALUES ($1, $2, 'Invoice bench', 'AR', 'es', 'America/Argentina/Buenos_Aires', 'ARS', '{}', now())`, [tenantId, slug]);
  try {
    await sql.query(`INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'Admin', 'ADMIN', $4, now())`, [randomUUID(), tenantId, email, await hashPassword(BENCH_PASSWORD)]);
    await sql.query(
      `INSERT INTO "Customer" (id, "tenantId", code, name, "taxIdType", "taxId", emails, phones, address, status, "searchText", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, 'F-' || g, 'Cliente ' || g, 'DNI', (30000000 + g)::text, ARRAY[]::text[], ARRAY[]::text[], 'Calle ' || g, 'ACTIVE', 'cliente ' || g, now()
       FROM generate_series(1, $2::int) g`,
      [tenantId, customers],
    );
    // A tenant's customers are there long before its invoices: statistics as autovacuum would have left them.
    await sql.query(`ANALYZE "Customer"`);
    const session = new Session(port, `${slug}.localhost:${port}`);
    await session.signInStaff(email, BENCH_PASSWORD);
    const file = invoiceFile(rows, customers);
    const fileMb = file.byteLength / 2 ** 20;
    log(`invoices: ${rows} rows, ${fileMb.toFixed(1)} MB`);
    const baseRss = rss();
    let peak = baseRss;
    // The server alone too (the tree adds the reader process while it runs): which of the two grew.
    let serverPeak = serverRss?.() ?? 0;
    let childrenPeak = 0;
    const sampler = setInterval(() => {
      const tree = rss();
      peak = Math.max(peak, tree);
      if (!serverRss) return;
      const server = serverRss();
      serverPeak = Math.max(serverPeak, server);
      childrenPeak = Math.max(childrenPeak, tree - server);
    }, 50);
    const post = async (mode: string) => {
      const t0 = performance.now();
      const res = await upload(port, session, `/api/import/billing?kind=invoices&mode=${mode}`, file);
      const body = JSON.parse(res.body) as { ok?: boolean; counts?: { rows: number }; created?: { rows: number } | null; errorCount?: number };
      if (res.status !== 200 || !body.ok) throw new Error(`invoice import ${mode}: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
      const ms = performance.now() - t0;
      log(`invoices: ${mode} ${Math.round(ms)} ms, server RSS peak so far ${Math.round(peak)} MB${serverRss ? ` (the server process alone ${Math.round(serverPeak)} MB, its children — the reader — ${Math.round(childrenPeak)} MB)` : ''}`);
      return { ms, body };
    };
    const preview = await post('preview');
    const previewPeak = peak;
    const commit = await post('commit');
    clearInterval(sampler);
    if (preview.body.counts?.rows !== rows || commit.body.created?.rows !== rows) throw new Error(`invoice import read ${preview.body.counts?.rows} and created ${commit.body.created?.rows}`);
    const stored = Number((await sql.query(`SELECT count(*) FROM "Invoice" WHERE "tenantId" = $1`, [tenantId])).rows[0].count);
    if (stored !== rows) throw new Error(`invoice import: ${stored} invoices stored`);
    const size = `${(rows / 1e6).toLocaleString('en')}M rows, ${fileMb.toFixed(0)} MB, over HTTP`;
    return [
      value('invoices.import_1m_preview_ms', preview.ms, `ms (${size}; every check, nothing written)`),
      value('invoices.import_1m_commit_ms', commit.ms, `ms (the same file again: every check + the atomic write)`),
      value('invoices.import_1m_ms', preview.ms + commit.ms, 'ms (preview + commit; target ≤ 120,000)'),
      value('invoices.import_rows_per_s', rows / (commit.ms / 1000), 'rows/s (commit)'),
      value('invoices.import_rss_peak_mb', peak, `MB (server during preview + commit, target ≤ 500; ${Math.round(baseRss)} MB before, ${Math.round(previewPeak)} MB peak in the preview)`),
    ];
  } finally {
    // Statistics first: with the planner still seeing the table as before the import (empty, after the
    // last run's deletion), the cascade from each of the 20,000 customers read all the invoices — a
    // deletion that had not ended after 20 minutes.
    await sql.query(`ANALYZE "Invoice"`);
    await sql.query(`DELETE FROM "Tenant" WHERE id = $1`, [tenantId]);
  }
}

/** POSTs the file in 1 MB writes (waiting on the socket), and reads the answer even when the server answers before the body's end. */
function upload(port: number, session: Session, path: string, file: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { host: session.host, cookie: session.cookie, 'content-type': 'text/csv', 'content-length': String(file.byteLength) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      for (let i = 0; i < file.byteLength && !req.destroyed; i += 1 << 20) {
        if (!req.write(file.subarray(i, i + (1 << 20)))) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
}
