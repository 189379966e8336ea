'use client';
// C5: open a ticket. Quick: a customer and a description — the default category brings its area
// and technician. "More fields" offers everything else of the ticket. A saved form starts over
// empty; one fill of the form makes at most one ticket (its client key), however often it is sent.
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { VisitFields } from './visit-fields';
import { Alert, Button, Card, Checkbox, Select, TextArea, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';
import { useSubmission } from '@/components/ui/use-submission';
import { PlaceSelects } from './ticket-place-fields';

const value = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

export function TicketCreate({ onDone }: { onDone: () => void }) {
  const t = useTranslations('tickets');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const [customerQuery, setCustomerQuery] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [more, setMore] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const submission = useSubmission();
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  const customers = useQuery({ ...trpc.customers.list.queryOptions({ query: customerQuery, pageSize: 10 }), enabled: customerQuery.trim().length >= 2 });
  const customer = useQuery({ ...trpc.customers.get.queryOptions({ id: customerId }), enabled: Boolean(customerId) });
  // G7: the customer's sites and equipment, to say where the work is and what it is about.
  const place = useQuery({ ...trpc.equipment.ofCustomer.queryOptions({ customerId }), enabled: Boolean(customerId) && can('equipment.manage') });
  const te = useTranslations('equipment');
  const enums = useTranslations('enums');
  const create = useMutation(
    trpc.tickets.create.mutationOptions({
      onSuccess: async (ticket) => {
        setCreated(ticket.number);
        form.current?.reset();
        setCustomerQuery('');
        setCustomerId('');
        setMore(false);
        await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
      },
    }),
  );
  const errors = formErrors(create.error);
  const c = config.data;
  const active = <T extends { archivedAt: Date | null }>(items: T[] | undefined) => (items ?? []).filter((i) => !i.archivedAt);
  const none = { value: '', label: t('defaultOption') };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientKey = submission.begin();
    if (!clientKey) return;
    setCreated(null);
    const f = new FormData(event.currentTarget);
    const optional = (name: string) => value(f, name) || undefined;
    create.mutate({
      clientKey,
      customerId: customerId || null,
      connectionId: optional('connectionId') ?? null,
      ...(customerId && place.data ? { siteId: optional('siteId') ?? null, equipmentId: optional('equipmentId') ?? null } : {}),
      description: value(f, 'description'),
      ...(more
        ? {
            title: optional('title'),
            callNumber: optional('callNumber') ?? null,
            categoryId: optional('categoryId') ?? null,
            priorityId: optional('priorityId') ?? null,
            stateId: optional('stateId') ?? null,
            assigneeId: optional('assigneeId') ?? null,
            complexity: (optional('complexity') as 'HIGH' | 'MEDIUM' | 'LOW' | undefined) ?? null,
            pqrs: (optional('pqrs') as 'PETICION' | 'QUEJA' | 'RECLAMO' | 'SUGERENCIA' | undefined) ?? null,
            dueAt: optional('dueAt') ? new Date(`${value(f, 'dueAt')}T23:59:00`) : null,
            visit: optional('visitDate') ? { date: value(f, 'visitDate'), from: value(f, 'visitFrom'), to: value(f, 'visitTo') } : null,
            billable: f.get('billable') === 'on',
          }
        : {}),
    }, { onSettled: (_data, error) => submission.end(!error) });
  }

  return (
    <Card title={t('newTitle')} actions={<Button variant="ghost" onClick={onDone}>{common('cancel')}</Button>}>
      <form ref={form} noValidate onSubmit={submit} className="space-y-4" aria-label={t('newTitle')}>
        {created !== null ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{t('created', { number: created })}</p> : null}
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <div className="grid gap-3 md:grid-cols-2">
          <TextInput label={t('customerSearch')} value={customerQuery} onChange={(e) => setCustomerQuery(e.target.value)} hint={t('customerSearchHint')} />
          <Select
            label={t('customer')}
            name="customerId"
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
            options={[{ value: '', label: t('noCustomer') }, ...(customers.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.code})` }))]}
            error={errors.field('customerId')}
          />
          {customerId ? (
            <Select
              label={t('connection')}
              name="connectionId"
              options={[{ value: '', label: t('noConnection') }, ...(customer.data?.connections ?? []).map((k) => ({ value: k.id, label: k.address }))]}
              error={errors.field('connectionId')}
            />
          ) : null}
          {customerId && place.data ? <PlaceSelects key={customerId} data={place.data} siteId={null} equipmentId={null} errors={errors} t={te} enums={enums} /> : null}
        </div>
        <TextArea label={t('description')} name="description" required error={errors.field('description')} />
        <Checkbox label={t('moreFields')} checked={more} onChange={(e) => setMore(e.target.checked)} />
        {more && c ? (
          <div className="grid gap-3 md:grid-cols-3">
            <TextInput label={t('titleField')} name="title" hint={t('titleHint')} error={errors.field('title')} />
            <TextInput label={t('callNumber')} name="callNumber" error={errors.field('callNumber')} />
            <Select label={t('columns.category')} name="categoryId" options={[none, ...active(c.categories).filter((x) => x.inUse).map((x) => ({ value: x.id, label: x.name }))]} error={errors.field('categoryId')} />
            <Select label={t('columns.priority')} name="priorityId" options={[none, ...active(c.priorities).map((x) => ({ value: x.id, label: x.name }))]} error={errors.field('priorityId')} />
            <Select label={t('columns.state')} name="stateId" options={[none, ...active(c.states).map((x) => ({ value: x.id, label: x.name }))]} error={errors.field('stateId')} />
            <Select label={t('columns.assignee')} name="assigneeId" options={[none, ...c.technicians.map((x) => ({ value: x.id, label: x.name }))]} error={errors.field('assigneeId')} />
            <Select label={t('columns.complexity')} name="complexity" options={[{ value: '', label: t('noComplexity') }, ...c.complexities.map((x) => ({ value: x, label: t(`complexity.${x}`) }))]} error={errors.field('complexity')} />
            {c.pqrs.length ? <Select label={t('pqrsLabel')} name="pqrs" options={[{ value: '', label: t('noPqrs') }, ...c.pqrs.map((x) => ({ value: x, label: t(`pqrs.${x}`) }))]} error={errors.field('pqrs')} /> : null}
            <TextInput label={t('columns.due')} name="dueAt" type="date" error={errors.field('dueAt')} />
            {can('billing.read') ? <Checkbox label={t('billable')} name="billable" /> : null}
            {can('tickets.edit') ? <VisitFields visit={null} errors={errors} /> : null}
          </div>
        ) : null}
        <Button type="submit" disabled={create.isPending}>{create.isPending ? common('saving') : t('create')}</Button>
      </form>
    </Card>
  );
}
