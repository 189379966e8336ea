// What an installable app's layout (src/app/tech, src/app/portal) puts in the page's head: the link
// to its manifest, the apple-touch-icon and title, and the tenant's color as theme color.
import 'server-only';
import type { Metadata, Viewport } from 'next';
import type { AppScope } from '@/lib/pwa';
import { currentTenant } from '@/server/auth/session';
import { APPLE_TOUCH_ICON, shortName } from './manifest';

export async function appMetadata(scope: AppScope): Promise<Metadata> {
  const tenant = await currentTenant();
  // An unknown host has no app (its pages are 404s).
  if (!tenant) return {};
  return {
    manifest: `${scope}/manifest.webmanifest`,
    icons: { apple: APPLE_TOUCH_ICON },
    appleWebApp: { capable: true, title: shortName(tenant.name), statusBarStyle: 'default' },
  };
}

export async function appViewport(): Promise<Viewport> {
  const tenant = await currentTenant();
  return tenant ? { themeColor: tenant.settings.branding.color } : {};
}
