'use client';
// A1/A6/D6: the tenant's name, country, language, time zone, currency and SMS (the portal's settings: portal-settings-form.tsx).
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter, SettingsLoader } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { COUNTRY_CODES, COUNTRIES, CURRENCIES, type Country } from '@/lib/countries';
import { LOCALES, type Locale } from '@/lib/format';
import { Alert, Card, Checkbox, Select, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type Settings = RouterOutputs['tenants']['settings'];

function SettingsForm({ initial }: { initial: Settings }) {
  const t = useTranslations('settings');
  const countries = useTranslations('countries');
  const language = useTranslations('language');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const router = useRouter();
  const can = useCan();
  const readOnly = !can('settings.manage');
  const [s, setS] = useState(initial);
  const save = useMutation(trpc.tenants.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = formErrors(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    // The portal's settings are saved on their own tab ("App y portal"), not from here.
    save.mutate({ name: s.name, country: s.country as Country, locale: s.locale as Locale, timeZone: s.timeZone, currency: s.currency as (typeof CURRENCIES)[number], sms: s.sms });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={t('company')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <Card title={t('company')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextInput label={t('name')} value={s.name} onChange={(e) => setS({ ...s, name: e.target.value })} error={errors.field('name')} />
            <TextInput label={t('subdomain')} value={s.slug} readOnly hint={t('subdomainHint')} />
            <Select
              label={t('country')}
              value={s.country}
              onChange={(e) => {
                const country = e.target.value as Country;
                // A new country suggests its time zone and currency; both stay editable.
                setS({ ...s, country, timeZone: COUNTRIES[country].timeZone, currency: COUNTRIES[country].currency });
              }}
              options={COUNTRY_CODES.map((c) => ({ value: c, label: countries(c) }))}
              error={errors.field('country')}
            />
            <Select label={t('locale')} value={s.locale} onChange={(e) => setS({ ...s, locale: e.target.value })} options={LOCALES.map((l) => ({ value: l, label: language(l) }))} error={errors.field('locale')} />
            <TextInput label={t('timeZone')} value={s.timeZone} onChange={(e) => setS({ ...s, timeZone: e.target.value })} error={errors.field('timeZone')} />
            <Select label={t('currency')} value={s.currency} onChange={(e) => setS({ ...s, currency: e.target.value })} options={CURRENCIES.map((c) => ({ value: c, label: c }))} error={errors.field('currency')} />
          </div>
          {s.country === 'CO' ? <p className="mt-4 text-sm text-slate-700">{t('pqrsNote')}</p> : null}
        </Card>
        <Card title={t('sms')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex items-end">
              <Checkbox label={t('smsEnabled')} checked={s.sms.enabled} onChange={(e) => setS({ ...s, sms: { ...s.sms, enabled: e.target.checked } })} />
            </div>
            <TextInput label={t('smsFrom')} value={s.sms.from} onChange={(e) => setS({ ...s, sms: { ...s.sms, from: e.target.value } })} hint={t('smsFromHint')} error={errors.field('sms.from')} />
          </div>
          {!s.smsProvider ? <p className="mt-4 text-sm text-slate-700">{t('smsNoProvider')}</p> : null}
        </Card>
      </fieldset>
      <SaveFooter readOnly={readOnly} pending={save.isPending} />
    </form>
  );
}

export function TenantSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.tenants.settings.queryOptions());
  return <SettingsLoader query={settings}>{(data) => <SettingsForm initial={data} />}</SettingsLoader>;
}
