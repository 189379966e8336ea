'use client';
// Settings > "App y portal" (F1, F2, F8): the portal's address to copy and send to customers, the
// login field, whether deleted customers get in, the welcome message (shown once, on a customer's
// first sign-in) and the info/contact message (behind the portal's info icon). Both messages are
// plain text: the portal shows them as text, never as markup.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Check, Copy } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { SaveFooter, SettingsLoader } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { PORTAL_LOGIN_FIELDS, PORTAL_MESSAGE_MAX, type PortalLoginField } from '@/server/services/tenants/settings';
import { Alert, Button, Card, Checkbox, Select, TextArea } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type View = RouterOutputs['tenants']['portalSettings'];

function CopyUrl({ url }: { url: string }) {
  const t = useTranslations('settings.portalSettings');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 3000);
  }
  return (
    <div>
      <p className="mb-1 text-sm font-medium text-slate-800" id="portal-url-label">{t('url')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <output aria-labelledby="portal-url-label" className="min-w-0 flex-1 break-all rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm">{url}</output>
        <Button type="button" variant="secondary" onClick={copy} aria-label={t('copy')}>
          {state === 'copied' ? <Check aria-hidden="true" className="mr-1 inline h-4 w-4" /> : <Copy aria-hidden="true" className="mr-1 inline h-4 w-4" />}
          {t('copy')}
        </Button>
      </div>
      <p role="status" className="mt-1 min-h-5 text-sm text-slate-700">{state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}</p>
      <p className="text-sm text-slate-600">{t('urlHint')}</p>
    </div>
  );
}

function PortalSettingsForm({ initial }: { initial: View }) {
  const t = useTranslations('settings.portalSettings');
  const settings = useTranslations('settings');
  const enums = useTranslations('enums');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = !useCan()('settings.manage');
  const [s, setS] = useState(initial);
  const save = useMutation(
    trpc.tenants.updatePortalSettings.mutationOptions({
      onSuccess: (saved) => {
        setS(saved);
        queryClient.setQueryData(trpc.tenants.portalSettings.queryKey(), saved);
      },
    }),
  );
  const errors = formErrors(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ loginField: s.loginField, allowDeleted: s.allowDeleted, welcomeMessage: s.welcomeMessage, infoMessage: s.infoMessage });
  }
  const counter = (text: string) => t('characters', { count: [...text].length, max: PORTAL_MESSAGE_MAX });
  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={t('title')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
      <Card title={t('general')}>
        <div className="space-y-4">
          <CopyUrl url={s.portalUrl} />
          <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
            <Select
              label={settings('loginField')}
              value={s.loginField}
              onChange={(e) => setS({ ...s, loginField: e.target.value as PortalLoginField })}
              options={PORTAL_LOGIN_FIELDS.map((f) => ({ value: f, label: enums(`loginField.${f}`) }))}
              error={errors.field('loginField')}
            />
            <div className="flex items-end">
              <Checkbox label={settings('allowDeleted')} checked={s.allowDeleted} onChange={(e) => setS({ ...s, allowDeleted: e.target.checked })} />
            </div>
          </fieldset>
        </div>
      </Card>
      <Card title={t('messages')}>
        <fieldset disabled={readOnly} className="space-y-4">
          <div>
            <TextArea label={t('welcomeMessage')} name="welcomeMessage" rows={4} value={s.welcomeMessage} onChange={(e) => setS({ ...s, welcomeMessage: e.target.value })} error={errors.field('welcomeMessage')} />
            <p className="mt-1 text-sm text-slate-600">{t('welcomeHint')} {counter(s.welcomeMessage)}</p>
          </div>
          <div>
            <TextArea label={t('infoMessage')} name="infoMessage" rows={4} value={s.infoMessage} onChange={(e) => setS({ ...s, infoMessage: e.target.value })} error={errors.field('infoMessage')} />
            <p className="mt-1 text-sm text-slate-600">{t('infoHint')} {counter(s.infoMessage)}</p>
          </div>
        </fieldset>
      </Card>
      <SaveFooter readOnly={readOnly} pending={save.isPending} />
    </form>
  );
}

export function PortalSettings() {
  const trpc = useTRPC();
  const view = useQuery(trpc.tenants.portalSettings.queryOptions());
  return <SettingsLoader query={view}>{(data) => <PortalSettingsForm initial={data} />}</SettingsLoader>;
}
