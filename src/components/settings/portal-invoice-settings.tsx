'use client';
// Settings > "App y portal" (F4): whether customers see their account statement in the portal and
// app ("Permitir ver cuenta corriente"), and may view and download their invoices' PDFs ("Permitir
// descargar FX"). The server enforces both; the portal only follows.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Button, Card, Checkbox } from '@/components/ui/controls';
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
        {!readOnly ? (
          <div className="mt-4 flex justify-end">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? common('saving') : common('save')}</Button>
          </div>
        ) : null}
      </Card>
    </form>
  );
}

export function PortalInvoiceSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.tenants.portalInvoiceSettings.queryOptions());
  const common = useTranslations('common');
  if (settings.error) return <Alert>{settings.error.message}</Alert>;
  return settings.data ? <Form initial={settings.data} /> : <p role="status">{common('loading')}</p>;
}
