// The technician app's frame for the browser (E1): its manifest (installable, scope /tech), the
// tenant's color as theme color, the apple-touch-icon, the service worker and the install button.
// The pages render their own shell (src/components/tech/tech-shell.tsx).
import type { ReactNode } from 'react';
import type { Metadata, Viewport } from 'next';
import { InstallPrompt } from '@/components/pwa/install-prompt';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker';
import { appMetadata, appViewport } from '@/server/pwa/metadata';
import { AreaMessages } from '@/components/shell/area-messages';
import { TECH_NAMESPACES } from '@/i18n/client-namespaces';

export function generateMetadata(): Promise<Metadata> {
  return appMetadata('/tech');
}

export function generateViewport(): Promise<Viewport> {
  return appViewport();
}

export default function TechLayout({ children }: { children: ReactNode }) {
  return (
    <AreaMessages namespaces={TECH_NAMESPACES}>
      {/* The phone's own typeface: no font file to fetch on a weak signal, and no second layout when it arrives. */}
      <div className="font-system">
        {children}
        <ServiceWorkerRegistration />
        <InstallPrompt />
      </div>
    </AreaMessages>
  );
}
