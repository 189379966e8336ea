import { describe, expect, it } from 'vitest';
import { catalogs } from '@/i18n/catalog';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
  const es = keys(catalogs.es).sort();
  it.each(['en', 'it'] as const)('%s has exactly the Spanish keys', (locale) => {
    expect(keys(catalogs[locale]).sort()).toEqual(es);
  });
  it.each(['en', 'it'] as const)('%s is really translated (not a copy of Spanish)', (locale) => {
    expect(catalogs[locale]).not.toBe(catalogs.es);
    expect(catalogs[locale].auth.signIn).not.toBe(catalogs.es.auth.signIn);
  });
});
