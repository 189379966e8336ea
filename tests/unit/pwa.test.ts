// The installable apps (E1): which requests the service worker answers from its page cache and under
// which key (src/lib/pwa.ts), and each tenant's manifest per app (src/server/pwa/manifest.ts).
import { describe, expect, it } from 'vitest';
import { appScopeOf, isAppPageRequest, isClearMessage, isKeepMessage, offlineFallbackOf, OFFLINE_PAGES, pageCacheKey, readPushPayload } from '@/lib/pwa';
import { shortName, webManifest } from '@/server/pwa/manifest';
import { readSettings } from '@/server/services/tenants/settings';

const ORIGIN = 'http://demo.localhost:3000';
const navigate = (path: string, extra: Partial<{ mode: string; method: string; origin: string }> = {}) => ({
  mode: extra.mode ?? 'navigate',
  method: extra.method ?? 'GET',
  url: `${extra.origin ?? ORIGIN}${path}`,
});

describe('the pages the service worker keeps for offline use', () => {
  it.each([
    ['/tech', '/tech'],
    ['/tech/tickets/1', '/tech'],
    ['/portal', '/portal'],
    ['/portal/login', '/portal'],
    ['/technical', null],
    ['/', null],
    ['/tickets', null],
    ['/api/trpc/tickets.mine', null],
  ])('%s is in scope %s', (path, scope) => {
    expect(appScopeOf(path)).toBe(scope);
  });

  it('page loads of this origin under /tech and /portal, nothing else', () => {
    expect(isAppPageRequest(navigate('/tech'), ORIGIN)).toBe(true);
    expect(isAppPageRequest(navigate('/tech?ticket=abc&view=map'), ORIGIN)).toBe(true);
    expect(isAppPageRequest(navigate('/portal'), ORIGIN)).toBe(true);
    expect(isAppPageRequest(navigate('/portal/profile'), ORIGIN)).toBe(true);
    // The pages that set a password by an e-mailed link (its secret in the page) are never kept.
    expect(isAppPageRequest(navigate('/portal/password?token=secret'), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/portal/access'), ORIGIN)).toBe(false);
    // Next.js's RSC fetches, tRPC, other scopes, other origins, other methods: never.
    expect(isAppPageRequest(navigate('/tech?_rsc=1', { mode: 'cors' }), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/api/trpc/tickets.mine', { mode: 'cors' }), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/api/trpc/tickets.mine'), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/tickets'), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/tech', { origin: 'http://acme.localhost:3000' }), ORIGIN)).toBe(false);
    expect(isAppPageRequest(navigate('/tech', { method: 'POST' }), ORIGIN)).toBe(false);
  });

  it('is kept without its query: every view of /tech is answered offline by the last /tech', () => {
    expect(pageCacheKey(`${ORIGIN}/tech?ticket=123`)).toBe(`${ORIGIN}/tech`);
    expect(pageCacheKey(`${ORIGIN}/tech?view=map#top`)).toBe(`${ORIGIN}/tech`);
    expect(pageCacheKey(`${ORIGIN}/tech/tickets/9?x=1`)).toBe(`${ORIGIN}/tech/tickets/9`);
  });

  it('the messages the pages and the worker exchange', () => {
    expect(isClearMessage({ type: 'antena-clear' })).toBe(true);
    expect(isClearMessage({ type: 'antena-sync' })).toBe(false);
    expect(isClearMessage(null)).toBe(false);
    expect(readPushPayload({ json: () => ({ title: 'T', body: 'B', url: '/tech', tag: 'x' }), text: () => '' })).toEqual({ title: 'T', body: 'B', url: '/tech', tag: 'x' });
    expect(readPushPayload({ json: () => { throw new SyntaxError('not JSON'); }, text: () => 'plain' })).toEqual({ body: 'plain' });
    expect(readPushPayload(null)).toEqual({});
    expect(isKeepMessage({ type: 'antena-keep', urls: [`${ORIGIN}/portal`] })).toBe(true);
    expect(isKeepMessage({ type: 'antena-keep', urls: [42] })).toBe(false);
    expect(isKeepMessage({ type: 'antena-keep' })).toBe(false);
    expect(isKeepMessage({ type: 'antena-clear', urls: [] })).toBe(false);
  });

  it('F14: a portal page without copy or network gets the portal’s offline page; /tech has no such page', () => {
    expect(offlineFallbackOf(`${ORIGIN}/portal/invoices?q=1`)).toBe(`${ORIGIN}/portal/offline`);
    expect(offlineFallbackOf(`${ORIGIN}/portal`)).toBe(`${ORIGIN}/portal/offline`);
    expect(offlineFallbackOf(`${ORIGIN}/tech`)).toBeNull();
    expect(offlineFallbackOf(`${ORIGIN}/tickets`)).toBeNull();
    // The pages kept for offline reading are app pages the worker may keep.
    for (const page of OFFLINE_PAGES) expect(isAppPageRequest(navigate(page), ORIGIN)).toBe(true);
  });
});

describe('a tenant’s web manifest', () => {
  const tenant = (locale: string, color = '#0a7f3f', name = 'Fibra Sur (demo)') => ({ name, locale, country: 'AR', settings: readSettings({ branding: { color } }) });

  it.each([
    ['es', 'Fibra Sur (demo) · Técnicos', 'Fibra Sur (demo) · Clientes'],
    ['en', 'Fibra Sur (demo) · Technicians', 'Fibra Sur (demo) · Customers'],
    ['it', 'Fibra Sur (demo) · Tecnici', 'Fibra Sur (demo) · Clienti'],
  ])('in %s: the tenant’s name and the app’s', (locale, tech, portal) => {
    expect(webManifest(tenant(locale), '/tech').name).toBe(tech);
    expect(webManifest(tenant(locale), '/portal').name).toBe(portal);
    expect(webManifest(tenant(locale), '/tech').lang).toBe(`${locale}-AR`);
  });

  it('the technician app: its own scope, standalone, the tenant’s color, icons and screenshots', () => {
    const manifest = webManifest(tenant('es'), '/tech');
    expect(manifest).toMatchObject({ id: '/tech', start_url: '/tech', scope: '/tech', display: 'standalone', short_name: 'Fibra Sur', theme_color: '#0a7f3f', background_color: '#0a7f3f' });
    expect(manifest.icons).toEqual([
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ]);
    expect(manifest.screenshots.map((s) => s.form_factor)).toEqual(['narrow', 'wide']);
    expect(webManifest(tenant('es'), '/portal')).toMatchObject({ id: '/portal', start_url: '/portal', scope: '/portal' });
  });

  it('without a color of its own, Antena’s', () => {
    expect(webManifest({ name: 'X', locale: 'es', country: 'AR', settings: readSettings({}) }, '/tech').theme_color).toBe('#1d5fd6');
  });

  it('an unknown language falls back to Spanish', () => {
    expect(webManifest(tenant('fr'), '/tech').name).toBe('Fibra Sur (demo) · Técnicos');
  });

  it.each([
    ['Fibra Sur (demo)', 'Fibra Sur'],
    ['Wisp', 'Wisp'],
    ['Telecomunicaciones del Norte', 'Telecomunicaciones'.slice(0, 12)],
    ['Red Rural Norte', 'Red Rural'],
  ])('short name of %s: %s', (name, short) => {
    expect(shortName(name)).toBe(short);
  });
});
