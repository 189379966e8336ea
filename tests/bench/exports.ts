// C15: the exports of the largest tenant's tickets over HTTP — every tab (about 10⁶ rows at full
// scale), as CSV and as XLSX, with every column — in the streamed mode: the bench server runs with
// EXPORT_SYNC_MAX_ROWS above the tenant's ticket count (run.ts), so a request answers the file itself
// instead of handing it to the background job, and the rate is the route's: PostgreSQL's keyset pages,
// the formatting, csv-stringify / the hand-written sheet XML and its zip, and the bytes on the socket, read here
// as they arrive (never held). The server's RSS is sampled every 50 ms during each export; the peak
// above its RSS just before is `export.rss_peak_mb`; the CPU seconds of the server and of PostgreSQL
// during each format's exports say which side bounds the rate.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { TICKET_EXPORT_COLUMNS } from '@/lib/exports';
import { BENCH_PASSWORD } from './generate';
import { Session } from './http';
import { cpuMsBetween, treeCpuMs } from './machine';
import { value, type Entry } from './stats';

const TABS = ['PENDING', 'FINISHED', 'CLOSED'] as const;

/** One export's bytes as they arrive: rows (lines after the header, CSV), bytes and the ms to the first row and the last byte; throws on a non-200 answer. */
function download(port: number, host: string, cookie: string, path: string): Promise<{ bytes: number; lines: number; firstMs: number; lastMs: number }> {
  const t0 = performance.now();
  let firstMs = 0;
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host, cookie } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${path}: ${res.statusCode}`));
        res.resume();
        return;
      }
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        // The first row's arrival: the CSV's second line (the header comes at once), the XLSX's first bytes.
        if (!firstMs && (lines > 1 || !path.includes('format=csv'))) firstMs = performance.now() - t0;
      });
      res.on('end', () => resolve({ bytes, lines, firstMs, lastMs: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The processes whose CPU time an export uses: the app server and PostgreSQL (all its processes, when embedded). */
export type ExportProcesses = { app: number; postgres: number | null };

export async function measureExports(port: number, serverRssMb: () => number, processes: ExportProcesses, log: (m: string) => void): Promise<Entry[]> {
  const host = `big.localhost:${port}`;
  const session = new Session(port, host);
  await session.signInStaff('admin@bench.test', BENCH_PASSWORD);
  const cookie = session.cookieList().map((c) => `${c.name}=${c.value}`).join('; ');
  const columns = TICKET_EXPORT_COLUMNS.join(',');
  const entries: Entry[] = [];
  let peakAbove = 0;
  let csvRows = 0;
  // A warm-up of each format — a search that matches nothing, through the same route and statements —
  // so the rate is a running server's, not its first request's (loading the route's code: ~0.6 s).
  for (const format of ['csv', 'xlsx'] as const) await download(port, host, cookie, `/api/exports/tickets?format=${format}&tab=PENDING&scope=filtered&query=zzqqzzqq&columns=${columns}`);
  for (const format of ['csv', 'xlsx'] as const) {
    let formatPeak = 0;
    let rows = 0;
    let bytes = 0;
    // Each tab's seconds to its first row and to its last byte.
    const tabs: string[] = [];
    const t0 = performance.now();
    const cpuBefore = { app: treeCpuMs(processes.app), postgres: processes.postgres ? treeCpuMs(processes.postgres) : null, bench: process.cpuUsage() };
    for (const tab of TABS) {
      const idle = serverRssMb();
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb())), 50);
      try {
        const got = await download(port, host, cookie, `/api/exports/tickets?format=${format}&tab=${tab}&scope=all&columns=${columns}`);
        bytes += got.bytes;
        tabs.push(`${tab} ${(got.firstMs / 1000).toFixed(1)}/${(got.lastMs / 1000).toFixed(1)} s`);
        // CSV: one line per row after the header (the generated titles hold no line break). XLSX is
        // zipped: its rows are the CSV's, the same tabs read a moment before.
        rows += format === 'csv' ? got.lines - 1 : 0;
      } finally {
        clearInterval(sampler);
      }
      formatPeak = Math.max(formatPeak, peak - idle);
    }
    peakAbove = Math.max(peakAbove, formatPeak);
    const seconds = (performance.now() - t0) / 1000;
    // Where the time went: each side's CPU seconds over the export's wall seconds (2 cores: 2.0 is both full).
    const cpu = {
      server: cpuMsBetween(cpuBefore.app, treeCpuMs(processes.app)) / 1000,
      postgres: cpuBefore.postgres ? cpuMsBetween(cpuBefore.postgres, treeCpuMs(processes.postgres!)) / 1000 : null,
      bench: (() => {
        const used = process.cpuUsage(cpuBefore.bench);
        return (used.user + used.system) / 1e6;
      })(),
    };
    if (format === 'csv') csvRows = rows;
    else rows = csvRows;
    log(`export ${format}: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; CPU s: server ${cpu.server.toFixed(1)}, PostgreSQL ${cpu.postgres?.toFixed(1) ?? '?'}, this client ${cpu.bench.toFixed(1)}; first row/last byte: ${tabs.join(', ')}`);
    entries.push(value(`export.${format}.cpu_s.server`, cpu.server, 'CPU seconds of the app server during the export'));
    if (cpu.postgres !== null) entries.push(value(`export.${format}.cpu_s.postgres`, cpu.postgres, 'CPU seconds of PostgreSQL (all its processes) during the export'));
    entries.push(value(`export.${format}.rss_peak_mb`, formatPeak, 'MB above the server\'s RSS just before each tab\'s export (peak of this format)'));
    entries.push(value(`export.${format}.rate`, rows / seconds, `rows/s (every tab of ${rows} tickets, every column, streamed over HTTP; ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s)`));
  }
  entries.push(value('export.rss_peak_mb', peakAbove, 'MB above the server\'s RSS just before an export (peak over the CSV and XLSX exports, sampled every 50 ms)'));
  return entries;
}
