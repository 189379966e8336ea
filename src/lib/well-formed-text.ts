// Text no part of Antena can store or send: a NUL (PostgreSQL's text refuses it) or a lone UTF-16
// surrogate (not Unicode at all: jsonb refuses its escape, URL encoding for SMS throws, UTF-8 for
// e-mail and push replaces it). The tRPC ladder and the route handlers refuse it in any input, as
// a field error, before a procedure or service reads it.

/** True when `text` holds neither a NUL nor a lone surrogate. */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

type Frame = { value: unknown; path: string };
const MALFORMED = Symbol('malformed');

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** At most this many paths are reported: enough to mark a form's fields. */
const MAX_PATHS = 20;

/**
 * The paths of the strings (and object keys) anywhere in `value` that are not well-formed text —
 * "title", "emails.1", "keys.auth", "_" for the input itself — in input order; empty when all are.
 * Walks without recursion, so however deep a JSON input nests it cannot overflow the stack.
 */
export function malformedTextPaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: Frame[] = [{ value, path: '' }];
  const push = (entries: Frame[]) => {
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]!);
  };
  while (stack.length && found.length < MAX_PATHS) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string' || v === MALFORMED) {
      if (v === MALFORMED || !isWellFormedText(v as string)) found.push(path || '_');
      continue;
    }
    if (v === null || typeof v !== 'object' || v instanceof Date) continue;
    let entries: [unknown, unknown][];
    if (Array.isArray(v) || v instanceof Set) entries = [...v].map((item, i) => [i, item]);
    else if (v instanceof Map) entries = [...v];
    else if (typeof FormData !== 'undefined' && v instanceof FormData) entries = [...v].map(([key, item]) => [key, typeof item === 'string' ? item : item.name]);
    else entries = Object.entries(v);
    const frames: Frame[] = [];
    for (const [key, item] of entries) {
      // A key that is not text names no field: its object is the one marked.
      if (typeof key === 'string' && !isWellFormedText(key)) frames.push({ value: MALFORMED, path });
      else frames.push({ value: item, path: join(path, String(key)) });
    }
    push(frames);
  }
  return found;
}
