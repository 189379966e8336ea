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
