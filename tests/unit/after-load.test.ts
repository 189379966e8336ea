// Deferred work (src/lib/after-load.ts): afterStartup runs after the load, after every hold of the
// page's start (the technician app's opening sync) is released — or when a hold times out — and once
// the page's network has been quiet for a second.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterStartup, holdStartup, NETWORK_QUIET_MS } from '@/lib/after-load';

describe('afterStartup', () => {
  /** The page's resources that finished loading, as performance.getEntriesByType('resource') lists them. */
  let resources: { responseEnd: number }[];
  beforeEach(() => {
    vi.useFakeTimers();
    resources = [];
    const origin = Date.now();
    vi.stubGlobal('performance', { now: () => Date.now() - origin, getEntriesByType: (type: string) => (type === 'resource' ? resources : []) });
    // A loaded page whose browser is idle at the next turn.
    vi.stubGlobal('document', { readyState: 'complete' });
    vi.stubGlobal('window', {
      requestIdleCallback: (run: () => void) => setTimeout(run, 1) as unknown as number,
      cancelIdleCallback: (handle: number) => clearTimeout(handle),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once the page has loaded, a second has passed without a resource loading, and it is idle', () => {
    const run = vi.fn();
    afterStartup(run);
    vi.advanceTimersByTime(NETWORK_QUIET_MS - 10);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('waits until no resource has finished loading for a second (at most ten seconds)', () => {
    const run = vi.fn();
    resources.push({ responseEnd: 0 });
    afterStartup(run);
    vi.advanceTimersByTime(600);
    resources.push({ responseEnd: 600 }); // a prefetch answered
    vi.advanceTimersByTime(NETWORK_QUIET_MS - 10);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);

    const busy = vi.fn();
    afterStartup(busy);
    // A page that never stops loading something.
    for (let t = 0; t < 9_900; t += 100) {
      resources.push({ responseEnd: performance.now() });
      vi.advanceTimersByTime(100);
    }
    expect(busy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(busy).toHaveBeenCalledTimes(1);
  });

  it('waits for every hold, then for the next idle moment', () => {
    const first = holdStartup();
    const second = holdStartup();
    const run = vi.fn();
    afterStartup(run);
    vi.advanceTimersByTime(5_000);
    first();
    vi.advanceTimersByTime(5);
    expect(run).not.toHaveBeenCalled();
    second();
    second(); // releasing twice is harmless
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('lets a start that never ends go after its time limit', () => {
    holdStartup(3_000);
    const run = vi.fn();
    afterStartup(run);
    vi.advanceTimersByTime(2_990);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, held or not', () => {
    const release = holdStartup();
    const held = vi.fn();
    const cancelHeld = afterStartup(held);
    vi.advanceTimersByTime(1);
    cancelHeld();
    release();
    const free = vi.fn();
    afterStartup(free)();
    vi.advanceTimersByTime(20_000);
    expect(held).not.toHaveBeenCalled();
    expect(free).not.toHaveBeenCalled();
  });
});
