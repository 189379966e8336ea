// User text is never markup (issue 15). React escapes what it renders; these are the places it does
// not reach — DOM APIs that parse HTML, Leaflet's string labels (bindTooltip/bindPopup/setContent
// insert a string as HTML), iframes' srcdoc, and links whose address is data. This test reads every
// source file and fails on any such sink outside the few places allowed below, each with its reason:
// a new map labels its markers through components/maps/leaflet-text.ts; HTML e-mails are built with
// server/notifications/html.ts's escaping template.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['src', 'public'];
const SKIP = new Set(['src/generated']);

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (SKIP.has(rel)) return [];
    if (entry.isDirectory()) return files(rel);
    return /\.(ts|tsx|js|mjs|cjs|jsx)$/.test(entry.name) ? [rel] : [];
  });
}

const SINKS: Record<string, RegExp> = {
  dangerouslySetInnerHTML: /dangerouslySetInnerHTML/g,
  innerHTML: /\.(inner|outer)HTML\b/g,
  insertAdjacentHTML: /insertAdjacentHTML/g,
  'document.write': /document\.write(ln)?\s*\(/g,
  createContextualFragment: /createContextualFragment/g,
  DOMParser: /\bDOMParser\b/g,
  srcDoc: /\bsrcdoc\b/gi,
  'Leaflet string label': /\.(bindTooltip|bindPopup|setTooltipContent|setPopupContent|setContent)\s*\(/g,
  'Leaflet divIcon / tooltip / popup': /\bL\.(divIcon|tooltip|popup)\s*\(/g,
};

/** Where a sink is allowed, and why. */
const ALLOWED: Record<string, { sink: string; why: string }[]> = {
  'src/components/maps/leaflet-text.ts': [{ sink: 'Leaflet string label', why: 'the helpers hand Leaflet a DOM node filled with textContent, never a string' }],
  'src/components/messages/message-view.tsx': [{ sink: 'srcDoc', why: 'an e-mail as it was sent, in an iframe with sandbox="" (no scripts, no same origin); its user text was escaped when it was rendered' }],
};

/** Link and resource addresses must be written by the app (a path, tel:, a fixed https site), never taken whole from data. */
const ADDRESS = /\b(href|src|action|formAction)=\{([^}]*)\}/g;
// Google Maps' directions URL gets only a stop's coordinates (numbers), in "Mi ruta" (src/components/tech/tech-route.tsx).
// data:image/png;base64: a fixed image type before the data (G11's signature), never a link or a script.
const SAFE_ADDRESS = /^`(\/|tel:|mailto:|data:image\/png;base64,|https:\/\/www\.openstreetmap\.org\/|https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=|#)/;
/** Addresses from the app's own static lists (navigation), by file. */
const STATIC_ADDRESSES: Record<string, string[]> = {
  'src/components/shell/staff-nav.tsx': ['item.href'],
  'src/app/(staff)/page.tsx': ['l.href'],
  // '/login', or the installation's own root address (rootOrigin(), from the environment): never tenant or user data.
  'src/app/auth/handoff/handoff-sign-in.tsx': ['retry.href'],
  // Tabs that are pages: each page passes its own fixed paths (settings' sections, the message channels).
  'src/components/ui/tabs.tsx': ['item.href'],
  // The technician app's bottom bar: its own fixed view paths.
  'src/components/tech/tech-app.tsx': ['href'],
  // The portal's bottom bar: its own fixed section paths.
  'src/components/portal/portal-nav.tsx': ['href'],
  // A photo the technician just picked, shown from URL.createObjectURL (a blob: of the device's own bytes).
  'src/components/tech/tech-update-sheet.tsx': ['p.url'],
  // A photo the customer just picked for a new ticket, shown from URL.createObjectURL (a blob: of the device's own bytes).
  'src/components/portal/portal-ticket-new.tsx': ['p.url'],
  // C15: an export's download, built by the server (signedExportPath): /api/exports/files/<uuid>?exp=<digits>&sig=<base64url>.
  'src/components/exports/my-exports.tsx': ['x.href'],
};

/** A file's code without its comments, so a comment that names a sink (or explains why one is absent) is not one. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const sources = [...SOURCES.flatMap(files)].map((file) => ({ file, text: code(readFileSync(path.join(ROOT, file), 'utf8')) }));

describe('HTML sinks', () => {
  it('reads the sources', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some((s) => s.file === 'src/components/tickets/ticket-map.tsx')).toBe(true);
  });

  it('no user text can reach an HTML sink outside the places allowed (each with its reason)', () => {
    const found: string[] = [];
    for (const { file, text } of sources) {
      for (const [sink, pattern] of Object.entries(SINKS)) {
        if (!pattern.test(text)) continue;
        pattern.lastIndex = 0;
        if (!ALLOWED[file]?.some((a) => a.sink === sink)) found.push(`${file}: ${sink}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the allowed places still are what their reason says', () => {
    const source = (file: string) => sources.find((s) => s.file === file)!.text;
    const view = source('src/components/messages/message-view.tsx');
    expect(view).toMatch(/<iframe[^>]*\bsandbox=""[^>]*\bsrcDoc=/);
    const leaflet = source('src/components/maps/leaflet-text.ts');
    expect(leaflet).toContain('.textContent = text');
    expect([...leaflet.matchAll(/\.(bindTooltip|bindPopup)\(([^,]*),/g)].map((m) => m[2])).toEqual(['textNode(text)', 'textNode(text)']);
  });

  it('links and resources point where the app says, never to an address taken from data (no javascript: links)', () => {
    const found: string[] = [];
    for (const { file, text } of sources) {
      for (const [, attribute, expression] of text.matchAll(ADDRESS)) {
        const value = expression!.trim();
        if (SAFE_ADDRESS.test(value) || STATIC_ADDRESSES[file]?.includes(value)) continue;
        found.push(`${file}: ${attribute}={${value}}`);
      }
    }
    expect(found).toEqual([]);
  });
});
