'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/controls';
import { clearOfflinePages } from '@/components/pwa/service-worker';

/**
 * Signs out and goes to `redirectTo` on the current host. (Auth.js builds its own redirect from the
 * address the server listens on, which is not the tenant's subdomain behind a proxy.) The pages the
 * service worker kept for offline use are dropped first.
 */
export function SignOutButton({ redirectTo }: { redirectTo: string }) {
  const t = useTranslations('auth');
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        // On a shared phone the next person must not find this one's pages offline.
        await clearOfflinePages();
        await signOut({ redirect: false });
        window.location.assign(redirectTo);
      }}
    >
      {t('signOut')}
    </Button>
  );
}
