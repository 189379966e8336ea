'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { COUNTRY_CODES } from '@/lib/countries';
import { Alert, Button, Select, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';

type SignedUp = { slug: string; email: string; delivery: 'email' | 'log'; expiresAt: Date };

export function SignUpForm({ rootDomain }: { rootDomain: string }) {
  const t = useTranslations('site');
  const countries = useTranslations('countries');
  const trpc = useTRPC();
  const [slug, setSlug] = useState('');
  const signUp = useMutation(trpc.tenants.signUp.mutationOptions());
  const errors = formErrors(signUp.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    signUp.mutate({
      name: String(f.get('name')),
      slug: String(f.get('slug')),
      country: String(f.get('country')) as (typeof COUNTRY_CODES)[number],
      adminName: String(f.get('adminName')),
      adminEmail: String(f.get('adminEmail')),
      adminPassword: String(f.get('adminPassword')),
    });
  }

  if (signUp.data) return <CheckYourEmail signedUp={signUp.data} host={`${signUp.data.slug}.${rootDomain}`} />;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <TextInput label={t('companyName')} name="name" required error={errors.field('name')} />
      <TextInput
        label={t('subdomain')}
        name="slug"
        required
        value={slug}
        onChange={(e) => setSlug(e.target.value.toLowerCase())}
        hint={t('subdomainHint', { host: `${slug || 'tu-isp'}.${rootDomain}` })}
        error={errors.field('slug')}
      />
      <Select label={t('country')} name="country" defaultValue="AR" options={COUNTRY_CODES.map((c) => ({ value: c, label: countries(c) }))} error={errors.field('country')} />
      <TextInput label={t('adminName')} name="adminName" required autoComplete="name" error={errors.field('adminName')} />
      <TextInput label={t('adminEmail')} name="adminEmail" type="email" required autoComplete="email" error={errors.field('adminEmail')} />
      <TextInput label={t('adminPassword')} name="adminPassword" type="password" required autoComplete="new-password" error={errors.field('adminPassword')} />
      <Button type="submit" className="w-full" disabled={signUp.isPending}>
        {signUp.isPending ? t('creating') : t('create')}
      </Button>
    </form>
  );
}

/** After sign-up: where the verification link went (the inbox, or the server's log), and a way to ask for it again. */
function CheckYourEmail({ signedUp, host }: { signedUp: SignedUp; host: string }) {
  const t = useTranslations('site');
  const trpc = useTRPC();
  const resend = useMutation(trpc.tenants.resendVerification.mutationOptions());
  const hours = Math.max(1, Math.round((signedUp.expiresAt.getTime() - Date.now()) / 3_600_000));
  return (
    <div className="space-y-4" aria-live="polite">
      <h3 className="text-base font-semibold">{t('checkTitle')}</h3>
      <p className="text-sm text-slate-700">{signedUp.delivery === 'email' ? t('sentTo', { email: signedUp.email, host }) : t('inServerLog', { host })}</p>
      <p className="text-sm text-slate-700">{t('expiresIn', { hours, host })}</p>
      {resend.error ? <Alert>{resend.error.message}</Alert> : null}
      {resend.data ? <Alert tone="success">{resend.data.delivery === 'email' ? t('resentTo', { email: signedUp.email }) : t('resentToLog')}</Alert> : null}
      <Button variant="secondary" disabled={resend.isPending} onClick={() => resend.mutate({ slug: signedUp.slug, email: signedUp.email })}>
        {resend.isPending ? t('resending') : t('resend')}
      </Button>
    </div>
  );
}
