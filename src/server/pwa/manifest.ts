// E1 (and the portal next): the web app manifest of one installable app of one tenant. Each app —
// /tech, /portal — is its own scope with its own manifest, served by a route handler under it
// (src/app/<scope>/manifest.webmanifest/route.ts, through manifest-route.ts) for the tenant the host names.
import 'server-only';
import { translator } from '@/i18n/catalog';
import { isLocale, type Locale } from '@/lib/format';
import type { AppScope } from '@/lib/pwa';
import type { TenantInfo } from '@/server/services/tenants/resolve';

type ManifestImage = { src: string; sizes: string; type: 'image/png'; purpose?: 'any' | 'maskable'; form_factor?: 'narrow' | 'wide'; label?: string };

export type WebManifest = {
  id: string;
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: 'standalone';
  lang: string;
  dir: 'ltr';
  theme_color: string;
  background_color: string;
  icons: ManifestImage[];
  screenshots: ManifestImage[];
};

/** The icons and screenshots every app shares (public/icons, made from src/app/icon.svg by src/cli/pwa-icons.ts). */
export const MANIFEST_ICONS: ManifestImage[] = [
  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
];
const SCREENSHOTS: Omit<ManifestImage, 'label'>[] = [
  { src: '/icons/screenshot-narrow.png', sizes: '750x1334', type: 'image/png', form_factor: 'narrow' },
  { src: '/icons/screenshot-wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide' },
];
/** The apple-touch-icon (iOS ignores the manifest's icons). */
export const APPLE_TOUCH_ICON = '/icons/apple-touch-icon.png';

const NAMESPACE: Record<AppScope, 'tech' | 'portal'> = { '/tech': 'tech', '/portal': 'portal' };

/** What a home screen shows under the icon (about 12 characters): the tenant's name, else its first words, else its start. */
export function shortName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= 12) return trimmed;
  let short = '';
  for (const word of trimmed.split(/\s+/)) {
    const next = short ? `${short} ${word}` : word;
    if (next.length > 12) break;
    short = next;
  }
  return short || trimmed.slice(0, 12);
}

/** The manifest of `scope`'s app for `tenant`, in the tenant's language and colors. */
export function webManifest(tenant: Pick<TenantInfo, 'name' | 'locale' | 'country' | 'settings'>, scope: AppScope): WebManifest {
  const locale: Locale = isLocale(tenant.locale) ? tenant.locale : 'es';
  const t = translator(locale, NAMESPACE[scope]);
  const app = t('appName');
  const name = `${tenant.name} · ${app}`;
  const color = tenant.settings.branding.color;
  return {
    id: scope,
    name,
    short_name: shortName(tenant.name),
    start_url: scope,
    scope,
    display: 'standalone',
    lang: `${locale}-${tenant.country}`,
    dir: 'ltr',
    theme_color: color,
    background_color: color,
    icons: MANIFEST_ICONS,
    screenshots: SCREENSHOTS.map((shot) => ({ ...shot, label: name })),
  };
}
