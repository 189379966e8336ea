// The customer portal's frame for the browser: its manifest (installable, scope /portal), the
// tenant's color as theme color, the apple-touch-icon and the service worker.
import type { ReactNode } from 'react';
import type { Metadata, Viewport } from 'next';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker';
import { appMetadata, appViewport } from '@/server/pwa/metadata';
import { AreaMessages } from '@/components/shell/area-messages';
import { PORTAL_NAMESPACES } from '@/i18n/client-namespaces';

export function generateMetadata(): Promise<Metadata> {
  return appMetadata('/portal');
}

export function generateViewport(): Promise<Viewport> {
  return appViewport();
}

export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <AreaMessages namespaces={PORTAL_NAMESPACES}>
      {/* The phone's own typeface: no font file to fetch on a weak signal, and no second layout when it arrives. */}
      <div className="font-system">
        {children}
        <ServiceWorkerRegistration />
      </div>
    </AreaMessages>
  );
}
