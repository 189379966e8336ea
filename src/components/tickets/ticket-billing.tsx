'use client';
// C6 "Facturación", only for roles with billing.read (A2): the server sends these fields to no one
// else, so the tab has nothing to show without them. Amounts in the tenant's currency and locale.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatMoney } from '@/lib/format';
import { Card } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';

type Billing = {
  customer?: { id: string } | null;
  billable: boolean;
  price?: number | null;
  cost?: number | null;
  category: { name: string; price?: number | null } | null;
  connection: { plan: { name: string; downloadMbps: number; uploadMbps: number; price?: number | null } | null } | null;
};

export function TicketBilling({ ticket }: { ticket: Billing }) {
  const t = useTranslations('ticketView.billing');
  const common = useTranslations('common');
  const { tenant, intl } = useStaffContext();
  const money = (amount: number | null | undefined) => (amount === null || amount === undefined ? '—' : formatMoney(amount, tenant.currency, intl));
  const plan = ticket.connection?.plan ?? null;
  const row = (label: string, value: string, testId: string) => (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-2">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd data-testid={testId} className="text-right">{value}</dd>
    </div>
  );
  return (
    <Card title={t('title')}>
      <dl className="max-w-xl text-sm" aria-label={t('title')}>
        {row(t('billable'), ticket.billable ? common('yes') : common('no'), 'billing-billable')}
        {row(t('ticketPrice'), money(ticket.price), 'billing-price')}
        {row(t('cost'), money(ticket.cost), 'billing-cost')}
        {row(t('category'), ticket.category ? `${ticket.category.name} · ${money(ticket.category.price)}` : '—', 'billing-category')}
        {row(t('plan'), plan ? `${plan.name} (${plan.downloadMbps}/${plan.uploadMbps} Mbps) · ${money(plan.price)}` : t('noPlan'), 'billing-plan')}
      </dl>
      {ticket.customer ? <CustomerDebt customerId={ticket.customer.id} /> : null}
      <p className="mt-3 text-xs text-slate-600">{t('hint')}</p>
    </Card>
  );
}

/** A5: the customer's debt and overdue debt; the statement itself is in "Pagos y facturas". */
function CustomerDebt({ customerId }: { customerId: string }) {
  const t = useTranslations('billing.summary');
  const trpc = useTRPC();
  const { intl } = useStaffContext();
  const billing = useQuery(trpc.billing.customer.queryOptions({ customerId }));
  if (!billing.data) return null;
  const money = (n: number) => formatMoney(n, billing.data.currency, intl);
  return (
    <p data-testid="billing-customer-debt" className={`mt-3 text-sm font-medium ${billing.data.overdueDebt > 0 ? 'text-red-800' : 'text-slate-800'}`}>
      {t('customerDebt', { debt: money(billing.data.debt), overdue: money(billing.data.overdueDebt) })}
    </p>
  );
}
