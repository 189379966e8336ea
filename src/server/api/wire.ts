// How tRPC answers are encoded: superjson's wire format — the browser's client decodes them with
// superjson, and tests and API clients read `result.data.json` — written by a plain walk over what
// procedures return: plain objects, arrays, strings, finite numbers, booleans, null, undefined and
// valid Dates. Anything else anywhere in an answer (a Map, a BigInt, NaN, -0, a class instance, an
// invalid Date, a sparse array, a cycle) and the whole answer goes to superjson itself.
//
// superjson checks every value against its type registries and tracks every object's identity: with
// JSON.stringify, the grid's page of 25 rows cost 0.52–0.65 ms of the server's thread and a ticket's
// 200-entry history 2.4–2.8 ms; with this walk 0.21 and 0.46 ms (bench data; JSON.stringify alone 0.1
// and 0.3 ms). `tests/unit/wire.test.ts` holds the output to superjson's own. What this walk leaves out
// is superjson's `referentialEqualities`: an object or Date that appears twice arrives as two equal
// copies instead of one shared instance.
import superjson from 'superjson';

type Note = ['Date'] | ['undefined'];
type Notes = Record<string, Note>;
type SuperJSONResult = ReturnType<typeof superjson.serialize>;

const UNSUPPORTED = Symbol('unsupported');
/** Deeper than any answer of ours: past it (or in a cycle) superjson takes over. */
const MAX_DEPTH = 100;

/** superjson's path segment escaping (its pathstringifier): `\` and `.` in a key are escaped. */
const escapeKey = (key: string) => (key.includes('\\') || key.includes('.') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key);

/** Where a value sits: its key and its parent's place; the root has none. Spelled out only for a note. */
type Place = { up: Place | null; key: string | number } | null;

function pathOf(place: Place): string {
  if (!place) return '';
  const key = typeof place.key === 'number' ? String(place.key) : escapeKey(place.key);
  return place.up ? `${pathOf(place.up)}.${key}` : key;
}

/** A string, a boolean, null or a finite number (not -0): written as it is, the common case. */
const isPlain = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0));

function encode(value: unknown, place: Place, notes: Notes, depth: number): unknown {
  if (isPlain(value)) return value;
  if (value === undefined) {
    notes[pathOf(place)] = ['undefined'];
    return null;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return UNSUPPORTED;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return UNSUPPORTED;
    notes[pathOf(place)] = ['Date'];
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return UNSUPPORTED;
      const item: unknown = value[i];
      out[i] = isPlain(item) ? item : encode(item, { up: place, key: i }, notes, depth + 1);
      if (out[i] === UNSUPPORTED) return UNSUPPORTED;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNSUPPORTED;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // '' would read as the root's path; the others superjson refuses outright (prototype pollution).
    if (key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype') return UNSUPPORTED;
    const item = (value as Record<string, unknown>)[key];
    out[key] = isPlain(item) ? item : encode(item, { up: place, key }, notes, depth + 1);
    if (out[key] === UNSUPPORTED) return UNSUPPORTED;
  }
  return out;
}

/** superjson.serialize's result for `value`, without its referential equalities. */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const notes: Notes = {};
  const json = encode(value, null, notes, 0);
  if (json === UNSUPPORTED) return superjson.serialize(value);
  // A root Date or undefined is annotated with its type alone, as superjson does.
  const root = notes[''];
  if (root) return { json: json as SuperJSONResult['json'], meta: { values: root, v: 1 } };
  if (Object.keys(notes).length > 0) return { json: json as SuperJSONResult['json'], meta: { values: notes, v: 1 } };
  return { json: json as SuperJSONResult['json'] };
}

/** tRPC's transformer: inputs are read by superjson, answers written by serializeAnswer in superjson's format. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (value: SuperJSONResult) => superjson.deserialize(value) },
};
