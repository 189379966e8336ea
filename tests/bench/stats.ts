// Percentiles and the report: a table on the terminal, and JSON keyed by stable names.
import { performance } from 'node:perf_hooks';

export type Entry =
  | { name: string; kind: 'latency'; unit: 'ms'; n: number; p50: number; p95: number; p99: number }
  | { name: string; kind: 'value'; unit: string; value: number };

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Runs `fn` `warmup` times unmeasured, then `n` times measured, one after another. */
export async function latency(name: string, n: number, fn: (i: number) => Promise<unknown>, warmup = Math.ceil(n / 10)): Promise<Entry> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return latencyEntry(name, times);
}

/** p50/p95/p99 of a set of times in ms (sorted here). */
export function latencyEntry(name: string, times: number[]): Entry {
  times.sort((x, y) => x - y);
  return { name, kind: 'latency', unit: 'ms', n: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)) };
}

/**
 * The app's overhead over its raw SQL, paired: each call over HTTP and then as SQL, back to back, and
 * the median of the differences (a difference of two medians over a mix of inputs mostly measures the mix).
 */
export async function pairedOverhead(name: string, n: number, app: (i: number) => Promise<unknown>, sql: (i: number) => Promise<unknown>): Promise<Entry> {
  const differences: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await app(i);
    const t1 = performance.now();
    await sql(i);
    differences.push(t1 - t0 - (performance.now() - t1));
  }
  differences.sort((x, y) => x - y);
  return value(name, differences[Math.floor(differences.length / 2)]!, 'ms (app minus raw SQL, median of paired calls)');
}

export function value(name: string, v: number, unit: string): Entry {
  return { name, kind: 'value', unit, value: round(v) };
}

export function printTable(entries: Entry[]): void {
  const rows = entries.map((e) =>
    e.kind === 'latency'
      ? [e.name, String(e.p50), String(e.p95), String(e.p99), `ms (n=${e.n})`]
      : [e.name, String(e.value), '', '', e.unit],
  );
  const head = ['measurement', 'p50 / value', 'p95', 'p99', 'unit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
