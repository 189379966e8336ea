import { describe, expect, it } from 'vitest';
import { cpuTimes, stealEntry } from '../bench/machine';

// The benchmark reports the host's share of the CPU next to its figures (tests/bench/machine.ts).
// Linux's /proc/stat, as on every machine the tests run on.
describe('the benchmark’s steal time', () => {
  it('reads the CPU counters and reports the host’s share of a window as a percentage', () => {
    const before = cpuTimes();
    expect(before).not.toBeNull();
    expect(before!.steal).toBeGreaterThanOrEqual(0);
    expect(before!.total).toBeGreaterThan(before!.steal);
    // Busy for a few clock ticks, so the window has some CPU time in it.
    const until = Date.now() + 60;
    while (Date.now() < until);
    const [entry] = stealEntry('machine.steal_pct', before);
    expect(entry).toMatchObject({ name: 'machine.steal_pct', kind: 'value' });
    const pct = entry!.kind === 'value' ? entry!.value : NaN;
    expect(pct).toBeGreaterThanOrEqual(0);
    expect(pct).toBeLessThanOrEqual(100);
  });

  it('reports nothing without a starting point', () => {
    expect(stealEntry('machine.steal_pct', null)).toEqual([]);
  });
});
