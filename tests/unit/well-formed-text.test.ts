// Text no database or provider takes — a NUL, a lone UTF-16 surrogate — found anywhere in an input.
import { describe, expect, it } from 'vitest';
import { isWellFormedText, malformedTextPaths } from '@/lib/well-formed-text';

describe('well-formed text', () => {
  it.each([
    ['plain', 'Sin conexión en Quilmes', true],
    ['emoji (a surrogate pair)', 'Se quemó el módem 🔥', true],
    ['tabs and new lines', 'línea 1\n\tlínea 2', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\uD83Db', false],
    ['a lone low surrogate at the end', 'ab\uDD25', false],
    ['a pair in the wrong order', '\uDD25\uD83D', false],
  ])('%s', (_what, text, ok) => {
    expect(isWellFormedText(text)).toBe(ok);
  });

  it('names every offending field by its path, in input order, keys included', () => {
    const input = {
      title: 'ok',
      description: 'x\u0000',
      emails: ['a@b.c', 'd\uD800@e.f'],
      keys: { auth: 'ok', p256dh: '\uDC00' },
      nested: [{ deep: [{ deeper: 'nul\u0000' }] }],
      'bad\u0000key': 1,
      when: new Date(0),
      count: 3,
      none: null,
    };
    expect(malformedTextPaths(input)).toEqual(['description', 'emails.1', 'keys.p256dh', 'nested.0.deep.0.deeper', '_']);
    expect(malformedTextPaths('\u0000')).toEqual(['_']);
    expect(malformedTextPaths({ ok: ['fine', { also: 'fine 🔥' }] })).toEqual([]);
    expect(malformedTextPaths(undefined)).toEqual([]);
  });

  it('reads superjson’s Map and Set, and a multipart form (its file names too)', () => {
    expect(malformedTextPaths(new Map([['a', 'x\u0000']]))).toEqual(['a']);
    expect(malformedTextPaths(new Set(['ok', '\uD800']))).toEqual(['1']);
    const form = new FormData();
    form.set('comment', 'ok');
    form.append('file', new Blob(['x']), 'foto\u0000.jpg');
    expect(malformedTextPaths(form)).toEqual(['file']);
  });

  it('does not overflow the stack on input nested a hundred thousand levels deep', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(malformedTextPaths(deep)).toHaveLength(1);
  });

  it('reports at most 20 fields', () => {
    expect(malformedTextPaths(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});
