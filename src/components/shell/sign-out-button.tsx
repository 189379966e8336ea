'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/controls';

/**
 * Signs out and goes to `redirectTo` on the current host. (Auth.js builds its own redirect from the
 * address the server listens on, which is not the tenant's subdomain behind a proxy.)
 */
export function SignOutButton({ redirectTo }: { redirectTo: string }) {
  const t = useTranslations('auth');
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign(redirectTo);
      }}
    >
      {t('signOut')}
    </Button>
  );
}
