// Deferred work (src/lib/after-load.ts): afterStartup runs after the load and after every hold of the
// page's start (the technician app's opening sync) is released — or when a hold times out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterStartup, holdStartup } from '@/lib/after-load';

describe('afterStartup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
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

  it('runs once the page has loaded and is idle when nothing holds the start', () => {
    const run = vi.fn();
    afterStartup(run);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
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
    vi.advanceTimersByTime(1);
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
