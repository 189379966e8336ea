'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/controls';

export function SignOutButton({ redirectTo }: { redirectTo: string }) {
  const t = useTranslations('auth');
  return (
    <Button variant="secondary" onClick={() => signOut({ redirectTo })}>
      {t('signOut')}
    </Button>
  );
}
