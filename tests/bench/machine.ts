// What the machine did while a measurement ran (Linux /proc): the processes' memory and CPU time, and
// how much of the CPU the host took (a virtual machine's steal time, which on a shared host decides
// much of what a run can measure — a figure is read next to the steal of its window).
import { readFileSync, readdirSync } from 'node:fs';
import { value, type Entry } from './stats';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

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

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // the process ended while we looked
  }
}

/** A process's /proc/<pid>/stat fields after its command's closing parenthesis (state first), or null once it ended. */
function statFields(pid: number | string): string[] | null {
  const stat = read(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process and all its descendants. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue;
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(rootPid);
  return tree;
}

/** Resident memory of one process (not its children), in MB. */
export function processRssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0) / 1024;
}

/** Resident memory of a process and its descendants, in MB. */
export function treeRssMb(rootPid: number): number {
  return processTree(rootPid).reduce((sum, pid) => sum + processRssMb(pid), 0);
}

/** CPU time (user + system) a process and its descendants have used so far, in ms, each by its pid. */
export function treeCpuMs(rootPid: number): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of processTree(rootPid)) {
    const fields = statFields(pid);
    if (!fields) continue;
    // State is field 3 of the stat line; utime and stime are fields 14 and 15.
    used.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS);
  }
  return used;
}

/** The CPU time used between two readings of treeCpuMs (a process that ended in between is left out). */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
