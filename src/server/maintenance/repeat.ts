// A background job run again and again, off the request path: the next run is scheduled when the
// last one ends (runs never overlap), the timer keeps no process alive, and stopping waits for a run
// in progress. The job handles its own errors; answering 'stop' ends the repetition.

/** Runs `job` every `everyMs` (the first run at once with `now`) until the returned function is called. */
export function repeat(job: () => Promise<'stop' | void>, { everyMs, now = false }: { everyMs: number; now?: boolean }): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = job().then((next) => {
      if (next !== 'stop') schedule();
    });
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, everyMs);
    timer.unref();
  };
  if (now) tick();
  else schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
