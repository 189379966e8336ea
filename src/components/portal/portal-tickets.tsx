'use client';
// F11 (part): the customer's tickets — the list, one ticket's public history, and adding information.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Alert, Button, Card } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { PortalTicketSurvey } from './portal-ticket-survey';

function TicketDetail({ id, intl, timeZone }: { id: string; intl: string; timeZone: string }) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.portal.tickets.get.queryOptions({ id }));
  const [body, setBody] = useState('');
  const submission = useSubmission();
  const reply = useMutation(
    trpc.portal.tickets.reply.mutationOptions({
      onSuccess: () => {
        setBody('');
        void queryClient.invalidateQueries({ queryKey: trpc.portal.tickets.get.queryKey({ id }) });
      },
    }),
  );
  const errors = formErrors(reply.error);
  if (ticket.error) return <Alert>{ticket.error.message}</Alert>;
  if (!ticket.data) return <p role="status">{t('loading')}</p>;
  const d = ticket.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!submission.begin()) return;
    reply.mutate({ ticketId: id, body }, { onSettled: (_data, error) => submission.end(!error) });
  }

  return (
    <div className="mt-3 space-y-3 border-t border-slate-200 pt-3">
      <p className="whitespace-pre-wrap text-sm">{d.description}</p>
      {d.assignee ? <p className="text-sm text-slate-700">{t('ticketAssignee', { name: d.assignee.name })}</p> : null}
      {d.stage === 'CLOSED' ? <PortalTicketSurvey ticketId={id} /> : null}
      <ol className="space-y-2" aria-label={t('history')}>
        {d.comments.map((c) => (
          <li key={c.id} className={`rounded-md p-2 text-sm ${c.mine ? 'bg-brand-50' : 'bg-slate-50'}`}>
            <p className="text-xs text-slate-600">
              {c.mine ? t('you') : (c.author ?? '—')} · {formatDateTime(c.createdAt, intl, timeZone)}
            </p>
            <p className="whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} noValidate aria-label={t('addInformation')} className="space-y-2">
        <label className="block text-sm font-medium" htmlFor={`reply-${id}`}>{t('addInformation')}</label>
        <textarea
          id={`reply-${id}`}
          className="w-full rounded-md border border-slate-300 p-2 text-sm"
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.field('body') ? true : undefined}
        />
        {errors.field('body') ? <p className="text-sm text-red-700">{errors.field('body')}</p> : null}
        {errors.message && !errors.field('body') ? <Alert>{errors.message}</Alert> : null}
        {reply.isSuccess ? <p role="status" className="text-sm text-green-800">{t('replySent')}</p> : null}
        <Button type="submit" disabled={reply.isPending}>{t('send')}</Button>
      </form>
    </div>
  );
}

export function PortalTickets({ intl, timeZone }: { intl: string; timeZone: string }) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const list = useQuery(trpc.portal.tickets.list.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <Alert>{list.error.message}</Alert>;
  return (
    <Card title={t('myTickets')}>
      {!list.data ? (
        <p role="status">{t('loading')}</p>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-700">{t('noTickets')}</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label={t('myTickets')}>
          {list.data.map((ticket) => (
            <li key={ticket.id} className="py-3">
              <button type="button" className="w-full text-left" aria-expanded={open === ticket.id} onClick={() => setOpen(open === ticket.id ? null : ticket.id)}>
                <span className="font-medium">#{ticket.number} · {ticket.title}</span>
                <span className="block text-sm text-slate-700">
                  {ticket.state.name} · {t('openedOn', { date: formatDateTime(ticket.openedAt, intl, timeZone) })}
                </span>
              </button>
              {open === ticket.id ? <TicketDetail id={ticket.id} intl={intl} timeZone={timeZone} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
