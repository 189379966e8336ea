// F9: the portal's home — the account's state (balance, debt, overdue debt, next due date), each
// connection with its status, the last invoice to download and the way to "Pagar". Figures come from
// portal.home (read by the page on the server), exactly what the customer may see. A server component:
// its HTML is the offline copy (F14), and it adds no script to the home's first load.
import type { ReactNode } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Download, Wallet } from 'lucide-react';
import { formatDay, formatMoney } from '@/lib/format';
import type { PortalHome } from '@/server/services/portal/home';
import { Badge, Card } from '@/components/ui/controls';
import { OnlineOnly } from './portal-offline';

const STATUS_TONE = { ENABLED: 'green', BLOCKED: 'red', NO_SERVICE: 'grey' } as const;

function Figure({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'red' }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs text-slate-700">{label}</dt>
      <dd data-testid={testId} className={`mt-1 text-lg font-semibold ${tone === 'red' ? 'text-red-800' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}

/** `promise`: the payment promise's card (F3, rendered by the server page), shown right below the account status. */
export function PortalAccount({ home: h, intl, promise }: { home: PortalHome; intl: string; promise?: ReactNode }) {
  const t = useTranslations('portalHome');
  const money = (amount: number) => formatMoney(amount, h.currency, intl);
  const canPay = h.pay.online || !!h.pay.otherMethods;
  return (
    <div className="mt-4 space-y-4">
      <Card title={t('accountTitle')}>
        <dl className="grid grid-cols-2 gap-3">
          <Figure label={h.balance < 0 ? t('balanceCredit') : t('balance')} value={money(Math.abs(h.balance))} testId="home-balance" />
          <Figure label={t('debt')} value={money(h.debt)} testId="home-debt" />
          <Figure label={t('overdueDebt')} value={money(h.overdueDebt)} testId="home-overdue" tone={h.overdueDebt > 0 ? 'red' : undefined} />
          <Figure label={t('nextDue')} value={h.nextDueOn ? formatDay(h.nextDueOn, intl) : t('noNextDue')} testId="home-next-due" />
        </dl>
        <p className="mt-3 text-sm text-slate-700" data-testid="home-overdue-count">
          {h.overdueInvoices > 0 ? t('overdueInvoices', { count: h.overdueInvoices }) : h.debt === 0 ? t('upToDate') : null}
        </p>
        {canPay ? (
          <OnlineOnly>
          <Link href="/portal/pay" className="mt-4 flex w-full items-center justify-center gap-2 rounded-md bg-brand-700 px-4 py-3 text-base font-semibold text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2">
            <Wallet aria-hidden className="h-5 w-5" />
            {t('pay')}
          </Link>
          </OnlineOnly>
        ) : null}
      </Card>
      {promise}
      <Card title={t('lastInvoice')}>
        {h.lastInvoice ? (
          <>
            <p className="text-sm text-slate-800" data-testid="home-last-invoice">
              {t('lastInvoiceLine', { number: h.lastInvoice.number, issued: formatDay(h.lastInvoice.issuedOn, intl), due: formatDay(h.lastInvoice.dueOn, intl) })}
            </p>
            <p className="mt-1 text-lg font-semibold text-slate-900">{money(h.lastInvoice.total)}</p>
            {h.lastInvoice.hasPdf ? (
              <a href={`/api/portal/invoices/${h.lastInvoice.id}/pdf?download=1`} className="mt-3 inline-flex items-center gap-2 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50">
                <Download aria-hidden className="h-4 w-4" />
                {t('downloadLastInvoice')}
              </a>
            ) : (
              <p className="mt-2 text-sm text-slate-700">{t('noPdf')}</p>
            )}
          </>
        ) : (
          <p className="text-sm text-slate-700">{t('noInvoices')}</p>
        )}
      </Card>
      <Card title={t('connectionsTitle')}>
        {h.connections.length ? (
          <ul className="divide-y divide-slate-200" aria-label={t('connectionsTitle')}>
            {h.connections.map((c) => (
              <li key={c.id} className="flex items-start justify-between gap-3 py-2" data-testid="home-connection">
                <div className="min-w-0">
                  <p className="break-words text-sm font-medium text-slate-900">{c.address}</p>
                  <p className="text-xs text-slate-700">{[c.code, c.plan].filter(Boolean).join(' · ')}</p>
                </div>
                <Badge tone={STATUS_TONE[c.status]}>{t(`connectionStatus.${c.status}`)}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">{t('noConnections')}</p>
        )}
        {h.connections.some((c) => c.status === 'BLOCKED') ? <p className="mt-2 text-sm text-red-800">{t('blockedHint')}</p> : null}
      </Card>
    </div>
  );
}
