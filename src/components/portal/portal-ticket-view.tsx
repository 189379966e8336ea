'use client';
// F11: one of the customer's tickets — its state, category, who has it, the public history (state
// changes and public comments), the public files (their photos, the receipt), adding information,
// and closing it when the tenant allows. Each part is its own section of <PortalTicketView>, so a
// later part (H5's satisfaction survey on a closed ticket) is one more line in `sections` below.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Alert, Badge, Button } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import type { PortalTicketData } from './portal-ticket-types';
import { PortalTicketSurvey } from './portal-ticket-survey';
import { PortalVisit } from './visit-answer';

type Props = { id: string; intl: string; timeZone: string };

/** The ticket's public history: its state changes and public comments, oldest first. */
function History({ ticket, intl, timeZone }: { ticket: PortalTicketData } & Omit<Props, 'id'>) {
  const t = useTranslations('portal');
  const tt = useTranslations('portalTickets');
  const entries: { key: string; at: Date; node: ReactNode; mine?: boolean }[] = [
    ...ticket.states.map((s, i) => ({ key: `s${i}`, at: new Date(s.at), node: <p className="text-slate-700">{tt('view.stateChanged', { state: s.state })}</p> })),
    ...ticket.comments.map((c) => ({
      key: c.id,
      at: new Date(c.createdAt),
      mine: c.mine,
      node: (
        <>
          <p className="text-xs text-slate-600">{c.mine ? t('you') : (c.author ?? '—')}</p>
          <p className="whitespace-pre-wrap">{c.body}</p>
        </>
      ),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <ol className="space-y-2" aria-label={t('history')}>
      <li className="rounded-md bg-slate-50 p-2 text-sm">
        <p className="text-xs text-slate-600">{formatDateTime(ticket.openedAt, intl, timeZone)}</p>
        <p className="text-slate-700">{tt('view.opened')}</p>
      </li>
      {entries.map((e) => (
        <li key={e.key} className={`rounded-md p-2 text-sm ${e.mine ? 'bg-brand-50' : 'bg-slate-50'}`}>
          <p className="text-xs text-slate-600">{formatDateTime(e.at, intl, timeZone)}</p>
          {e.node}
        </li>
      ))}
    </ol>
  );
}

function Files({ ticket }: { ticket: PortalTicketData }) {
  const tt = useTranslations('portalTickets');
  if (ticket.files.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label={tt('view.files')}>
      {ticket.files.map((f) => (
        <li key={f.id}>
          <a href={`/api/portal/files/${f.id}`} target="_blank" rel="noopener" className="block text-sm text-brand-800 underline">
            {f.image ? (
              // eslint-disable-next-line @next/next/no-img-element -- served by an authorized route, not Next's image optimizer
              <img src={`/api/portal/files/${f.id}?variant=thumb`} alt={f.name} className="h-20 w-20 rounded-md object-cover" />
            ) : (
              f.name
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Reply({ id }: { id: string }) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!submission.begin()) return;
    reply.mutate({ ticketId: id, body }, { onSettled: (_data, error) => submission.end(!error) });
  }
  return (
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
  );
}

function CloseTicket({ id }: { id: string }) {
  const tt = useTranslations('portalTickets');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const close = useMutation(
    trpc.portal.tickets.close.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        void queryClient.invalidateQueries({ queryKey: trpc.portal.tickets.pathKey() });
      },
    }),
  );
  if (!asking) {
    return (
      <Button type="button" variant="secondary" onClick={() => setAsking(true)}>
        {tt('view.close')}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={tt('view.close')} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
      <p>{tt('view.closeConfirm')}</p>
      {close.error ? <Alert>{close.error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="button" onClick={() => close.mutate({ id })} disabled={close.isPending}>
          {tt('view.closeYes')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
          {tt('view.closeNo')}
        </Button>
      </div>
    </div>
  );
}

export function PortalTicketView({ id, intl, timeZone, heading = false }: Props & { heading?: boolean }) {
  const t = useTranslations('portal');
  const tt = useTranslations('portalTickets');
  const trpc = useTRPC();
  const ticket = useQuery(trpc.portal.tickets.get.queryOptions({ id }));
  const options = useQuery(trpc.portal.tickets.options.queryOptions());
  if (ticket.error) return <Alert>{ticket.error.message}</Alert>;
  if (!ticket.data) return <p role="status">{t('loading')}</p>;
  const d = ticket.data;
  const closed = d.stage === 'CLOSED';
  // One line per part; a part for closed tickets (the satisfaction survey) goes in this list.
  const sections: ReactNode[] = [
    <dl key="summary" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-600">{tt('view.state')}</dt>
      <dd>
        <Badge tone={closed ? 'grey' : d.stage === 'FINISHED' ? 'green' : 'blue'}>{d.state.name}</Badge>
      </dd>
      {d.category ? (
        <>
          <dt className="text-slate-600">{tt('view.category')}</dt>
          <dd>{d.category.customerDescription || d.category.name}</dd>
        </>
      ) : null}
      <dt className="text-slate-600">{tt('view.operator')}</dt>
      <dd>{d.assignee?.name ?? tt('view.noOperator')}</dd>
    </dl>,
    <p key="description" className="whitespace-pre-wrap text-sm">{d.description}</p>,
    d.stage === 'PENDING' ? <PortalVisit key="visit" ticketId={id} intl={intl} /> : null,
    <Files key="files" ticket={d} />,
    <History key="history" ticket={d} intl={intl} timeZone={timeZone} />,
    closed ? null : <Reply key="reply" id={id} />,
    !closed && options.data?.allowClose ? <CloseTicket key="close" id={id} /> : null,
    closed ? <PortalTicketSurvey key="survey" ticketId={id} /> : null,
  ];
  return (
    <div className="space-y-3">
      {heading ? (
        <h1 className="text-lg font-semibold">
          #{d.number} · {d.title}
        </h1>
      ) : null}
      {sections}
    </div>
  );
}
