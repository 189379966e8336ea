'use client';
// G4/G5/G10: the ticket view's "Intervención" card. Where the visit's date stands (to schedule /
// awaiting the customer / awaiting the company / agreed), the proposal waiting with its note; the
// ISP's side proposes a slot to the customer (who answers in the portal or through the e-mailed
// link), accepts the customer's proposal or counters it; and "Iniciar" (Avvia ticket) sends a
// customer's ticket to its technician's app once visit, technician and cost are agreed — the card
// says which of those is missing.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatDateTime } from '@/lib/format';
import { formatVisit } from '@/lib/visits';
import { Alert, Button, Card, TextArea } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { VisitFields } from '@/components/tickets/visit-fields';

type Ticket = RouterOutputs['tickets']['get'];

const STATUS_STYLE = {
  TO_SCHEDULE: 'bg-slate-100 text-slate-800',
  AWAITING_CUSTOMER: 'bg-amber-100 text-amber-900',
  AWAITING_COMPANY: 'bg-orange-100 text-orange-900',
  AGREED: 'bg-green-100 text-green-900',
} as const;

export function ScheduleBadge({ status }: { status: keyof typeof STATUS_STYLE }) {
  const enums = useTranslations('enums');
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>{enums(`scheduleStatus.${status}`)}</span>;
}

export function TicketSchedule({ ticket }: { ticket: Ticket }) {
  const t = useTranslations('scheduling');
  const enums = useTranslations('enums');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const queryClient = useQueryClient();
  const [proposing, setProposing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
  const propose = useMutation(trpc.tickets.proposeVisit.mutationOptions({ onSuccess: async () => { setProposing(false); setDone(t('proposed')); await refresh(); } }));
  const accept = useMutation(trpc.tickets.acceptVisit.mutationOptions({ onSuccess: async () => { setDone(t('accepted')); await refresh(); } }));
  const start = useMutation(trpc.tickets.start.mutationOptions({ onSuccess: async () => { setDone(t('started')); await refresh(); } }));
  const error = propose.error ?? accept.error ?? start.error;
  const errors = formErrors(error);
  const pending = ticket.stage === 'PENDING';
  const mayAct = can('tickets.schedule') && pending;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '');
    setDone(null);
    propose.mutate({ id: ticket.id, version: ticket.version, visit: { date: v('visitDate'), from: v('visitFrom'), to: v('visitTo') }, note: v('note') || null });
  };

  return (
    <Card title={t('card')}>
      <div className="space-y-3 text-sm" data-testid="ticket-schedule-card">
        {done ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">{done}</p> : null}
        {errors.message && !errors.field('visit') ? <Alert>{errors.message}</Alert> : null}
        <p>
          <ScheduleBadge status={ticket.scheduleStatus} />
        </p>
        {ticket.visitStart && ticket.visitEnd ? <p>{t('agreedVisit', { slot: formatVisit(ticket.visitStart, ticket.visitEnd, intl, tenant.timeZone) })}</p> : null}
        {ticket.proposedStart && ticket.proposedEnd && ticket.proposedBy ? (
          <div className="rounded-md border border-slate-200 p-2" data-testid="visit-proposal">
            <p className="font-medium">
              {t(ticket.proposedBy === 'CUSTOMER' ? 'customerProposes' : 'weProposed', { slot: formatVisit(ticket.proposedStart, ticket.proposedEnd, intl, tenant.timeZone) })}
            </p>
            {ticket.proposalNote ? <p className="whitespace-pre-wrap text-slate-700">{ticket.proposalNote}</p> : null}
            {ticket.proposedAt ? <p className="text-xs text-slate-600">{formatDateTime(ticket.proposedAt, intl, tenant.timeZone)}</p> : null}
          </div>
        ) : null}
        {mayAct && ticket.scheduleStatus === 'AWAITING_COMPANY' ? (
          <Button onClick={() => { setDone(null); accept.mutate({ id: ticket.id, version: ticket.version }); }} disabled={accept.isPending}>{t('accept')}</Button>
        ) : null}
        {mayAct && ticket.customer ? (
          proposing ? (
            <form onSubmit={submit} noValidate className="space-y-2" aria-label={t('propose')}>
              <div className="grid gap-2">
                <VisitFields visit={null} errors={errors} />
              </div>
              <TextArea label={t('note')} name="note" rows={2} error={errors.field('note')} />
              <div className="flex gap-2">
                <Button type="submit" disabled={propose.isPending}>{t('send')}</Button>
                <Button type="button" variant="secondary" onClick={() => setProposing(false)}>{common('cancel')}</Button>
              </div>
            </form>
          ) : (
            <Button variant="secondary" onClick={() => { setDone(null); setProposing(true); }}>
              {ticket.scheduleStatus === 'AWAITING_COMPANY' ? t('counter') : t('propose')}
            </Button>
          )
        ) : null}
        {ticket.startedAt ? (
          <p className="text-green-800">{t('startedAt', { when: formatDateTime(ticket.startedAt, intl, tenant.timeZone) })}</p>
        ) : ticket.startMissing && can('tickets.start') ? (
          <div className="space-y-1 border-t border-slate-100 pt-3">
            {ticket.startMissing.length ? <p className="text-slate-700">{t('startNeeds', { missing: ticket.startMissing.map((m) => enums(`startRequirement.${m}`)).join(', ') })}</p> : <p className="text-slate-700">{t('startReady')}</p>}
            <Button onClick={() => { setDone(null); start.mutate({ id: ticket.id, version: ticket.version }); }} disabled={start.isPending || ticket.startMissing.length > 0}>
              {t('start')}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
