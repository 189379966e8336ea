// Work a page needs soon but not for its first view (the service worker, the technician app's
// device engine): run once the page has loaded and the browser has a free moment, so it does not
// compete with the first paint and React's hydration on a slow phone. Returns a cancel function.

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/** Calls `run` after the `load` event, when the browser is idle (at most `timeout` ms later). */
export function afterLoad(run: () => void, timeout = 2_000): () => void {
  const w = window as IdleWindow;
  let cancelled = false;
  let idle: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const go = () => {
    if (cancelled) return;
    // Safari has no requestIdleCallback: a timer lets the load's own work finish first.
    if (w.requestIdleCallback) idle = w.requestIdleCallback(() => !cancelled && run(), { timeout });
    else timer = setTimeout(() => !cancelled && run(), 50);
  };
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', go);
    if (idle !== null) w.cancelIdleCallback?.(idle);
    if (timer !== null) clearTimeout(timer);
  };
}

// The page's start can go on after `load`: the technician app loads its device engine and then reads
// the server's copy (its opening sync). What should not compete with that (the service worker's
// install, which downloads and stores the app's files) waits for it with afterStartup.
const holds = new Set<symbol>();
const waiting = new Set<() => void>();

/**
 * Holds the page's start until the returned function is called (at most `maxMs`, so a start that
 * never ends — an engine that failed to load — holds nothing for ever). Calling it twice is harmless.
 */
export function holdStartup(maxMs = 10_000): () => void {
  const hold = Symbol('startup');
  holds.add(hold);
  const release = () => {
    clearTimeout(timer);
    if (!holds.delete(hold) || holds.size > 0) return;
    for (const run of [...waiting]) run();
  };
  const timer = setTimeout(release, maxMs);
  return release;
}

/** Like afterLoad, and then also after every hold of the page's start is released (idle again). */
export function afterStartup(run: () => void, timeout = 2_000): () => void {
  let cancelIdle: (() => void) | null = null;
  const whenFree = () => {
    waiting.delete(whenFree);
    cancelIdle = afterLoad(run, timeout);
  };
  const cancelLoad = afterLoad(() => {
    if (holds.size === 0) run();
    else waiting.add(whenFree);
  }, timeout);
  return () => {
    cancelLoad();
    waiting.delete(whenFree);
    cancelIdle?.();
  };
}
