// tRPC's answers are written by serializeAnswer, read by superjson in the browser: for any value its
// output must be superjson's own (less the referential equalities it leaves out on purpose).
import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from '@/server/api/wire';

/** What superjson writes, or the error it throws. */
function outcome(serialize: (v: unknown) => unknown, value: unknown) {
  try {
    return { ok: JSON.parse(JSON.stringify(serialize(value))) as unknown };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const anything = fc.anything({
  withDate: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withTypedArray: true,
  withObjectString: true,
  key: fc.oneof(fc.string(), fc.constantFrom('', '.', 'a.b', 'a\\.b', '\\', '__proto__', 'constructor', 'prototype')),
});

describe('serializeAnswer (superjson format)', () => {
  it('writes what superjson writes, for any value — or falls back to superjson and throws what it throws', () => {
    fc.assert(
      fc.property(anything, (value) => {
        expect(outcome(serializeAnswer, value)).toEqual(outcome(superjson.serialize, value));
      }),
      { numRuns: 2000 },
    );
    // 2,000 generated values: a correctness check, not a timing — it took 6 s once a busy 2-core machine shared its CPU.
  }, 60_000);

  it('annotates Dates and undefined by path, escaping dots and backslashes in keys, as superjson does', () => {
    const value = {
      items: [{ dueAt: new Date('2026-11-24T10:00:00Z'), closedAt: null, note: undefined }],
      'a.b': new Date(0),
      'c\\d': [undefined, 1],
      nested: { deep: { at: new Date(1) } },
    };
    const out = serializeAnswer(value);
    expect(out).toEqual(superjson.serialize(value));
    expect(out.meta?.values).toEqual({
      'items.0.dueAt': ['Date'],
      'items.0.note': ['undefined'],
      'a\\.b': ['Date'],
      'c\\\\d.0': ['undefined'],
      'nested.deep.at': ['Date'],
    });
    const back = superjson.deserialize<typeof value>(JSON.parse(JSON.stringify(out)));
    expect(back.items[0]!.dueAt).toBeInstanceOf(Date);
    expect(back.items[0]!.dueAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(back).toEqual(value);
  });

  it('annotates a root Date or undefined with the type alone, and leaves out meta when nothing needs it', () => {
    expect(serializeAnswer(new Date(0))).toEqual(superjson.serialize(new Date(0)));
    expect(serializeAnswer(undefined)).toEqual({ json: null, meta: { values: ['undefined'], v: 1 } });
    expect(serializeAnswer({ id: 'x', n: 1, ok: true, list: ['a'] })).toEqual({ json: { id: 'x', n: 1, ok: true, list: ['a'] } });
  });

  it('hands anything outside plain data to superjson: a Map, a BigInt, NaN, -0, a class instance, an invalid Date, a cycle', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    for (const value of [{ m: new Map([['a', 1]]) }, { n: 10n }, { x: NaN }, [-0], { price: new Money(5) }, { at: new Date(Number.NaN) }, cycle]) {
      expect(serializeAnswer(value)).toEqual(superjson.serialize(value));
    }
  });

  it('writes a value seen twice as two equal copies (superjson would add a referential equality)', () => {
    const when = new Date(0);
    const value = { openedAt: when, statusChangedAt: when };
    const out = serializeAnswer(value);
    expect(out).toEqual({ json: { openedAt: when.toISOString(), statusChangedAt: when.toISOString() }, meta: { values: { openedAt: ['Date'], statusChangedAt: ['Date'] }, v: 1 } });
    expect(superjson.deserialize(out)).toEqual(value);
  });
});
