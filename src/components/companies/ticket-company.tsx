'use client';
// G2: the ticket view's "Empresa asociada" card. The office hands the ticket to a partner company or
// takes it back to the ISP itself; the company's manager takes it over ("Prendi in carico") or
// renounces it with a reason ("Rinuncia ticket"). Each is its own procedure, naming the ticket's
// version; the company's details ("Info empresa") are shown as text.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatDateTime } from '@/lib/format';
import { Alert, Button, Card, Select, TextArea } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan, useStaffContext } from '@/components/shell/permissions';

type Ticket = RouterOutputs['tickets']['get'];

export function TicketCompany({ ticket }: { ticket: Ticket }) {
  const t = useTranslations('companies');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const queryClient = useQueryClient();
  const [renouncing, setRenouncing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
  const options = useQuery({ ...trpc.companies.options.queryOptions(), enabled: can('tickets.handOver') });
  const handOver = useMutation(trpc.tickets.handOver.mutationOptions({ onSuccess: refresh }));
  const takeOver = useMutation(trpc.tickets.takeOver.mutationOptions({ onSuccess: refresh }));
  const renounce = useMutation(trpc.tickets.renounce.mutationOptions({ onSuccess: async () => { setRenouncing(false); await refresh(); } }));
  const error = handOver.error ?? takeOver.error ?? renounce.error;
  const errors = formErrors(error);
  const company = ticket.company;

  const submitHandOver = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('companyId') ?? '');
    handOver.mutate({ id: ticket.id, version: ticket.version, companyId: value || null });
  };
  const submitRenounce = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    renounce.mutate({ id: ticket.id, version: ticket.version, reason: String(new FormData(event.currentTarget).get('reason') ?? '') });
  };

  return (
    <Card title={t('card')}>
      <div className="space-y-3 text-sm" data-testid="ticket-company-card">
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {company ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {(['name', 'taxId', 'contactName', 'phone', 'email', 'zone'] as const).map((k) =>
              company[k] ? (
                <div key={k} className="contents">
                  <dt className="text-slate-600">{t(`field.${k}`)}</dt>
                  <dd className="break-words">{company[k]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <p className="text-slate-700">{t('notHanded')}</p>
        )}
        {company ? (
          <p className={ticket.companyAcceptedAt ? 'text-green-800' : 'text-amber-800'}>
            {ticket.companyAcceptedAt
              ? t('acceptedBy', { name: ticket.companyAcceptedBy?.name ?? '—', when: formatDateTime(ticket.companyAcceptedAt, intl, tenant.timeZone) })
              : t('awaiting')}
          </p>
        ) : null}
        {can('tickets.handOver') ? (
          <form onSubmit={submitHandOver} className="flex flex-wrap items-end gap-2" aria-label={t('handOver')}>
            <div className="min-w-48 flex-1">
              <Select
                label={t('handOver')}
                name="companyId"
                defaultValue={company?.id ?? ''}
                key={`${ticket.version}-${company?.id ?? ''}`}
                options={[{ value: '', label: t('own') }, ...(options.data ?? []).map((c) => ({ value: c.id, label: c.name })), ...(company && !options.data?.some((c) => c.id === company.id) ? [{ value: company.id, label: company.name }] : [])]}
                error={errors.field('companyId')}
              />
            </div>
            <Button type="submit" variant="secondary" disabled={handOver.isPending}>{t('handOverButton')}</Button>
          </form>
        ) : null}
        {can('tickets.companyTake') && company ? (
          <div className="space-y-2">
            {!ticket.companyAcceptedAt ? (
              <Button onClick={() => takeOver.mutate({ id: ticket.id, version: ticket.version })} disabled={takeOver.isPending}>{t('takeOver')}</Button>
            ) : null}
            {renouncing ? (
              <form onSubmit={submitRenounce} noValidate className="space-y-2" aria-label={t('renounce')}>
                <TextArea label={t('reason')} name="reason" rows={3} required error={formErrors(renounce.error).field('reason')} />
                <div className="flex gap-2">
                  <Button type="submit" disabled={renounce.isPending}>{t('renounceConfirm')}</Button>
                  <Button type="button" variant="secondary" onClick={() => setRenouncing(false)}>{common('cancel')}</Button>
                </div>
              </form>
            ) : (
              <Button variant="secondary" onClick={() => setRenouncing(true)}>{t('renounce')}</Button>
            )}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
