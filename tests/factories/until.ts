// Waiting for what the worker does in the background: polls until the probe gives a value, then returns it.
type Maybe<T> = T | null | undefined | false;

export async function until<T>(
  probe: () => Promise<Maybe<T>> | Maybe<T>,
  opts: { ms?: number; what?: string; context?: () => string } = {},
): Promise<T> {
  const { ms = 15_000, what = 'the condition', context } = opts;
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context ? `\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
