'use client';
// One ticket for the technician in the street: what, who, where, the state (only the states the
// permission map allows: technicians finish, the office closes), and photos.
import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { offeredStates } from '@/components/tickets/state-options';
import { TicketFilesPanel } from '@/components/tickets/ticket-files';
import { notFoundOn } from '@/components/ui/not-found';

export function TechTicket({ id }: { id: string }) {
  const t = useTranslations('tech');
  const tickets = useTranslations('tickets');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const [saved, setSaved] = useState(false);
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id }));
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  const update = useMutation(
    trpc.tickets.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
      },
    }),
  );
  notFoundOn(ticket.error);
  if (ticket.error) return <Alert>{ticket.error.message}</Alert>;
  if (!ticket.data || !config.data) return <p role="status">{common('loading')}</p>;
  const x = ticket.data;
  const states = offeredStates(config.data.states, { id: x.state.id, stage: x.stage }, can);
  return (
    <div className="space-y-4">
      <Link href="/tech" className="text-sm text-brand-700 underline">{t('back')}</Link>
      <h1 className="text-xl font-semibold">#{x.number} · {x.title}</h1>
      <Card>
        <dl className="space-y-1 text-sm">
          <div><dt className="inline font-medium">{tickets('columns.state')}: </dt><dd className="inline" data-testid="ticket-state">{x.state.name}</dd></div>
          {x.customer ? <div><dt className="inline font-medium">{tickets('customer')}: </dt><dd className="inline">{x.customer.name}</dd></div> : null}
          {x.connection ? <div><dt className="inline font-medium">{tickets('connection')}: </dt><dd className="inline">{x.connection.address}</dd></div> : null}
          {x.customer?.phones.map((p) => <div key={p}><a className="text-brand-700 underline" href={`tel:${p}`}>{p}</a></div>)}
        </dl>
        <p className="mt-3 whitespace-pre-wrap text-sm">{x.description}</p>
      </Card>
      <Card title={t('changeState')}>
        <form
          aria-label={t('changeState')}
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            update.mutate({ id, version: x.version, stateId: String(new FormData(event.currentTarget).get('stateId')) });
          }}
        >
          {saved ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{common('saved')}</p> : null}
          {update.error ? <Alert>{update.error.message}</Alert> : null}
          <Select label={tickets('columns.state')} name="stateId" defaultValue={x.state.id} key={x.version} options={states.map((s) => ({ value: s.id, label: s.name }))} />
          <Button type="submit" disabled={update.isPending}>{common('save')}</Button>
        </form>
      </Card>
      <TicketFilesPanel ticketId={id} intl={intl} timeZone={tenant.timeZone} />
    </div>
  );
}
