'use client';
// C6, C9, C12: one ticket — a fixed summary, its customer and connection, every field editable in
// one form (state changes included: finish, close, reopen), its comments and history, where its
// connection is (a map) and, for roles with billing.read only, its billing. A save names the
// version it was loaded with; if someone saved first, the server refuses and says what changed.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatTaxId } from '@/lib/tax-id';
import { Alert, Button, Card, Checkbox, PageHeader, Select, TextArea, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { notFoundOn } from '@/components/ui/not-found';
import { useSubmission } from '@/components/ui/use-submission';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { CustomerTickets } from './customer-tickets';
import { offeredStates } from './state-options';
import { FileList, TicketFilesPanel, TicketSignatureCard, UploadProblems, useUploadFiles } from './ticket-files';
import { ACCEPT_ATTRIBUTE } from '@/lib/file-types';
import { FilePicker } from '@/components/ui/file-picker';
import { TicketLocation } from './ticket-location';
import { TicketBilling } from './ticket-billing';
import { TicketProducts } from './ticket-products';
import { CustomerBilling } from '@/components/billing/customer-billing';
import { ClosingFields, closingFrom } from './closing-fields';
import { CustomerEditForm, PortalPassword } from '@/components/customers/customer-editing';
import type { MapTiles } from './ticket-map';
import { TabList, TabPanel, Tabs } from '@/components/ui/tabs';
import { AssigneeDistances } from '@/components/positions/assignee-distances';
import { Lock } from 'lucide-react';
import { formatVisit, visitOf } from '@/lib/visits';
import { WorkStatusBadge } from './work-status-badge';
import { historyText, type HistoryWords } from '@/lib/ticket-history';
import { VisitFields } from './visit-fields';
import { TicketSchedule } from '@/components/scheduling/ticket-schedule';
import { TicketRatingSummary } from './ticket-rating';
import { TicketPrintMenu } from './ticket-print-menu';
import { TicketCompany } from '@/components/companies/ticket-company';
import { CustomerEquipmentPanel } from '@/components/customers/customer-equipment';
import { TicketPlaceFields } from './ticket-place-fields';

const value = (f: FormData, name: string) => String(f.get(name) ?? '').trim();
const dateInput = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

type Tab = 'detail' | 'comments' | 'files' | 'history' | 'location' | 'products' | 'billing' | 'payments';

export function TicketView({ id, tiles }: { id: string; tiles: MapTiles }) {
  const t = useTranslations('tickets');
  const tv = useTranslations('ticketView');
  const tcu = useTranslations('customers');
  const enums = useTranslations('enums');
  const tw = useTranslations('workStatus');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  // A link may open a tab (the grid's products total opens "products").
  const asked = useSearchParams().get('tab');
  const [tab, setTab] = useState<Tab>(asked === 'products' || asked === 'history' || asked === 'comments' || asked === 'files' ? asked : 'detail');
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  /** The state chosen in the form (C10: finishing or closing offers a closing comment and e-mail). */
  const [chosenStateId, setChosenStateId] = useState<string | null>(null);
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id }));
  // The customer's full record (status, address, notes, portal password) only for roles that may
  // edit it or give it a new portal password: they get the actions, everyone else the summary.
  const customerId = ticket.data?.customer?.id;
  const manageCustomer = can('customers.update') || can('customers.portalPassword');
  const customer = useQuery({ ...trpc.customers.get.queryOptions({ id: customerId ?? '' }), enabled: Boolean(customerId) && manageCustomer });
  const [editingCustomer, setEditingCustomer] = useState(false);
  const [customerSaved, setCustomerSaved] = useState(false);
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  const history = useQuery({ ...trpc.tickets.history.queryOptions({ id }), enabled: tab === 'history' });
  const update = useMutation(
    trpc.tickets.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        setChosenStateId(null);
        await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
      },
    }),
  );
  const errors = formErrors(update.error);
  const comments = useQuery({ ...trpc.tickets.comments.queryOptions({ id }), enabled: tab === 'comments' });
  const comment = useMutation(
    trpc.tickets.comment.mutationOptions({
      // The thread and the history, and the grid's comment count.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() }),
    }),
  );
  // C8: a comment with files goes through the upload route, comment and files saved together.
  const commentFiles = useQuery({ ...trpc.tickets.files.queryOptions({ id }), enabled: tab === 'comments' });
  const commentUpload = useUploadFiles(id);
  const commentSubmission = useSubmission();
  const commentErrors = formErrors(comment.error ?? (commentUpload.error as { message: string; data: { fieldErrors?: Record<string, string> } } | null));
  // C12: opening the ticket resets the caller's +N counter.
  // The grid keeps its pages in the query cache: invalidated here, going back to it (a link or the
  // browser's Back) fetches the counter again instead of showing the one from before the visit.
  const markRead = useMutation(trpc.tickets.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }) }));
  const { mutate: markSeen } = markRead;
  useEffect(() => markSeen({ id }), [id, markSeen]);

  notFoundOn(ticket.error);
  if (ticket.error) return <Alert>{ticket.error.message}</Alert>;
  if (!ticket.data || !config.data) return <p role="status">{common('loading')}</p>;
  const x = ticket.data;
  const c = config.data;
  const offered = <T extends { id: string; archivedAt: Date | null }>(items: T[], current: string | null | undefined) => items.filter((i) => !i.archivedAt || i.id === current);
  const stateOptions = offeredStates(c.states, { id: x.state.id, stage: x.stage }, can);
  const chosenStage = stateOptions.find((s) => s.id === (chosenStateId ?? x.state.id))?.stage;
  const closingStage = chosenStage && chosenStage !== x.stage && chosenStage !== 'PENDING' ? chosenStage : null;

  const words = { tv: tv as unknown as HistoryWords['tv'], t: t as unknown as HistoryWords['t'], common: common as unknown as HistoryWords['common'], enums: enums as unknown as HistoryWords['enums'], intl, timeZone: tenant.timeZone };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const f = new FormData(event.currentTarget);
    const nullable = (name: string) => value(f, name) || null;
    update.mutate({
      id,
      version: x.version,
      title: value(f, 'title'),
      description: value(f, 'description'),
      callNumber: nullable('callNumber'),
      stateId: value(f, 'stateId'),
      priorityId: nullable('priorityId'),
      categoryId: nullable('categoryId'),
      areaId: nullable('areaId'),
      assigneeId: nullable('assigneeId'),
      complexity: nullable('complexity') as 'HIGH' | 'MEDIUM' | 'LOW' | null,
      ...(c.pqrs.length ? { pqrs: nullable('pqrs') as 'PETICION' | 'QUEJA' | 'RECLAMO' | 'SUGERENCIA' | null } : {}),
      dueAt: value(f, 'dueAt') ? new Date(`${value(f, 'dueAt')}T23:59:00`) : null,
      visit: value(f, 'visitDate') ? { date: value(f, 'visitDate'), from: value(f, 'visitFrom'), to: value(f, 'visitTo') } : null,
      ...(can('billing.read') ? { billable: f.get('billable') === 'on' } : {}),
      // G7: the site and equipment, when the form shows them (a ticket with a customer).
      ...(f.has('siteId') ? { siteId: nullable('siteId'), equipmentId: nullable('equipmentId') } : {}),
      ...(closingStage ? { closing: closingFrom(f) } : {}),
    });
  }

  return (
    <>
      <PageHeader title={`#${x.number} · ${x.title}`} actions={<><Link href="/tickets" className="self-center text-sm text-brand-700 underline print:hidden">{tv('backToGrid')}</Link><TicketPrintMenu ticketId={x.id} /></>}>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700" aria-label={tv('summary')}>
          <div><dt className="inline font-medium">{t('columns.state')}: </dt><dd className="inline" data-testid="ticket-state">{x.state.name} ({tv(`stage.${x.stage}`)})</dd></div>
          <div className="flex items-center gap-1"><dt className="inline font-medium">{tw('label')}: </dt><dd className="inline"><WorkStatusBadge status={x.workStatus} /></dd></div>
          <div><dt className="inline font-medium">{t('columns.priority')}: </dt><dd className="inline">{x.priority?.name ?? '—'}</dd></div>
          <div><dt className="inline font-medium">{t('columns.assignee')}: </dt><dd className="inline">{x.assignee?.name ?? t('unassigned')}</dd></div>
          <div><dt className="inline font-medium">{t('columns.opened')}: </dt><dd className="inline">{formatDateTime(x.openedAt, intl, tenant.timeZone)}</dd></div>
          {x.closedAt ? <div><dt className="inline font-medium">{tv('closedAt')}: </dt><dd className="inline">{formatDateTime(x.closedAt, intl, tenant.timeZone)}</dd></div> : null}
          {x.dueAt ? <div><dt className="inline font-medium">{t('columns.due')}: </dt><dd className="inline">{formatDate(x.dueAt, intl, tenant.timeZone)}</dd></div> : null}
          {x.visitStart && x.visitEnd ? <div><dt className="inline font-medium">{tv('visit')}: </dt><dd className="inline" data-testid="ticket-visit">{formatVisit(x.visitStart, x.visitEnd, intl, tenant.timeZone)}</dd></div> : null}
          {x.stage === 'CLOSED' ? <TicketRatingSummary ticketId={x.id} /> : null}
        </dl>
      </PageHeader>

      <Tabs value={tab} onValueChange={(k) => setTab(k as Tab)}>
      <TabList
        label={tv('tabs')}
        className="mb-4"
        items={(['detail', 'comments', 'files', 'history', 'location', 'products', ...(can('billing.read') ? (['billing'] as const) : []), ...(can('billing.read') && customerId ? (['payments'] as const) : [])] as const).map((k) => ({ value: k, label: tv(`tab.${k}`) }))}
      />

      <TabPanel value={tab}>
      {tab === 'detail' ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card title={tv('edit')} className="lg:col-span-2">
            <form ref={form} noValidate onSubmit={submit} className="space-y-4" aria-label={tv('edit')} key={x.version}>
              {saved ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{common('saved')}</p> : null}
              {errors.message ? <Alert>{errors.message}</Alert> : null}
              <div className="grid gap-3 md:grid-cols-2">
                <TextInput label={t('titleField')} name="title" defaultValue={x.title} error={errors.field('title')} />
                <TextInput label={t('callNumber')} name="callNumber" defaultValue={x.callNumber ?? ''} error={errors.field('callNumber')} />
                <Select label={t('columns.state')} name="stateId" defaultValue={x.state.id} options={stateOptions.map((s) => ({ value: s.id, label: `${s.name} (${tv(`stage.${s.stage}`)})` }))} onChange={(e) => setChosenStateId(e.target.value)} error={errors.field('stateId')} />
                <Select label={t('columns.priority')} name="priorityId" defaultValue={x.priority?.id ?? ''} options={[{ value: '', label: '—' }, ...offered(c.priorities, x.priority?.id).map((p) => ({ value: p.id, label: p.name }))]} error={errors.field('priorityId')} />
                <Select label={t('columns.category')} name="categoryId" defaultValue={x.category?.id ?? ''} options={[{ value: '', label: '—' }, ...offered(c.categories, x.category?.id).map((p) => ({ value: p.id, label: p.name }))]} error={errors.field('categoryId')} />
                <Select label={tv('area')} name="areaId" defaultValue={x.area?.id ?? ''} options={[{ value: '', label: '—' }, ...offered(c.areas, x.area?.id).map((p) => ({ value: p.id, label: p.name }))]} error={errors.field('areaId')} />
                <Select label={t('columns.assignee')} name="assigneeId" defaultValue={x.assignee?.id ?? ''} options={[{ value: '', label: t('unassigned') }, ...c.technicians.map((u) => ({ value: u.id, label: u.name })), ...(x.assignee && !c.technicians.some((u) => u.id === x.assignee!.id) ? [{ value: x.assignee.id, label: x.assignee.name }] : [])]} error={errors.field('assigneeId')} />
                <Select label={t('columns.complexity')} name="complexity" defaultValue={x.complexity ?? ''} options={[{ value: '', label: t('noComplexity') }, ...c.complexities.map((k) => ({ value: k, label: t(`complexity.${k}`) }))]} error={errors.field('complexity')} />
                {c.pqrs.length ? <Select label={t('pqrsLabel')} name="pqrs" defaultValue={x.pqrs ?? ''} options={[{ value: '', label: t('noPqrs') }, ...c.pqrs.map((k) => ({ value: k, label: t(`pqrs.${k}`) }))]} error={errors.field('pqrs')} /> : null}
                <TextInput label={t('columns.due')} name="dueAt" type="date" defaultValue={dateInput(x.dueAt)} error={errors.field('dueAt')} />
                <VisitFields visit={visitOf(x.visitStart, x.visitEnd, tenant.timeZone)} errors={errors} />
                {can('billing.read') ? <Checkbox label={t('billable')} name="billable" defaultChecked={x.billable} /> : null}
                {x.customer && can('equipment.read') ? <TicketPlaceFields ticketId={x.id} siteId={x.siteId} equipmentId={x.equipmentId} disabled={!can('tickets.edit')} errors={errors} /> : null}
              </div>
              {can('tickets.assign') && can('positions.read') ? (
                <AssigneeDistances
                  ticketId={x.id}
                  onChoose={(userId) => {
                    const assignee = form.current?.elements.namedItem('assigneeId');
                    if (assignee instanceof HTMLSelectElement) {
                      assignee.value = userId;
                      assignee.focus();
                    }
                  }}
                />
              ) : null}
              <TextArea label={t('description')} name="description" defaultValue={x.description} rows={5} error={errors.field('description')} />
              {closingStage ? <ClosingFields stage={closingStage} customer={x.customer} errors={errors} /> : null}
              <Button type="submit" disabled={update.isPending}>{update.isPending ? common('saving') : common('save')}</Button>
            </form>
          </Card>
          <div className="space-y-6">
            <TicketSchedule ticket={x} />
            <TicketCompany ticket={x} />
            {editingCustomer && customer.data ? (
              <CustomerEditForm
                customer={customer.data}
                compact
                onCancel={() => setEditingCustomer(false)}
                onSaved={async () => {
                  // The ticket carries the customer's name, tax id, e-mails and phones.
                  await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
                  setEditingCustomer(false);
                  setCustomerSaved(true);
                }}
              />
            ) : (
              <Card
                title={t('customer')}
                actions={
                  x.customer && can('customers.update') && customer.data?.status === 'ACTIVE' ? (
                    <Button variant="secondary" aria-label={tv('editCustomer')} onClick={() => { setCustomerSaved(false); setEditingCustomer(true); }}>
                      {common('edit')}
                    </Button>
                  ) : null
                }
              >
                {x.customer ? (
                  <div className="space-y-1 text-sm">
                    {customerSaved ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">{common('saved')}</p> : null}
                    <Link href={`/customers/${x.customer.id}`} className="font-medium text-brand-700 underline">{x.customer.name}</Link>
                    <p className="font-mono text-xs">{x.customer.code}</p>
                    {x.customer.taxId ? <p>{enums(`taxIdType.${x.customer.taxIdType ?? 'OTHER'}`)} {formatTaxId(x.customer.taxIdType, x.customer.taxId)}</p> : null}
                    <div data-testid="ticket-customer-emails">{x.customer.emails.map((e) => <p key={e}>{e}</p>)}</div>
                    <div data-testid="ticket-customer-phones">{x.customer.phones.map((p) => <p key={p}>{p}</p>)}</div>
                    {customer.data?.status === 'DELETED' ? <p className="text-slate-600">{tcu('deletedBanner')}</p> : null}
                    {can('customers.portalPassword') && customer.data ? (
                      <div className="mt-3 border-t border-slate-100 pt-3">
                        <PortalPassword customer={customer.data} label={tcu('regeneratePortalPassword')} />
                      </div>
                    ) : null}
                  </div>
                ) : (
                  <p className="text-sm text-slate-600">{t('internal')}</p>
                )}
              </Card>
            )}
            {x.customer && can('equipment.read') ? <CustomerEquipmentPanel scope={{ ticketId: x.id }} /> : null}
            {x.customer ? <CustomerTickets customerId={x.customer.id} exceptId={x.id} title={tv('otherTickets')} /> : null}
            {x.connection ? (
              <Card title={t('connection')}>
                <dl className="space-y-1 text-sm">
                  <div><dt className="inline font-medium">{tv('address')}: </dt><dd className="inline">{x.connection.address}</dd></div>
                  {x.connection.plan ? <div><dt className="inline font-medium">{tv('plan')}: </dt><dd className="inline">{x.connection.plan.name} · {x.connection.plan.downloadMbps}/{x.connection.plan.uploadMbps} Mbps</dd></div> : null}
                  {x.connection.node ? <div><dt className="inline font-medium">{tv('node')}: </dt><dd className="inline">{x.connection.node.name}</dd></div> : null}
                  {x.connection.locality ? <div><dt className="inline font-medium">{tv('location.locality')}: </dt><dd className="inline">{x.connection.locality.name}</dd></div> : null}
                  <div><dt className="inline font-medium">{tv('connectionStatus')}: </dt><dd className="inline">{tv(`connection.${x.connection.status}`)}</dd></div>
                </dl>
              </Card>
            ) : null}
          </div>
        </div>
      ) : tab === 'location' ? (
        <TicketLocation connection={x.connection} tiles={tiles} />
      ) : tab === 'products' ? (
        <TicketProducts ticket={x} />
      ) : tab === 'billing' ? (
        // The server sends billing fields only with billing.read; without them there is no tab.
        'price' in x ? <TicketBilling ticket={x} /> : null
      ) : tab === 'payments' ? (
        // C6 "Pagos y facturas": the customer's statement, invoices and payments (billing.read only).
        customerId ? <CustomerBilling customerId={customerId} /> : null
      ) : tab === 'comments' ? (
        <Card title={tv('tab.comments')}>
          {comments.error ? <Alert>{comments.error.message}</Alert> : null}
          <ol className="mb-4 space-y-3 text-sm" aria-label={tv('tab.comments')}>
            {(comments.data ?? []).map((m) => (
              <li key={m.id} className={`rounded-md border p-3 ${m.public ? 'border-slate-200 bg-white' : 'border-amber-200 bg-amber-50'}`}>
                <p className="mb-1 text-xs text-slate-600">
                  {m.public ? tv('public') : (<span className="inline-flex items-center gap-1"><Lock aria-hidden className="h-3.5 w-3.5" />{tv('internal')}</span>)} · {m.author?.name ?? (m.customer ? tv('byCustomer', { name: m.customer.name }) : '—')} · {formatDateTime(m.createdAt, intl, tenant.timeZone)}
                </p>
                <p className="whitespace-pre-wrap">{m.body}</p>
                {commentFiles.data?.some((f) => f.commentId === m.id) ? (
                  <div className="mt-2">
                    <FileList files={commentFiles.data.filter((f) => f.commentId === m.id)} intl={intl} timeZone={tenant.timeZone} />
                  </div>
                ) : null}
              </li>
            ))}
            {comments.data && comments.data.length === 0 ? <li className="text-slate-600">{tv('noComments')}</li> : null}
          </ol>
          {can('tickets.comment') ? (
            <form
              noValidate
              aria-label={tv('addComment')}
              className="space-y-3"
              onSubmit={(event) => {
                event.preventDefault();
                const form = event.currentTarget;
                const f = new FormData(form);
                const files = f.getAll('file').filter((x): x is File => x instanceof File && x.size > 0);
                const input = { body: value(f, 'body'), public: value(f, 'visibility') === 'public' };
                // One comment per fill of the form, however often it is sent (its client key).
                const clientKey = commentSubmission.begin();
                if (!clientKey) return;
                comment.reset();
                commentUpload.reset();
                const settled = { onSettled: (_data: unknown, error: unknown) => commentSubmission.end(!error), onSuccess: () => form.reset() };
                if (files.length === 0) comment.mutate({ ticketId: id, ...input, clientKey }, settled);
                else if (!input.body) comment.mutate({ ticketId: id, ...input, clientKey }, settled);
                else commentUpload.mutate({ files, comment: input.body, public: input.public }, settled);
              }}
            >
              {comment.error ? <Alert>{comment.error.message}</Alert> : <UploadProblems error={commentUpload.error} />}
              <TextArea label={tv('addComment')} name="body" rows={3} readOnly={comment.isPending || commentUpload.isPending} error={commentErrors.field('body')} />
              {can('tickets.attach') ? (
                <FilePicker label={tv('attach')} name="file" multiple accept={ACCEPT_ATTRIBUTE} />
              ) : null}
              <fieldset className="flex flex-wrap gap-4 text-sm">
                <legend className="sr-only">{tv('visibility')}</legend>
                <label className="flex items-center gap-2"><input type="radio" name="visibility" value="public" defaultChecked /> {tv('publicOption')}</label>
                <label className="flex items-center gap-2"><input type="radio" name="visibility" value="internal" /> {tv('internalOption')}</label>
              </fieldset>
              <Button type="submit" disabled={comment.isPending || commentUpload.isPending}>{tv('send')}</Button>
            </form>
          ) : null}
        </Card>
      ) : tab === 'files' ? (
        <div className="space-y-4">
          <TicketFilesPanel ticketId={id} intl={intl} timeZone={tenant.timeZone} />
          <TicketSignatureCard ticketId={id} intl={intl} timeZone={tenant.timeZone} />
        </div>
      ) : (
        <Card title={tv('tab.history')}>
          {history.error ? <Alert>{history.error.message}</Alert> : null}
          <ol className="divide-y divide-slate-100 text-sm" aria-label={tv('tab.history')}>
            {(history.data ?? []).map((h) => (
              <li key={h.id} className="py-2">
                <span className="text-slate-600">{formatDateTime(h.createdAt, intl, tenant.timeZone)} · {h.actor?.name ?? (h.kind === 'comment' && h.newValue ? tv('byCustomer', { name: h.newValue }) : '—')}</span>
                <p>{historyText(h, words)}</p>
              </li>
            ))}
          </ol>
        </Card>
      )}
      </TabPanel>
      </Tabs>
    </>
  );
}
