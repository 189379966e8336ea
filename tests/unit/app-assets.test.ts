// The installable apps' files (src/cli/app-assets.ts): what the service worker precaches — every
// script and style /tech and /portal can load, the chunks those load later, the Latin web fonts —
// and nothing of the back office; and V8's compile hint on the scripts every page loads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appAssets, COMPILE_HINT, markCompileHints, rangeIncludes, stylesheetMedia } from '@/cli/app-assets';

describe('rangeIncludes', () => {
  it('reads single code points, ranges and wildcards', () => {
    expect(rangeIncludes('U+??, U+131', 0x41)).toBe(true);
    expect(rangeIncludes('U+0000-00FF', 0x41)).toBe(true);
    expect(rangeIncludes('U+460-52F, U+41', 0x41)).toBe(true);
    expect(rangeIncludes('U+1F??', 0x41)).toBe(false);
    expect(rangeIncludes('U+1F??', 0x1f41)).toBe(true);
    expect(rangeIncludes('U+100-2BA,U+2BD-2C5', 0x41)).toBe(false);
    expect(rangeIncludes('not a range', 0x41)).toBe(false);
  });
});

const LATIN = '@font-face{font-family:Inter;src:url(../media/inter-latin.woff2)format("woff2");unicode-range:U+??,U+131,U+2000-206F}';
const CYRILLIC = '@font-face{font-family:Inter;src:url(../media/inter-cyrillic.woff2)format("woff2");unicode-range:U+301,U+400-45F}';

describe('stylesheetMedia', () => {
  it('keeps the Latin fonts and the images, not other scripts’ fonts nor inline or outside urls', () => {
    const css = `${CYRILLIC}${LATIN}.leaflet-control-layers-toggle{background-image:url(../media/layers.png)}.x{background:url("data:image/svg+xml,<svg/>")}.v{behavior:url(#default#VML)}.w{background:url(https://example.com/a.png)}.n{background:url(/_next/static/media/next.png)}`;
    expect(stylesheetMedia(css, 'static/chunks/app.css').sort()).toEqual(['static/media/inter-latin.woff2', 'static/media/layers.png', 'static/media/next.png']);
  });
});

describe('appAssets and markCompileHints on a build', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const clientManifest = (page: string, chunks: string[], css: string[] = []) =>
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(page)}] = ${JSON.stringify({
      moduleLoading: { prefix: '' },
      clientModules: { '[project]/src/x.tsx': { id: 1, name: '*', chunks: chunks.map((c) => `/_next/${c}`), async: false } },
      entryJSFiles: { [`[project]/src/app${page}`]: chunks },
      entryCSSFiles: { [`[project]/src/app${page}`]: css.map((p) => ({ path: p, inlined: false })) },
    })};`;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'antena-app-assets-'));
    write('build-manifest.json', JSON.stringify({ polyfillFiles: ['static/chunks/polyfills.js'], rootMainFiles: ['static/chunks/react-dom.js', 'static/chunks/turbopack-runtime.js'] }));
    write('static/chunks/react-dom.js', 'self.TURBOPACK.push([1,()=>{}]);');
    write('static/chunks/turbopack-runtime.js', 'let chunks=new Map;');
    write('static/chunks/polyfills.js', '/* nomodule */');
    write('static/chunks/app.css', `${LATIN}${CYRILLIC}`);
    write('static/media/inter-latin.woff2', 'font');
    write('static/media/inter-cyrillic.woff2', 'font');
    // The technician app's page, which loads the device engine when opened, which loads the map's styles.
    write('server/app/tech/page_client-reference-manifest.js', clientManifest('/tech/page', ['static/chunks/tech.js'], ['static/chunks/app.css']));
    write('static/chunks/tech.js', 'e.v(t=>Promise.all(["static/chunks/engine.js"].map(t=>e.l(t))))');
    write('static/chunks/engine.js', 'e.l("/_next/static/chunks/map.css")');
    write('static/chunks/map.css', '.leaflet{background:url(../media/layers.png)}');
    write('static/media/layers.png', 'png');
    write('server/app/portal/(app)/invoices/page_client-reference-manifest.js', clientManifest('/portal/(app)/invoices/page', ['static/chunks/invoices.js']));
    write('static/chunks/invoices.js', 'x');
    // The back office's dashboard: its charts are no installable app's.
    write('server/app/(staff)/dashboard/page_client-reference-manifest.js', clientManifest('/(staff)/dashboard/page', ['static/chunks/charts.js']));
    write('static/chunks/charts.js', 'recharts');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists what /tech and /portal load, then and later, and nothing else', () => {
    expect(appAssets(dir)).toEqual([
      'static/chunks/app.css',
      'static/chunks/engine.js',
      'static/chunks/invoices.js',
      'static/chunks/map.css',
      'static/chunks/react-dom.js',
      'static/chunks/tech.js',
      'static/chunks/turbopack-runtime.js',
      'static/media/inter-latin.woff2',
      'static/media/layers.png',
    ]);
  });

  it('refuses a build whose scripts name a chunk it does not have', () => {
    write('static/chunks/engine.js', 'e.l("static/chunks/gone.js")');
    expect(() => appAssets(dir)).toThrow(/static\/chunks\/gone\.js/);
  });

  it('puts the compile hint at the top of the scripts every page loads, once', () => {
    expect(markCompileHints(dir)).toEqual(['static/chunks/react-dom.js', 'static/chunks/turbopack-runtime.js']);
    expect(readFileSync(path.join(dir, 'static/chunks/react-dom.js'), 'utf8')).toBe(`${COMPILE_HINT}self.TURBOPACK.push([1,()=>{}]);`);
    expect(readFileSync(path.join(dir, 'static/chunks/tech.js'), 'utf8')).not.toContain(COMPILE_HINT);
    expect(markCompileHints(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'static/chunks/react-dom.js'), 'utf8').split(COMPILE_HINT)).toHaveLength(2);
  });
});
