'use client';
// F2/F8: "Primer ingreso / Olvidé mi contraseña" — asking for a link (or an SMS code), and setting the
// password with the e-mailed link or with the code. The request's answer is the same whether or not
// the account exists, and so is what this page says.
import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';

type LoginProps = { loginLabel: string; loginType: 'email' | 'text' };

export function RequestAccessForm({ loginLabel, loginType }: LoginProps) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const request = useMutation(trpc.portal.access.request.mutationOptions());
  const errors = formErrors(request.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate({ login: String(new FormData(event.currentTarget).get('login') ?? '') });
  }
  if (request.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t('accessRequested')}</Alert>
        <p className="text-sm text-slate-700">
          {t('accessGotCode')} <Link className="text-brand-700 underline" href="/portal/password">{t('accessEnterCode')}</Link>
        </p>
        <Link className="block text-sm text-brand-700 underline" href="/portal/login">{t('backToSignIn')}</Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('accessTitle')}>
      <p className="text-sm text-slate-700">{t('accessIntro')}</p>
      {errors.message && !errors.field('login') ? <Alert>{errors.message}</Alert> : null}
      <TextInput label={loginLabel} name="login" type={loginType} autoComplete="username" required error={errors.field('login')} />
      <Button type="submit" className="w-full" disabled={request.isPending}>{request.isPending ? t('sending') : t('accessSend')}</Button>
      <Link className="block text-sm text-brand-700 underline" href="/portal/login">{t('backToSignIn')}</Link>
    </form>
  );
}

/** The new password twice; `onSubmit` gets it once both match. */
function NewPasswordFields({ error, mismatch }: { error?: string; mismatch: boolean }) {
  const account = useTranslations('account');
  return (
    <>
      <TextInput label={account('newPassword')} name="password" type="password" autoComplete="new-password" required hint={account('passwordRule')} error={error} />
      <TextInput label={account('confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required error={mismatch ? account('mismatch') : undefined} />
    </>
  );
}

function PasswordSet() {
  const t = useTranslations('portal');
  return (
    <div className="space-y-4">
      <Alert tone="success">{t('passwordSet')}</Alert>
      <Link className="block text-center font-medium text-brand-700 underline" href="/portal/login">{t('goToSignIn')}</Link>
    </div>
  );
}

/** With the e-mailed link's token. */
export function SetPasswordWithLink({ token }: { token: string }) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const set = useMutation(trpc.portal.access.setPassword.mutationOptions());
  const errors = formErrors(set.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const password = String(f.get('password'));
    setMismatch(password !== String(f.get('confirmPassword')));
    if (password === String(f.get('confirmPassword'))) set.mutate({ token, password });
  }
  if (set.isSuccess) return <PasswordSet />;
  const refused = errors.field('token');
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('setPasswordTitle')}>
      {refused ? (
        <Alert>
          {refused} <Link className="underline" href="/portal/access">{t('accessAgain')}</Link>
        </Alert>
      ) : errors.message && !errors.field('password') ? <Alert>{errors.message}</Alert> : null}
      <NewPasswordFields error={errors.field('password')} mismatch={mismatch} />
      <Button type="submit" className="w-full" disabled={set.isPending}>{set.isPending ? t('sending') : t('setPassword')}</Button>
    </form>
  );
}

/** With the SMS's code (customers without e-mail). */
export function SetPasswordWithCode({ loginLabel, loginType }: LoginProps) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const set = useMutation(trpc.portal.access.setPasswordWithCode.mutationOptions());
  const errors = formErrors(set.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const password = String(f.get('password'));
    setMismatch(password !== String(f.get('confirmPassword')));
    if (password === String(f.get('confirmPassword'))) set.mutate({ login: String(f.get('login') ?? ''), code: String(f.get('code') ?? ''), password });
  }
  if (set.isSuccess) return <PasswordSet />;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('setPasswordTitle')}>
      <p className="text-sm text-slate-700">{t('codeIntro')}</p>
      {errors.message && !Object.keys(errors.fields).length ? <Alert>{errors.message}</Alert> : null}
      <TextInput label={loginLabel} name="login" type={loginType} autoComplete="username" required error={errors.field('login')} />
      <TextInput label={t('smsCode')} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} required error={errors.field('code')} />
      <NewPasswordFields error={errors.field('password')} mismatch={mismatch} />
      <Button type="submit" className="w-full" disabled={set.isPending}>{set.isPending ? t('sending') : t('setPassword')}</Button>
      <Link className="block text-sm text-brand-700 underline" href="/portal/access">{t('accessAgain')}</Link>
    </form>
  );
}
