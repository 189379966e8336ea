'use client';
// Settings > "App y portal", the tickets card (F5 f–j, F6 k, F7 l): see tickets, open tickets, only
// open ones, a daily limit, closing, and the values of each kind of ticket customers open (a ticket,
// a payment receipt, a plan request). The server enforces each switch; this card only sets them.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Card, Checkbox, Select, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type View = RouterOutputs['portalTicketSettings']['get'];
type Config = RouterOutputs['ticketConfig']['get'];
type Defaults = View['defaults'];
const FIELDS = ['areaId', 'categoryId', 'assigneeId', 'stateId', 'priorityId'] as const;

function DefaultsFields({ prefix, value, onChange, config, error }: { prefix: 'defaults' | 'receiptDefaults' | 'planDefaults'; value: Defaults; onChange: (d: Defaults) => void; config: Config; error: (f: string) => string | undefined }) {
  const t = useTranslations('portalTickets.settings');
  const live = <T extends { archivedAt?: Date | string | null }>(rows: T[]) => rows.filter((r) => !r.archivedAt);
  const options: Record<(typeof FIELDS)[number], { value: string; label: string }[]> = {
    areaId: live(config.areas).map((a) => ({ value: a.id, label: a.name })),
    categoryId: live(config.categories).map((c) => ({ value: c.id, label: c.name })),
    assigneeId: config.technicians.map((u) => ({ value: u.id, label: u.name })),
    stateId: live(config.states).map((s) => ({ value: s.id, label: s.name })),
    priorityId: live(config.priorities).map((p) => ({ value: p.id, label: p.name })),
  };
  const category = config.categories.find((c) => c.id === value.categoryId);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {FIELDS.map((f) => (
        <Select
          key={f}
          label={t(`field.${f}`)}
          name={`${prefix}.${f}`}
          value={value[f] ?? ''}
          onChange={(e) => onChange({ ...value, [f]: e.target.value || null })}
          options={[{ value: '', label: t('fromCategory') }, ...options[f]]}
          error={error(`${prefix}.${f}`)}
        />
      ))}
      {prefix === 'defaults' && category ? (
        <p className="text-sm text-slate-700 sm:col-span-2">{t('customerDescription', { text: category.customerDescription ?? '—' })}</p>
      ) : null}
    </div>
  );
}

function Form({ initial, config }: { initial: View; config: Config }) {
  const t = useTranslations('portalTickets.settings');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = !useCan()('settings.manage');
  const [s, setS] = useState(initial);
  const save = useMutation(
    trpc.portalTicketSettings.update.mutationOptions({
      onSuccess: (saved) => {
        setS(saved);
        queryClient.setQueryData(trpc.portalTicketSettings.get.queryKey(), saved);
      },
    }),
  );
  const errors = formErrors(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(s);
  }
  const check = (key: 'view' | 'create' | 'onlyOpen' | 'dailyLimit' | 'allowClose' | 'receipt' | 'plans') => (
    <Checkbox label={t(key)} checked={s[key]} onChange={(e) => setS({ ...s, [key]: e.target.checked })} />
  );
  return (
    <Card title={t('title')}>
      <form onSubmit={submit} noValidate aria-label={t('title')} className="space-y-5">
        <fieldset disabled={readOnly} className="space-y-5">
          <div className="space-y-2">
            {check('view')}
            {check('create')}
            {check('onlyOpen')}
            {check('allowClose')}
            {check('dailyLimit')}
            {s.dailyLimit ? (
              <TextInput
                label={t('dailyMax')}
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                value={String(s.dailyMax)}
                onChange={(e) => setS({ ...s, dailyMax: Number(e.target.value) })}
                error={errors.field('dailyMax')}
              />
            ) : null}
          </div>
          <section aria-label={t('general')} className="space-y-2">
            <h3 className="text-sm font-semibold">{t('general')}</h3>
            <DefaultsFields prefix="defaults" value={s.defaults} onChange={(d) => setS({ ...s, defaults: d })} config={config} error={errors.field} />
          </section>
          <section aria-label={t('receiptSection')} className="space-y-2">
            {check('receipt')}
            {s.receipt ? <DefaultsFields prefix="receiptDefaults" value={s.receiptDefaults} onChange={(d) => setS({ ...s, receiptDefaults: d })} config={config} error={errors.field} /> : null}
          </section>
          <section aria-label={t('plansSection')} className="space-y-2">
            {check('plans')}
            {s.plans ? <DefaultsFields prefix="planDefaults" value={s.planDefaults} onChange={(d) => setS({ ...s, planDefaults: d })} config={config} error={errors.field} /> : null}
            <p className="text-sm text-slate-600">{t('plansHint')}</p>
          </section>
        </fieldset>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
        <SaveFooter readOnly={readOnly} pending={save.isPending} />
      </form>
    </Card>
  );
}

export function PortalTicketSettingsCard() {
  const trpc = useTRPC();
  const common = useTranslations('common');
  const view = useQuery(trpc.portalTicketSettings.get.queryOptions());
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  if (view.error) return <Alert>{view.error.message}</Alert>;
  if (config.error) return <Alert>{config.error.message}</Alert>;
  return view.data && config.data ? <Form initial={view.data} config={config.data} /> : <p role="status">{common('loading')}</p>;
}
