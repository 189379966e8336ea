// The technician app and the customer portal hand the browser only the message namespaces in
// TECH_NAMESPACES and PORTAL_NAMESPACES (src/i18n/client-namespaces.ts). Walk every module their pages
// import — components, their imports, lazily loaded views — and fail when one reads a namespace the
// list lacks (the phone would show keys).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '@/i18n/catalog';
import { PORTAL_NAMESPACES, ROOT_NAMESPACES, TECH_NAMESPACES } from '@/i18n/client-namespaces';

const ROOT = path.resolve(__dirname, '../..');

function resolve(spec: string, from: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, 'src', spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [`${base}.tsx`, `${base}.ts`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The namespaces `useTranslations` is asked for in these files and everything they import (static or lazy). */
function namespacesReadFrom(entries: string[]): { namespaces: Set<string>; files: number; unnamed: string[] } {
  const seen = new Set<string>();
  const namespaces = new Set<string>();
  const unnamed: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/useTranslations\(\s*'([\w.]+)'/g)) namespaces.add(m[1]!.split('.')[0]!);
    if (/useTranslations\(\s*\)/.test(source) || /useTranslations\(\s*[^'\s)]/.test(source)) unnamed.push(path.relative(ROOT, file));
    for (const m of source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
      const next = resolve((m[1] ?? m[2])!, file);
      if (next && !next.includes(`${path.sep}server${path.sep}`)) visit(next);
    }
  };
  entries.forEach(visit);
  return { namespaces, files: seen.size, unnamed };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('the technician app’s messages', () => {
  const { namespaces, files, unnamed } = namespacesReadFrom(filesUnder(path.join(ROOT, 'src/app/tech')));

  it('walks the app’s views, its map and its profile', () => {
    expect(files).toBeGreaterThan(40);
    expect([...namespaces]).toEqual(expect.arrayContaining(['tech', 'connectionsMap', 'route', 'push']));
  });

  it('hands the browser every namespace the app reads', () => {
    expect([...namespaces].filter((ns) => !(TECH_NAMESPACES as readonly string[]).includes(ns)).sort()).toEqual([]);
    // A translator without a literal namespace could read anything: name it, so this test can see it.
    expect(unnamed).toEqual([]);
  });

  it('names only namespaces the catalog has', () => {
    for (const ns of [...TECH_NAMESPACES, ...ROOT_NAMESPACES]) expect(Object.keys(catalogs.es)).toContain(ns);
  });
});

describe('the customer portal’s messages', () => {
  const { namespaces, files, unnamed } = namespacesReadFrom(filesUnder(path.join(ROOT, 'src/app/portal')));

  it('walks the portal’s pages: home, invoices, tickets, profile, offline, sign-in, survey', () => {
    expect(files).toBeGreaterThan(60);
    expect([...namespaces]).toEqual(expect.arrayContaining(['portal', 'portalHome', 'portalTickets', 'portalOffline', 'survey', 'push']));
  });

  it('hands the browser every namespace the portal reads', () => {
    expect([...namespaces].filter((ns) => !(PORTAL_NAMESPACES as readonly string[]).includes(ns)).sort()).toEqual([]);
    expect(unnamed).toEqual([]);
  });

  it('names only namespaces the catalog has', () => {
    for (const ns of PORTAL_NAMESPACES) expect(Object.keys(catalogs.es)).toContain(ns);
  });
});
