// How much of this machine's CPU its host took while a measurement ran: the steal time of a
// virtual machine (/proc/stat), which on a shared host decides much of what a run can measure. A
// figure is read next to the steal of its window; elsewhere than Linux there is none to report.
import { readFileSync } from 'node:fs';
import { value, type Entry } from './stats';

export type CpuTimes = { steal: number; total: number } | null;

/** The machine's CPU counters now (user nice system idle iowait irq softirq steal, in ticks). */
export function cpuTimes(): CpuTimes {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((f) => !Number.isFinite(f))) return null;
    return { steal: fields[7]!, total: fields.reduce((sum, f) => sum + f, 0) };
  } catch {
    return null;
  }
}

/** The host's share of the CPU between `since` and now, as an entry (none where it cannot be read). */
export function stealEntry(name: string, since: CpuTimes): Entry[] {
  const now = cpuTimes();
  if (!since || !now || now.total <= since.total) return [];
  return [value(name, (100 * (now.steal - since.steal)) / (now.total - since.total), '% of the CPU the host took (steal time)')];
}
