'use client';
// Settings > "App y portal" > "Pagos" (F9): Mercado Pago Checkout Pro on or off, its access token and
// webhook secret (never shown again once saved: only whether each is set), what the payment button
// charges ("Cobro con botón de pago") and the other ways to pay, as plain text for customers.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter, SettingsLoader } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { PORTAL_MESSAGE_MAX } from '@/server/services/tenants/settings';
import { Alert, Card, Checkbox, Select, TextArea, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type View = RouterOutputs['payments']['settings'];
const CHARGES = ['FREE', 'DEBT', 'INVOICE'] as const;

function SecretField({ name, label, set, end, value, onChange, removed, onRemove, error, readOnly }: {
  name: string; label: string; set: boolean; end: string | null; value: string; onChange: (v: string) => void; removed: boolean; onRemove: () => void; error?: string; readOnly: boolean;
}) {
  const t = useTranslations('portalHome.settings');
  const hint = removed ? t('removed') : set ? t('secretSet', { end: end ?? 'none' }) : t('secretUnset');
  return (
    <div>
      <TextInput label={label} name={name} type="password" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} hint={hint} error={error} disabled={readOnly} />
      {set && !removed && !readOnly ? (
        <button type="button" onClick={onRemove} className="mt-1 text-sm text-red-800 underline">{t('remove')}</button>
      ) : null}
    </div>
  );
}

function PaymentSettingsForm({ initial }: { initial: View }) {
  const t = useTranslations('portalHome.settings');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = !useCan()('settings.manage');
  const [s, setS] = useState(initial);
  const [token, setToken] = useState('');
  const [secret, setSecret] = useState('');
  const [removed, setRemoved] = useState({ token: false, secret: false });
  const save = useMutation(
    trpc.payments.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        setS(saved);
        setToken('');
        setSecret('');
        setRemoved({ token: false, secret: false });
        queryClient.setQueryData(trpc.payments.settings.queryKey(), saved);
      },
    }),
  );
  const errors = formErrors(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      mercadoPagoEnabled: s.mercadoPagoEnabled,
      charge: s.charge,
      otherMethods: s.otherMethods,
      ...(token.trim() ? { accessToken: token } : removed.token ? { accessToken: '' } : {}),
      ...(secret.trim() ? { webhookSecret: secret } : removed.secret ? { webhookSecret: '' } : {}),
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('title')} className="mt-6">
      <Card title={t('title')}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t('intro')}</p>
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
          <fieldset disabled={readOnly} className="space-y-4">
            <Checkbox label={t('mercadoPagoEnabled')} checked={s.mercadoPagoEnabled} onChange={(e) => setS({ ...s, mercadoPagoEnabled: e.target.checked })} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SecretField name="accessToken" label={t('accessToken')} set={s.accessTokenSet} end={s.accessTokenEnd} value={token} onChange={setToken} removed={removed.token} onRemove={() => setRemoved({ ...removed, token: true })} error={errors.field('accessToken')} readOnly={readOnly} />
              <SecretField name="webhookSecret" label={t('webhookSecret')} set={s.webhookSecretSet} end={null} value={secret} onChange={setSecret} removed={removed.secret} onRemove={() => setRemoved({ ...removed, secret: true })} error={errors.field('webhookSecret')} readOnly={readOnly} />
            </div>
            <div>
              <p className="mb-1 text-sm font-medium text-slate-800" id="mp-notification-url">{t('notificationUrl')}</p>
              <output aria-labelledby="mp-notification-url" className="block break-all rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm">{s.notificationUrl}</output>
              <p className="mt-1 text-sm text-slate-600">{t('notificationUrlHint')}</p>
            </div>
            <Select label={t('charge')} value={s.charge} onChange={(e) => setS({ ...s, charge: e.target.value as View['charge'] })} options={CHARGES.map((c) => ({ value: c, label: t(`chargeOption.${c}`) }))} error={errors.field('charge')} />
            <div>
              <TextArea label={t('otherMethods')} name="otherMethods" rows={3} maxLength={PORTAL_MESSAGE_MAX} value={s.otherMethods} onChange={(e) => setS({ ...s, otherMethods: e.target.value })} error={errors.field('otherMethods')} />
              <p className="mt-1 text-sm text-slate-600">{t('otherMethodsHint')}</p>
            </div>
          </fieldset>
          <SaveFooter readOnly={readOnly} pending={save.isPending} />
        </div>
      </Card>
    </form>
  );
}

export function PaymentSettingsCard() {
  const trpc = useTRPC();
  const view = useQuery(trpc.payments.settings.queryOptions());
  return <SettingsLoader query={view}>{(data) => <PaymentSettingsForm initial={data} />}</SettingsLoader>;
}
