'use client';
// Settings > "App y portal" (F4): whether customers see their account statement in the portal and
// app ("Permitir ver cuenta corriente"), and may view and download their invoices' PDFs ("Permitir
// descargar FX"). The server enforces both; the portal only follows.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter, SettingsLoader } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Card, Checkbox } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type Settings = RouterOutputs['tenants']['portalInvoiceSettings'];

function Form({ initial }: { initial: Settings }) {
  const t = useTranslations('portalInvoices.settings');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const readOnly = !useCan()('settings.manage');
  const [s, setS] = useState(initial);
  const save = useMutation(trpc.tenants.updatePortalInvoiceSettings.mutationOptions());
  const errors = formErrors(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(s);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('title')}>
      <Card title={t('title')}>
        <fieldset disabled={readOnly} className="space-y-3">
          <Checkbox label={t('showStatement')} checked={s.showStatement} onChange={(e) => setS({ ...s, showStatement: e.target.checked })} />
          <p className="text-sm text-slate-600">{t('showStatementHint')}</p>
          <Checkbox label={t('allowDownload')} checked={s.allowDownload} onChange={(e) => setS({ ...s, allowDownload: e.target.checked })} />
        </fieldset>
        {errors.message ? <div className="mt-3"><Alert>{errors.message}</Alert></div> : null}
        {save.isSuccess ? <div className="mt-3"><Alert tone="success">{common('saved')}</Alert></div> : null}
        <SaveFooter readOnly={readOnly} pending={save.isPending} className="mt-4" />
      </Card>
    </form>
  );
}

export function PortalInvoiceSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.tenants.portalInvoiceSettings.queryOptions());
  return <SettingsLoader query={settings}>{(data) => <Form initial={data} />}</SettingsLoader>;
}
