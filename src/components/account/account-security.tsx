'use client';
// One's own account: change my password (staff) and sign out everywhere (staff and portal).
// Changing the password ends every session of the user, this one included; the form then signs this
// browser in again with the new password, so the user stays signed in here and nowhere else.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { signIn, signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { clearOfflinePages } from '@/components/pwa/service-worker';

export function ChangePasswordForm({ email, loginPath }: { email: string; loginPath: string }) {
  const t = useTranslations('account');
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const errors = formErrors(change.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const newPassword = String(f.get('newPassword'));
    setDone(false);
    setMismatch(newPassword !== String(f.get('confirmPassword')));
    if (newPassword !== String(f.get('confirmPassword'))) return;
    change.mutate(
      { currentPassword: String(f.get('currentPassword')), newPassword },
      {
        onSuccess: async () => {
          // The change ended this session as well: sign in again with the new password.
          const again = await signIn('staff', { email, password: newPassword, redirect: false });
          if (!again?.ok || again.error) return window.location.assign(loginPath);
          form.reset();
          setDone(true);
        },
      },
    );
  }

  return (
    <Card title={t('changePassword')}>
      <form onSubmit={submit} noValidate className="grid max-w-md gap-4" aria-label={t('changePassword')}>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {done ? <Alert tone="success">{t('passwordChanged')}</Alert> : null}
        <TextInput label={t('currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required error={errors.field('currentPassword')} />
        <TextInput label={t('newPassword')} name="newPassword" type="password" autoComplete="new-password" required hint={t('passwordRule')} error={errors.field('newPassword')} />
        <TextInput label={t('confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required error={mismatch ? t('mismatch') : undefined} />
        <div>
          <Button type="submit" disabled={change.isPending}>{change.isPending ? t('saving') : t('savePassword')}</Button>
        </div>
      </form>
    </Card>
  );
}

/** Ends every session of the signed-in person (staff or portal customer), then this browser's. */
export function SignOutEverywhere({ audience, redirectTo }: { audience: 'staff' | 'customer'; redirectTo: string }) {
  const t = useTranslations('account');
  const trpc = useTRPC();
  const staff = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const customer = useMutation(trpc.portal.account.signOutEverywhere.mutationOptions());
  const everywhere = audience === 'staff' ? staff : customer;
  return (
    <div className="space-y-2">
      {everywhere.error ? <Alert>{everywhere.error.message}</Alert> : null}
      <p className="text-sm text-slate-700">{t('signOutEverywhereHint')}</p>
      <ConfirmButton
        variant="secondary"
        label={t('signOutEverywhere')}
        question={t('signOutEverywhereQuestion')}
        confirmLabel={t('signOutEverywhere')}
        disabled={everywhere.isPending}
        onConfirm={() =>
          everywhere.mutate(undefined, {
            onSuccess: async () => {
              await clearOfflinePages();
              await signOut({ redirect: false });
              window.location.assign(redirectTo);
            },
          })
        }
      />
    </div>
  );
}

/** A staff member's account page body (back office and technician app alike): the password, then the sessions. */
export function StaffAccountSecurity({ email, loginPath }: { email: string; loginPath: string }) {
  const t = useTranslations('account');
  return (
    <div className="space-y-6">
      <ChangePasswordForm email={email} loginPath={loginPath} />
      <Card title={t('sessions')}>
        <SignOutEverywhere audience="staff" redirectTo={loginPath} />
      </Card>
    </div>
  );
}
