import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Waits while `out` holds more than its buffer's worth (or until it closes), so a slow reader slows the writer, and the database reads behind it, down. */
export async function drained(out: Writable): Promise<void> {
  while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
