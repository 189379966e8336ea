'use client';
// D1/D2/E8/C10: who is told what (each rule a switch), the office's address, and the technicians'
// app: which tickets they see (all, or only their own; only open ones), a new ticket's push to all
// of them or only its assignee, and their working hours.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { SaveFooter, SettingsLoader } from './settings-form';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Card, Checkbox, Select, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type Settings = RouterOutputs['tenants']['notificationSettings'];
type Rule = Exclude<keyof Settings['notifications'], 'officeEmail'>;

const RULES: Rule[] = ['emailAssignee', 'pushAssignee', 'emailOfficeOnTechnicianState', 'emailCustomerUpdates', 'pushCustomerUpdates', 'pushStaffOnCustomerReply', 'emailHistoryOnFinish', 'pushStaffOnExpiry', 'emailOfficeOnExpiry'];
const PUSH_NEW_TICKET = ['ALL', 'ASSIGNEE', 'OFF'] as const;

function Form({ initial }: { initial: Settings }) {
  const t = useTranslations('notificationSettings');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const readOnly = !can('settings.manage');
  const [s, setS] = useState(initial);
  const save = useMutation(trpc.tenants.updateNotificationSettings.mutationOptions());
  const errors = formErrors(save.error);
  const hours = s.techApp.workingHours;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(s);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={t('title')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">{common('saved')}</Alert> : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <Card title={t('title')}>
          <div className="space-y-3">
            {RULES.map((rule) => (
              <Checkbox key={rule} label={t(`rules.${rule}`)} checked={s.notifications[rule]} onChange={(e) => setS({ ...s, notifications: { ...s.notifications, [rule]: e.target.checked } })} />
            ))}
            <div className="max-w-md pt-2">
              <TextInput
                type="email"
                label={t('officeEmail')}
                hint={t('officeEmailHint')}
                value={s.notifications.officeEmail}
                onChange={(e) => setS({ ...s, notifications: { ...s.notifications, officeEmail: e.target.value } })}
                error={errors.field('notifications.officeEmail')}
              />
            </div>
          </div>
        </Card>
        <Card title={t('techApp')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Select
              label={t('pushNewTicket')}
              value={s.techApp.pushNewTicket}
              onChange={(e) => setS({ ...s, techApp: { ...s.techApp, pushNewTicket: e.target.value as (typeof PUSH_NEW_TICKET)[number] } })}
              options={PUSH_NEW_TICKET.map((v) => ({ value: v, label: t(`pushNewTicketOptions.${v}`) }))}
            />
            <div className="flex items-end">
              <Checkbox
                label={t('limitHours')}
                checked={hours !== null}
                onChange={(e) => setS({ ...s, techApp: { ...s.techApp, workingHours: e.target.checked ? { start: '08:00', end: '18:00' } : null } })}
              />
            </div>
            <div className="space-y-2 sm:col-span-2">
              <Checkbox
                label={t('seeAllTickets')}
                checked={s.techApp.seeAllTickets}
                onChange={(e) => setS({ ...s, techApp: { ...s.techApp, seeAllTickets: e.target.checked } })}
              />
              <Checkbox
                label={t('onlyOpenTickets')}
                checked={s.techApp.onlyOpenTickets}
                onChange={(e) => setS({ ...s, techApp: { ...s.techApp, onlyOpenTickets: e.target.checked } })}
              />
              <p className="text-sm text-slate-600">{t('visibilityHint')}</p>
            </div>
            <fieldset className="space-y-2 sm:col-span-2">
              <legend className="mb-1 text-sm font-medium">{t('techFilters')}</legend>
              {TECH_FILTERS.map((key) => (
                <Checkbox
                  key={key}
                  label={t(key)}
                  checked={s.techApp[key]}
                  onChange={(e) => setS({ ...s, techApp: { ...s.techApp, [key]: e.target.checked } })}
                />
              ))}
            </fieldset>
            {hours ? (
              <>
                <TextInput type="time" label={t('start')} value={hours.start} onChange={(e) => setS({ ...s, techApp: { ...s.techApp, workingHours: { ...hours, start: e.target.value } } })} error={errors.field('techApp.workingHours.start')} />
                <TextInput type="time" label={t('end')} value={hours.end} onChange={(e) => setS({ ...s, techApp: { ...s.techApp, workingHours: { ...hours, end: e.target.value } } })} error={errors.field('techApp.workingHours.end')} />
                <p className="text-sm text-slate-600 sm:col-span-2">{t('hoursHint')}</p>
              </>
            ) : null}
          </div>
        </Card>
      </fieldset>
      <SaveFooter readOnly={readOnly} pending={save.isPending} />
    </form>
  );
}

/** E8: the filters the technician app's list offers, each switched by the tenant. */
const TECH_FILTERS = ['filterLocality', 'filterTechnician', 'filterCategory', 'filterState'] as const;

export function NotificationSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.tenants.notificationSettings.queryOptions());
  return <SettingsLoader query={settings}>{(data) => <Form initial={data} />}</SettingsLoader>;
}
