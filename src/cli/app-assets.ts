// What the build adds to Next.js's output for the two installable apps (/tech, /portal), run by
// `build()` in runtime.ts after `next build` and before `serwist build`:
//   - appAssets: the static files those apps can load — the files every page loads (the build
//     manifest's rootMainFiles), each app page's own scripts and styles (its client reference
//     manifest), what those scripts load later (a chunk names the chunks it imports as
//     "static/chunks/…" strings: the map, the device engine, the camera), and the media their styles
//     use. The service worker precaches these and nothing else (serwist.config.js): not the back
//     office's scripts (charts, the grid), the `nomodule` polyfills, nor the web fonts of scripts the
//     apps' languages (es, en, it) are not written in — a phone installing the portal had downloaded
//     and stored every file of the build (2.8 MB in 100 files) in the middle of its first visit;
//   - markCompileHints: V8's explicit compile hint (`//# allFunctionsCalledOnLoad`,
//     https://v8.dev/blog/explicit-compile-hints) at the top of the rootMainFiles (React DOM, Next.js's
//     client): their functions are compiled with the script, on the browser's streaming thread, instead
//     of one by one on the main thread when the page starts — nearly all of them run during hydration.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** The route trees of the installable apps (each has its own manifest and offline views). */
export const APP_ROUTES = ['tech', 'portal'] as const;

/** The magic comment that asks V8 to compile every function of a script eagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

type ClientManifest = {
  clientModules: Record<string, { chunks: string[] }>;
  entryJSFiles?: Record<string, string[]>;
  entryCSSFiles?: Record<string, { path: string }[]>;
};

/** The scripts every page loads (the build manifest's rootMainFiles: React DOM, Next.js's client). */
function rootMainFiles(nextDir: string): string[] {
  return (JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] }).rootMainFiles;
}

/** `static/chunks/a.js` from `/_next/static/chunks/a.js` or `static/chunks/a.js`. */
function staticPath(file: string): string {
  return file.replace(/^\/?_next\//, '').replace(/^\//, '');
}

/** The client reference manifests of every page and layout under `server/app/<route>`. */
function clientManifests(nextDir: string, route: string): ClientManifest[] {
  const root = path.join(nextDir, 'server', 'app', route);
  if (!existsSync(root)) return [];
  const found: ClientManifest[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('_client-reference-manifest.js')) continue;
    // The file assigns to globalThis.__RSC_MANIFEST[page]: run it in a context of its own.
    const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
    vm.runInNewContext(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'), sandbox);
    found.push(...Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {}));
  }
  return found;
}

/** Whether a CSS `unicode-range` value (`U+0-FF, U+131, U+1F??`) includes the code point. */
export function rangeIncludes(unicodeRange: string, codePoint: number): boolean {
  return unicodeRange.split(',').some((part) => {
    const m = /^\s*U\+([0-9A-F?]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m) return false;
    const low = parseInt(m[1]!.replace(/\?/g, '0'), 16);
    const high = m[2] ? parseInt(m[2], 16) : parseInt(m[1]!.replace(/\?/g, 'F'), 16);
    return codePoint >= low && codePoint <= high;
  });
}

/**
 * The media a stylesheet uses, as paths under the build's `static/`: every url() but the web fonts
 * whose @font-face does not cover Latin letters (U+0041, "A"), which a browser downloads only for
 * text in those scripts.
 */
export function stylesheetMedia(css: string, cssFile: string): string[] {
  const skipped = new Set<string>();
  for (const face of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const range = /unicode-range:\s*([^;}]+)/.exec(face[1]!)?.[1];
    if (range && !rangeIncludes(range, 0x41)) for (const url of face[1]!.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) skipped.add(url[1]!);
  }
  const media = new Set<string>();
  for (const url of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const ref = url[1]!;
    if (skipped.has(ref) || /^(data:|#|https?:)/.test(ref)) continue;
    media.add(ref.startsWith('/_next/') ? staticPath(ref) : path.posix.normalize(path.posix.join(path.posix.dirname(cssFile), ref)));
  }
  return [...media];
}

/**
 * The build's static files (paths relative to `.next`, e.g. `static/chunks/a.js`) that the
 * installable apps load, on their first view or later, sorted.
 */
export function appAssets(nextDir: string): string[] {
  const pending = rootMainFiles(nextDir);
  for (const route of APP_ROUTES) {
    for (const manifest of clientManifests(nextDir, route)) {
      for (const files of Object.values(manifest.entryJSFiles ?? {})) pending.push(...files);
      for (const files of Object.values(manifest.entryCSSFiles ?? {})) pending.push(...files.map((f) => f.path));
      for (const mod of Object.values(manifest.clientModules)) pending.push(...mod.chunks);
    }
  }
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = staticPath(pending.pop()!);
    if (seen.has(file)) continue;
    const full = path.join(nextDir, file);
    if (!existsSync(full)) throw new Error(`app assets: ${file} is referenced but not in the build`);
    seen.add(file);
    const text = /\.(js|css)$/.test(file) ? readFileSync(full, 'utf8') : '';
    if (file.endsWith('.js')) for (const m of text.matchAll(/["'](?:\/_next\/)?(static\/chunks\/[\w.-]+\.(?:js|css))["']/g)) pending.push(m[1]!);
    if (file.endsWith('.css')) pending.push(...stylesheetMedia(text, file));
  }
  return [...seen].sort();
}

/** Puts V8's compile hint at the top of the scripts every page loads (once: a marked file is left as it is). */
export function markCompileHints(nextDir: string): string[] {
  const marked: string[] = [];
  for (const file of rootMainFiles(nextDir).filter((f) => f.endsWith('.js'))) {
    const full = path.join(nextDir, staticPath(file));
    const text = readFileSync(full, 'utf8');
    if (text.startsWith(COMPILE_HINT)) continue;
    writeFileSync(full, COMPILE_HINT + text);
    marked.push(file);
  }
  return marked;
}

/** Where the build writes the apps' file list for serwist.config.js. */
export function appAssetsFile(nextDir: string): string {
  return path.join(nextDir, 'antena', 'app-assets.json');
}
