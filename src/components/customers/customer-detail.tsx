'use client';
// A3/A4/C6: one customer — editable data, its connections, soft delete and portal password.
import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDate, formatMoney } from '@/lib/format';
import { formatTaxId } from '@/lib/tax-id';
import { Alert, Button, Card, PageHeader } from '@/components/ui/controls';
import { CustomerFiles } from './customer-files';
import { CustomerEquipmentPanel } from './customer-equipment';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { notFoundOn } from '@/components/ui/not-found';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { CustomerEditForm, PortalPassword } from './customer-editing';
import { ConnectionStatusBadge, CustomerStatusBadge } from './status-badges';
import { ConnectionEditor } from './connection-editor';
import { CustomerTickets } from '@/components/tickets/customer-tickets';
import { MessageDialog } from '@/components/outreach/message-dialog';
import { CustomerMessages } from '@/components/messages/customer-messages';
import { CustomerBilling } from '@/components/billing/customer-billing';
import { CustomerPromises } from './customer-promises';

export function CustomerDetail({ id }: { id: string }) {
  const t = useTranslations('customers');
  const tc = useTranslations('connections');
  const common = useTranslations('common');
  const enums = useTranslations('enums');
  const tv = useTranslations('ticketView');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  const remove = useMutation(trpc.customers.delete.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.customers.restore.mutationOptions({ onSuccess: refresh }));
  const [editingConnection, setEditingConnection] = useState<string | 'new' | null>(null);
  const outreach = useTranslations('outreach');
  const [sent, setSent] = useState<string | null>(null);
  const actionError = formErrors(remove.error ?? restore.error).message;

  notFoundOn(customer.error);
  if (customer.error) return <Alert>{customer.error.message}</Alert>;
  if (!customer.data) return <p role="status">{common('loading')}</p>;
  const c = customer.data;
  const editable = can('customers.update') && c.status === 'ACTIVE';

  return (
    <>
      <PageHeader
        title={c.name}
        actions={
          <>
            {can('messages.send') ? <MessageDialog target={{ kind: 'customers', customerIds: [c.id], name: c.name }} label={outreach('send')} onSent={setSent} /> : null}
            {can('customers.delete') ? (
              c.status === 'ACTIVE' ? (
                <ConfirmButton label={t('deleteCustomer')} question={t('deleteQuestion', { name: c.name })} onConfirm={() => remove.mutate({ id })} disabled={remove.isPending} />
              ) : (
                <Button variant="secondary" onClick={() => restore.mutate({ id })} disabled={restore.isPending}>
                  {t('restore')}
                </Button>
              )
            ) : null}
          </>
        }
      >
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="font-mono">{c.code}</span>
          {c.taxId ? <span>· {enums(`taxIdType.${c.taxIdType ?? 'OTHER'}`)} {formatTaxId(c.taxIdType, c.taxId)}</span> : null}
          <CustomerStatusBadge status={c.status} />
          <span>· {t('createdAt')}: {formatDate(c.createdAt, intl, tenant.timeZone)}</span>
        </p>
      </PageHeader>
      {actionError ? <Alert>{actionError}</Alert> : null}
      {sent ? <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm">{sent}</p> : null}
      {c.status === 'DELETED' ? <Alert tone="info">{t('deletedBanner')}</Alert> : null}

      <div className="mt-4 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {editable ? (
            <CustomerEditForm customer={c} />
          ) : (
            <Card title={t('details')}>
              <dl className="grid gap-3 text-sm sm:grid-cols-2">
                <div><dt className="font-medium text-slate-600">{t('emails')}</dt><dd>{c.emails.join(', ')}</dd></div>
                <div><dt className="font-medium text-slate-600">{t('phones')}</dt><dd>{c.phones.join(', ')}</dd></div>
                <div><dt className="font-medium text-slate-600">{t('address')}</dt><dd>{c.address}</dd></div>
                <div><dt className="font-medium text-slate-600">{t('locality')}</dt><dd>{c.locality?.name}</dd></div>
              </dl>
            </Card>
          )}
        </div>

        <div className="space-y-6">
          <Card
            title={tc('title')}
            actions={
              can('connections.manage') && c.status === 'ACTIVE' && editingConnection === null ? (
                <Button variant="secondary" onClick={() => setEditingConnection('new')}>
                  {tc('add')}
                </Button>
              ) : null
            }
          >
            {editingConnection === 'new' ? <ConnectionEditor customerId={c.id} onDone={() => setEditingConnection(null)} /> : null}
            {c.connections.length === 0 && editingConnection !== 'new' ? <p className="text-sm text-slate-600">{tc('none')}</p> : null}
            <ul className="space-y-4">
              {c.connections.map((k) =>
                editingConnection === k.id ? (
                  <li key={k.id}>
                    <ConnectionEditor customerId={c.id} connection={k} onDone={() => setEditingConnection(null)} />
                  </li>
                ) : (
                  <li key={k.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="connection">
                    <div className="flex items-start justify-between gap-2">
                      <div>
                        <p className="font-medium">{k.address}</p>
                        <p className="text-slate-600">{[k.locality?.name, enums(`connectionType.${k.type}`)].filter(Boolean).join(' · ')}</p>
                      </div>
                      <ConnectionStatusBadge status={k.status} />
                    </div>
                    <dl className="mt-2 grid grid-cols-2 gap-1 text-xs text-slate-700">
                      {k.plan ? (
                        <>
                          <dt>{tc('plan')}</dt>
                          <dd>{k.plan.name}</dd>
                          <dt>{tc('speed')}</dt>
                          <dd>{tc('speedValue', { down: k.plan.downloadMbps, up: k.plan.uploadMbps })}</dd>
                          {'price' in k.plan && k.plan.price !== null && k.plan.price !== undefined ? (
                            <>
                              <dt>{tc('price')}</dt>
                              <dd>{formatMoney(String(k.plan.price), tenant.currency, intl)}</dd>
                            </>
                          ) : null}
                        </>
                      ) : null}
                      {k.node ? (
                        <>
                          <dt>{tc('node')}</dt>
                          <dd>{k.node.name}</dd>
                        </>
                      ) : null}
                      {k.latitude !== null && k.longitude !== null ? (
                        <>
                          <dt>{tc('coordinates')}</dt>
                          <dd>
                            <a className="text-brand-700 underline" href={`https://www.openstreetmap.org/?mlat=${k.latitude}&mlon=${k.longitude}#map=17/${k.latitude}/${k.longitude}`} target="_blank" rel="noreferrer">
                              {k.latitude.toFixed(5)}, {k.longitude.toFixed(5)}
                            </a>
                          </dd>
                        </>
                      ) : null}
                    </dl>
                    {can('connections.manage') && c.status === 'ACTIVE' ? (
                      <Button variant="ghost" className="mt-2" onClick={() => setEditingConnection(k.id)}>
                        {common('edit')}
                      </Button>
                    ) : null}
                  </li>
                ),
              )}
            </ul>
          </Card>

          {/* A5/C6: only roles holding billing.read; the server answers no one else. */}
          {can('billing.read') ? <CustomerBilling customerId={c.id} /> : null}
          <CustomerPromises customerId={c.id} />
          <CustomerTickets customerId={c.id} title={tv('customerTickets')} />
          <CustomerFiles customerId={c.id} />
          {can('equipment.manage') ? <CustomerEquipmentPanel scope={{ customerId: c.id }} /> : null}
          <CustomerMessages customerId={c.id} customerName={c.name} />

          {can('customers.portalPassword') ? (
            <Card title={t('portal')}>
              <PortalPassword customer={c} />
            </Card>
          ) : null}
          <Link href="/customers" className="inline-block text-sm text-brand-700 underline">
            {common('back')}
          </Link>
        </div>
      </div>
    </>
  );
}
