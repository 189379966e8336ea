'use client';
// Settings > "App y portal": the payment promise (F3) — on/off, the most days, the days before a
// customer may ask again. Its own card and its own procedures (promises.settings / updateSettings).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Card, Checkbox, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type View = RouterOutputs['promises']['settings'];

function PromiseSettingsForm({ initial }: { initial: View }) {
  const t = useTranslations('portalPromise');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = !useCan()('settings.manage');
  const [s, setS] = useState({ enabled: initial.enabled, maxDays: String(initial.maxDays), coolDownDays: String(initial.coolDownDays) });
  const save = useMutation(trpc.promises.updateSettings.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(trpc.promises.settings.queryKey(), saved) }));
  const errors = formErrors(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ enabled: s.enabled, maxDays: Number(s.maxDays), coolDownDays: Number(s.coolDownDays) });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('settingsTitle')} className="mt-6">
      <Card title={t('settingsTitle')}>
        <p className="mb-3 text-sm text-slate-600">{t('settingsIntro')}</p>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
        <fieldset disabled={readOnly} className="space-y-4">
          <Checkbox label={t('enabled')} checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.target.checked })} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextInput label={t('maxDays')} name="maxDays" type="number" inputMode="numeric" min={1} value={s.maxDays} onChange={(e) => setS({ ...s, maxDays: e.target.value })} error={errors.field('maxDays')} disabled={!s.enabled} />
            <TextInput label={t('coolDownDays')} name="coolDownDays" type="number" inputMode="numeric" min={0} value={s.coolDownDays} onChange={(e) => setS({ ...s, coolDownDays: e.target.value })} error={errors.field('coolDownDays')} hint={t('coolDownHint')} disabled={!s.enabled} />
          </div>
        </fieldset>
        <SaveFooter readOnly={readOnly} pending={save.isPending} className="mt-4" />
      </Card>
    </form>
  );
}

export function PromiseSettingsCard() {
  const trpc = useTRPC();
  const view = useQuery(trpc.promises.settings.queryOptions());
  if (view.error) return <Alert>{view.error.message}</Alert>;
  return view.data ? <PromiseSettingsForm initial={view.data} /> : null;
}
