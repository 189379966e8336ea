'use client';
// G5 from the customer's side: the visit's date of their ticket — the slot agreed, or the proposal
// waiting with its note — and the answers: accept the ISP's proposal, or propose another day and slot
// with a note. Signed in (the portal's ticket view: `ticketId`) or through the e-mailed link with no
// sign-in (`token`); the server refuses a slot in the past or outside working hours, and an answered,
// replaced or expired link.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Button, TextArea, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';

type Schedule = RouterOutputs['portal']['visit']['get'];
type Slot = { date: string; from: string; to: string };

function slotText(slot: Slot, intl: string): string {
  const day = new Intl.DateTimeFormat(intl, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${slot.date}T12:00:00Z`));
  return `${day}, ${slot.from}–${slot.to}`;
}

function ScheduleView({ schedule, intl, onAccept, onPropose, pending, error, done }: {
  schedule: Schedule;
  intl: string;
  onAccept: () => void;
  onPropose: (slot: Slot, note: string | null) => void;
  pending: boolean;
  error: unknown;
  done: string | null;
}) {
  const t = useTranslations('scheduling');
  const [proposing, setProposing] = useState(false);
  const errors = formErrors(error as never);
  const waitingForMe = schedule.status === 'AWAITING_CUSTOMER' && schedule.proposal;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '');
    onPropose({ date: v('date'), from: v('from'), to: v('to') }, v('note') || null);
  };
  return (
    <section aria-label={t('portal.title')} className="space-y-3 rounded-md border border-slate-200 p-3 text-sm" data-testid="visit-answer">
      <h2 className="font-semibold">{t('portal.title')}</h2>
      {done ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">{done}</p> : null}
      {errors.message && !errors.field('visit') ? <Alert>{errors.message}</Alert> : null}
      {schedule.status === 'AGREED' && schedule.visit ? <p className="font-medium">{t('portal.agreed', { slot: slotText(schedule.visit, intl) })}</p> : null}
      {schedule.status === 'TO_SCHEDULE' ? <p>{t('portal.toSchedule')}</p> : null}
      {schedule.status === 'AWAITING_COMPANY' && schedule.proposal ? <p>{t('portal.youProposed', { slot: slotText(schedule.proposal.visit, intl) })}</p> : null}
      {waitingForMe ? (
        <div className="space-y-1">
          <p className="font-medium">{t('portal.weProposeYou', { slot: slotText(schedule.proposal!.visit, intl) })}</p>
          {schedule.proposal!.note ? <p className="whitespace-pre-wrap text-slate-700">{schedule.proposal!.note}</p> : null}
          <Button onClick={onAccept} disabled={pending} className="w-full">{t('portal.accept')}</Button>
        </div>
      ) : null}
      {schedule.canPropose ? (
        proposing ? (
          <form onSubmit={submit} noValidate className="space-y-2" aria-label={t('portal.proposeOther')}>
            <TextInput label={t('portal.date')} name="date" type="date" required error={errors.field('visit.date') ?? errors.field('visit')} />
            <div className="grid grid-cols-2 gap-2">
              <TextInput label={t('portal.from')} name="from" type="time" defaultValue="09:00" required error={errors.field('visit.from')} />
              <TextInput label={t('portal.to')} name="to" type="time" defaultValue="12:00" required error={errors.field('visit.to')} />
            </div>
            <TextArea label={t('portal.note')} name="note" rows={2} error={errors.field('note')} />
            <Button type="submit" disabled={pending} className="w-full">{t('portal.send')}</Button>
          </form>
        ) : (
          <Button variant="secondary" onClick={() => setProposing(true)} className="w-full">
            {schedule.status === 'TO_SCHEDULE' ? t('portal.propose') : t('portal.proposeOther')}
          </Button>
        )
      ) : null}
    </section>
  );
}

/** The portal's ticket view (signed in). */
export function PortalVisit({ ticketId, intl }: { ticketId: string; intl: string }) {
  const t = useTranslations('scheduling');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const schedule = useQuery(trpc.portal.visit.get.queryOptions({ ticketId }));
  const keep = (data: Schedule) => queryClient.setQueryData(trpc.portal.visit.get.queryKey({ ticketId }), data);
  const accept = useMutation(trpc.portal.visit.accept.mutationOptions({ onSuccess: (data) => { keep(data); setDone(t('portal.acceptedDone')); } }));
  const propose = useMutation(trpc.portal.visit.propose.mutationOptions({ onSuccess: (data) => { keep(data); setDone(t('portal.proposedDone')); } }));
  if (!schedule.data) return null;
  return (
    <ScheduleView
      key={`${schedule.data.status}-${schedule.data.proposal?.at.toString() ?? ''}`}
      schedule={schedule.data}
      intl={intl}
      pending={accept.isPending || propose.isPending}
      error={accept.error ?? propose.error}
      done={done}
      onAccept={() => { setDone(null); accept.mutate({ ticketId }); }}
      onPropose={(visit, note) => { setDone(null); propose.mutate({ ticketId, visit, note }); }}
    />
  );
}

/** The e-mailed link's page (no sign-in). */
export function VisitLinkAnswer({ token, initial, intl }: { token: string; initial: Schedule; intl: string }) {
  const t = useTranslations('scheduling');
  const trpc = useTRPC();
  const [schedule, setSchedule] = useState(initial);
  const [done, setDone] = useState<string | null>(null);
  const accept = useMutation(trpc.visitLink.accept.mutationOptions({ onSuccess: (data) => { setSchedule(data); setDone(t('portal.acceptedDone')); } }));
  const counter = useMutation(trpc.visitLink.counter.mutationOptions({ onSuccess: (data) => { setSchedule(data); setDone(t('portal.proposedDone')); } }));
  // Once answered the link is spent: what was agreed or proposed is shown, with nothing more to do here.
  const answered = accept.isSuccess || counter.isSuccess;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t('portal.ticket', { number: schedule.number, title: schedule.title })}</p>
      <ScheduleView
        key={schedule.status}
        schedule={answered ? { ...schedule, canPropose: false } : schedule}
        intl={intl}
        pending={accept.isPending || counter.isPending}
        error={accept.error ?? counter.error}
        done={done}
        onAccept={() => accept.mutate({ token })}
        onPropose={(visit, note) => counter.mutate({ token, visit, note })}
      />
    </div>
  );
}
