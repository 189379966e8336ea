'use client';
// A5/C6: a customer's billing as the office sees it (billing.read): debt, overdue debt, the account
// statement (cuenta corriente) with its running balance, the invoices with their status and PDF,
// the payments and what each settled. On the customer's page and in the ticket view's
// "Pagos y facturas" tab. The server answers billing.customer only to roles holding billing.read.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDay, formatMoney } from '@/lib/format';
import { Alert, Card } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { INVOICE_STATUS_TONE } from '@/components/billing/invoice-status';

const TH = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700';
const THR = 'whitespace-nowrap px-3 py-2 text-right font-semibold text-slate-700';
const TD = 'px-3 py-2 align-top';
const TDR = 'whitespace-nowrap px-3 py-2 text-right align-top tabular-nums';


function Figure({ label, value, testId, tone = 'text-slate-900' }: { label: string; value: string; testId: string; tone?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-4 py-3">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd data-testid={testId} className={`mt-1 text-lg font-semibold tabular-nums ${tone}`}>{value}</dd>
    </div>
  );
}

export function CustomerBilling({ customerId }: { customerId: string }) {
  const t = useTranslations('billing');
  const trpc = useTRPC();
  const { intl } = useStaffContext();
  const billing = useQuery(trpc.billing.customer.queryOptions({ customerId }));
  if (billing.error) return <Alert>{billing.error.message}</Alert>;
  if (!billing.data) return <p role="status">{t('loading')}</p>;
  const b = billing.data;
  const money = (amount: number) => formatMoney(amount, b.currency, intl);
  const SubH = 'h3';

  return (
    <Card title={t('title')}>
      <div data-testid="customer-billing" className="space-y-6 text-sm">
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Figure label={t('summary.debt')} value={money(b.debt)} testId="billing-debt" />
          <Figure label={t('summary.overdueDebt')} value={money(b.overdueDebt)} testId="billing-overdue" tone={b.overdueDebt > 0 ? 'text-red-800' : 'text-slate-900'} />
          <Figure label={b.balance < 0 ? t('summary.credit') : t('summary.balance')} value={money(Math.abs(b.balance))} testId="billing-balance" />
          <Figure label={t('summary.nextDue')} value={b.nextDueOn ? formatDay(b.nextDueOn, intl) : '—'} testId="billing-next-due" />
        </dl>

        <div>
          <SubH className="mb-2 font-semibold text-slate-900">{t('statement.title')}</SubH>
          {b.entries.length ? (
            <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200" data-testid="billing-statement">
                <caption className="sr-only">{t('statement.title')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{t('statement.date')}</th>
                    <th scope="col" className={TH}>{t('statement.concept')}</th>
                    <th scope="col" className={THR}>{t('statement.debit')}</th>
                    <th scope="col" className={THR}>{t('statement.credit')}</th>
                    <th scope="col" className={THR}>{t('statement.balance')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {b.entries.map((e) => (
                    <tr key={`${e.kind}-${e.id}`}>
                      <td className={`${TD} whitespace-nowrap`}>{formatDay(e.date, intl)}</td>
                      <td className={TD}>{e.kind === 'invoice' ? t('statement.invoice', { number: e.number ?? '' }) : t('statement.payment')}</td>
                      <td className={TDR}>{e.debit ? money(e.debit) : ''}</td>
                      <td className={TDR}>{e.credit ? money(e.credit) : ''}</td>
                      <td className={TDR}>{money(e.balance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-slate-600">{t('statement.empty')}</p>
          )}
        </div>

        <div>
          <SubH className="mb-2 font-semibold text-slate-900">{t('invoices.title')}</SubH>
          {b.invoices.length ? (
            <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200" data-testid="billing-invoices">
                <caption className="sr-only">{t('invoices.title')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{t('invoices.number')}</th>
                    <th scope="col" className={TH}>{t('invoices.issuedOn')}</th>
                    <th scope="col" className={TH}>{t('invoices.dueOn')}</th>
                    <th scope="col" className={TH}>{t('invoices.period')}</th>
                    <th scope="col" className={THR}>{t('invoices.total')}</th>
                    <th scope="col" className={THR}>{t('invoices.balance')}</th>
                    <th scope="col" className={TH}>{t('invoices.status')}</th>
                    <th scope="col" className={TH}>{t('invoices.pdf')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {b.invoices.map((i) => {
                    const status = i.overdue ? 'OVERDUE' : i.status;
                    return (
                      <tr key={i.id}>
                        <td className={`${TD} whitespace-nowrap`}>{i.type ? `${i.type} ${i.number}` : i.number}</td>
                        <td className={`${TD} whitespace-nowrap`}>{formatDay(i.issuedOn, intl)}</td>
                        <td className={`${TD} whitespace-nowrap`}>{formatDay(i.dueOn, intl)}</td>
                        <td className={TD}>{i.period ?? '—'}</td>
                        <td className={TDR}>{money(i.total)}</td>
                        <td className={TDR}>{money(i.balance)}</td>
                        <td className={TD}>
                          <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${INVOICE_STATUS_TONE[status]}`}>{t(`status.${status}`)}</span>
                        </td>
                        <td className={TD}>
                          <a href={`/api/invoices/${i.id}/pdf`} className="font-medium text-brand-700 underline hover:text-brand-800" aria-label={t('invoices.download', { number: i.number })} title={i.hasPdf ? undefined : t('invoices.drawn')}>
                            {t('invoices.pdf')}
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-slate-600">{t('invoices.empty')}</p>
          )}
        </div>

        <div>
          <SubH className="mb-2 font-semibold text-slate-900">{t('payments.title')}</SubH>
          {b.payments.length ? (
            <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200" data-testid="billing-payments">
                <caption className="sr-only">{t('payments.title')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{t('payments.date')}</th>
                    <th scope="col" className={THR}>{t('payments.amount')}</th>
                    <th scope="col" className={TH}>{t('payments.method')}</th>
                    <th scope="col" className={TH}>{t('payments.reference')}</th>
                    <th scope="col" className={TH}>{t('payments.settles')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {b.payments.map((p) => (
                    <tr key={p.id}>
                      <td className={`${TD} whitespace-nowrap`}>{formatDay(p.paidOn, intl)}</td>
                      <td className={TDR}>{money(p.amount)}</td>
                      <td className={TD}>{p.method}</td>
                      <td className={TD}>{p.reference ?? '—'}</td>
                      <td className={TD}>{p.settles.length ? p.settles.map((s) => `${s.number} (${money(s.amount)})`).join(', ') : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-slate-600">{t('payments.empty')}</p>
          )}
        </div>
      </div>
    </Card>
  );
}
