// The browser formats precompiled messages (src/i18n/catalog.ts compiledMessagesFor, and next.config's
// alias to next-intl's `format-only` formatter); the server formats the source messages. Every
// message, in every language, must read the same both ways — with each of its arguments filled in,
// and each plural at one and at several.
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import formatCompiled from 'use-intl/format-message/format-only';
import { catalogs, compiledMessagesFor } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';

const PLURAL = 2;
const SELECTORDINAL = 3;
const NUMBER = 4;

type Leaf = { key: string; source: string; compiled: unknown };

function leaves(source: Record<string, unknown>, compiled: Record<string, unknown>, prefix = ''): Leaf[] {
  return Object.entries(source).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? [{ key, source: v, compiled: compiled[k] }] : leaves(v as Record<string, unknown>, compiled[k] as Record<string, unknown>, key);
  });
}

/** The arguments a compiled message names, and whether each is counted (plural / number). */
function argumentsOf(node: unknown, found = new Map<string, boolean>()): Map<string, boolean> {
  if (Array.isArray(node)) {
    const [name, type] = node as [unknown, unknown];
    if (typeof name === 'string' && node.length === 1) found.set(name, found.get(name) ?? false);
    if (typeof name === 'string' && (type === PLURAL || type === SELECTORDINAL || type === NUMBER)) found.set(name, true);
    for (const child of node) argumentsOf(child, found);
  } else if (node && typeof node === 'object') {
    for (const child of Object.values(node)) argumentsOf(child, found);
  }
  return found;
}

const formatters = {
  getNumberFormat: (locale: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
  getPluralRules: (locale: string, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
  getDateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
};

describe.each(['es', 'en', 'it'] as const)('the %s catalog, precompiled for the browser', (locale: Locale) => {
  const all = leaves(catalogs[locale] as unknown as Record<string, unknown>, compiledMessagesFor(locale) as unknown as Record<string, unknown>);
  const t = createTranslator({ locale, messages: catalogs[locale] });

  it('has every message, as plain data the server can hand to the browser', () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter((leaf) => leaf.compiled === undefined).map((leaf) => leaf.key)).toEqual([]);
    // React passes only plain objects and arrays from server to client components.
    const unplain: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      if (!Array.isArray(node) && Object.getPrototypeOf(node) !== Object.prototype) unplain.push(at);
      for (const [k, v] of Object.entries(node)) visit(v, `${at}.${k}`);
    };
    visit(compiledMessagesFor(locale), locale);
    expect(unplain).toEqual([]);
  });

  it('reads the same as the server’s translation of the source, with arguments and plurals', () => {
    let withArguments = 0;
    for (const leaf of all) {
      const args = argumentsOf(leaf.compiled);
      if (args.size) withArguments++;
      for (const count of args.size ? [1, 5] : [0]) {
        const values = Object.fromEntries([...args].map(([name, counted]) => [name, counted ? count : `«${name}»`]));
        const server = t(leaf.key as never, values as never);
        const browser = formatCompiled(leaf.key, leaf.compiled as never, values, { locale, formatters, timeZone: 'UTC' } as never);
        expect(browser, `${locale}:${leaf.key} with ${JSON.stringify(values)}`).toBe(server);
      }
    }
    expect(withArguments).toBeGreaterThan(100);
  });
});
