'use client';
// F4/F10: the customer's invoices on a phone — the account statement when the tenant shows it
// (balance, overdue debt, next due date, every invoice and payment with the running balance), the
// invoices with a search, one invoice's view with the payments that settled it, and its PDF to view
// or download when the tenant allows it. The server decides every switch; this page only follows.
import { useDeferredValue, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Download, Eye, Search } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { formatDay, formatMoney } from '@/lib/format';
import { Alert, Card } from '@/components/ui/controls';
import { INVOICE_STATUS_TONE } from '@/components/billing/invoice-status';


/** Words the search matches: number, type, period and the dates as written. */
function matches(query: string, words: string[]): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const text = words.join(' ').toLocaleLowerCase();
  return q.split(/\s+/).every((word) => text.includes(word));
}

function InvoiceView({ id, intl }: { id: string; intl: string }) {
  const t = useTranslations('portalInvoices');
  const trpc = useTRPC();
  const invoice = useQuery(trpc.portal.invoices.get.queryOptions({ id }));
  if (invoice.error) return <Alert>{invoice.error.message}</Alert>;
  if (!invoice.data) return <p role="status" className="text-sm">{t('loading')}</p>;
  const i = invoice.data;
  const money = (amount: number) => formatMoney(amount, i.currency, intl);
  return (
    <div className="mt-3 space-y-3 border-t border-slate-200 pt-3 text-sm" data-testid="invoice-view">
      <dl className="grid grid-cols-2 gap-2">
        <div><dt className="text-xs text-slate-600">{t('issuedOn')}</dt><dd>{formatDay(i.issuedOn, intl)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t('dueOn')}</dt><dd>{formatDay(i.dueOn, intl)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t('period')}</dt><dd>{i.period ?? '—'}</dd></div>
        <div><dt className="text-xs text-slate-600">{t('total')}</dt><dd className="tabular-nums">{money(i.total)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t('balance')}</dt><dd className="tabular-nums" data-testid="invoice-balance">{money(i.balance)}</dd></div>
      </dl>
      <div>
        <h3 className="font-medium">{t('paidWith')}</h3>
        {i.payments.length ? (
          <ul className="mt-1 space-y-1" aria-label={t('paidWith')}>
            {i.payments.map((p, n) => (
              <li key={n} className="flex justify-between gap-2">
                <span>{formatDay(p.paidOn, intl)} · {p.method}</span>
                <span className="tabular-nums">{money(p.amount)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{t('noPayments')}</p>
        )}
      </div>
    </div>
  );
}

export function PortalInvoices({ intl }: { intl: string }) {
  const t = useTranslations('portalInvoices');
  const status = useTranslations('billing.status');
  const trpc = useTRPC();
  const data = useQuery(trpc.portal.invoices.list.queryOptions());
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [open, setOpen] = useState<string | null>(null);
  if (data.error) return <Alert>{data.error.message}</Alert>;
  if (!data.data) return <p role="status">{t('loading')}</p>;
  const d = data.data;
  const money = (amount: number) => formatMoney(amount, d.currency, intl);
  const shown = d.invoices.filter((i) => matches(deferred, [i.number, i.type, i.period ?? '', formatDay(i.issuedOn, intl), formatDay(i.dueOn, intl)]));
  const s = d.statement;

  return (
    <div className="space-y-6">
      {s ? (
        <Card title={t('statement')}>
          <dl className="grid grid-cols-2 gap-3 text-sm">
            <div className="rounded-md border border-slate-200 p-3">
              <dt className="text-xs text-slate-600">{s.balance < 0 ? t('credit') : t('debt')}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid="portal-debt">{money(Math.abs(s.balance))}</dd>
            </div>
            <div className="rounded-md border border-slate-200 p-3">
              <dt className="text-xs text-slate-600">{t('overdueDebt')}</dt>
              <dd className={`mt-1 text-lg font-semibold tabular-nums ${s.overdueDebt > 0 ? 'text-red-800' : ''}`} data-testid="portal-overdue">{money(s.overdueDebt)}</dd>
            </div>
            <div className="col-span-2 rounded-md border border-slate-200 p-3">
              <dt className="text-xs text-slate-600">{t('nextDue')}</dt>
              <dd className="mt-1 font-semibold" data-testid="portal-next-due">{s.nextDueOn ? formatDay(s.nextDueOn, intl) : '—'}</dd>
            </div>
          </dl>
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">{t('movements', { count: s.entries.length })}</summary>
            {s.entries.length ? (
              <ol className="mt-2 divide-y divide-slate-100" aria-label={t('movementsLabel')}>
                {[...s.entries].reverse().map((e) => (
                  <li key={`${e.kind}-${e.id}`} className="flex items-start justify-between gap-2 py-2">
                    <span>
                      <span className="block">{e.kind === 'invoice' ? t('invoiceEntry', { number: e.number ?? '' }) : t('paymentEntry')}</span>
                      <span className="block text-xs text-slate-600">{formatDay(e.date, intl)}</span>
                    </span>
                    <span className="text-right tabular-nums">
                      <span className={`block ${e.credit ? 'text-emerald-800' : ''}`}>{e.credit ? `− ${money(e.credit)}` : money(e.debit)}</span>
                      <span className="block text-xs text-slate-600">{t('runningBalance', { amount: money(e.balance) })}</span>
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-2 text-slate-600">{t('noMovements')}</p>
            )}
          </details>
        </Card>
      ) : null}

      <Card title={t('invoices')}>
        <label className="relative block">
          <span className="sr-only">{t('search')}</span>
          <Search aria-hidden className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-500" />
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchHint')} className="w-full rounded-md border border-slate-300 py-2 pl-9 pr-3 text-sm" />
        </label>
        {d.invoices.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700">{t('none')}</p>
        ) : shown.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700" role="status">{t('noMatch')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200" aria-label={t('invoices')}>
            {shown.map((i) => {
              const tone = i.overdue ? 'OVERDUE' : i.status;
              const name = i.type ? `${i.type} ${i.number}` : i.number;
              return (
                <li key={i.id} className="py-3">
                  <div className="flex items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium">{name}</p>
                      <p className="text-xs text-slate-600">{t('dueLine', { period: i.period ?? '—', date: formatDay(i.dueOn, intl) })}</p>
                    </div>
                    <div className="text-right">
                      <p className="font-semibold tabular-nums">{money(i.total)}</p>
                      <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${INVOICE_STATUS_TONE[tone]}`}>{status(tone)}</span>
                    </div>
                  </div>
                  <div className="mt-2 flex flex-wrap gap-2 text-sm">
                    <button type="button" className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5" aria-expanded={open === i.id} onClick={() => setOpen(open === i.id ? null : i.id)}>
                      <Eye aria-hidden className="h-4 w-4" />
                      {t('view')}<span className="sr-only"> {name}</span>
                    </button>
                    {i.pdf ? (
                      <>
                        <a className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5" href={`/api/portal/invoices/${i.id}/pdf`} target="_blank" rel="noopener">
                          {t('openPdf')}<span className="sr-only"> {name}</span>
                        </a>
                        <a className="inline-flex items-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white" href={`/api/portal/invoices/${i.id}/pdf?download=1`} download>
                          <Download aria-hidden className="h-4 w-4" />
                          {t('download')}<span className="sr-only"> {name}</span>
                        </a>
                      </>
                    ) : null}
                  </div>
                  {open === i.id ? <InvoiceView id={i.id} intl={intl} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
