'use client';
// Staff and customer sign-in through next-auth's Credentials providers, with translated errors
// (wrong credentials, or slowed down after repeated failures: "try again in N seconds / minutes").
import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Alert, Button, TextInput } from '@/components/ui/controls';

export function SignInForm({ provider, loginLabel, loginType = 'text', next }: {
  provider: 'staff' | 'customer';
  loginLabel: string;
  loginType?: 'email' | 'text';
  next: string;
}) {
  const t = useTranslations('auth');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const loginField = provider === 'staff' ? 'email' : 'login';
    const result = await signIn(provider, { redirect: false, [loginField]: form.get('login'), password: form.get('password') });
    if (result?.error) {
      // `throttled:<seconds>`: how long until the next attempt is allowed.
      const throttled = result.code?.match(/^throttled:(\d+)/);
      const seconds = throttled ? Number(throttled[1]) : 0;
      setError(!throttled ? t('invalid') : seconds < 60 ? t('throttledSeconds', { seconds }) : t('throttled', { minutes: Math.ceil(seconds / 60) }));
      setPending(false);
      return;
    }
    window.location.assign(next);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error ? <Alert>{error}</Alert> : null}
      <TextInput label={loginLabel} name="login" type={loginType} autoComplete="username" required />
      <TextInput label={t('password')} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t('signingIn') : t('signIn')}
      </Button>
    </form>
  );
}
