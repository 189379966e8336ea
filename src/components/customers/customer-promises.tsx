'use client';
// F3 on the customer's page: each payment promise (who asked, when, until, outcome; the amounts for
// billing.read, which the procedure requires) and the history of the customer's connections — each
// status change, who or what made it and why.
import { useQuery } from '@tanstack/react-query';
import { ArrowRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime, formatMoney } from '@/lib/format';
import { Badge, Card } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';

const KINDS = new Set(['promise.granted', 'promise.kept', 'promise.broken', 'status']);
const OUTCOME_TONE = { PENDING: 'grey', KEPT: 'green', BROKEN: 'red' } as const;

function Promises({ customerId }: { customerId: string }) {
  const t = useTranslations('portalPromise');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const list = useQuery(trpc.promises.forCustomer.queryOptions({ customerId }));
  if (!list.data) return null;
  return (
    <Card title={t('customerTitle')}>
      {list.data.length === 0 ? <p className="text-sm text-slate-600">{t('none')}</p> : null}
      <ul className="space-y-3" data-testid="customer-promises">
        {list.data.map((p) => (
          <li key={p.id} className="rounded-md border border-slate-200 p-3 text-sm">
            <div className="flex items-start justify-between gap-2">
              <p className="font-medium">{p.connectionAddress}</p>
              <Badge tone={OUTCOME_TONE[p.outcome]}>{t(`outcomes.${p.outcome}`)}</Badge>
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-1 text-xs text-slate-700">
              <dt>{t('grantedAt')}</dt>
              <dd>{formatDateTime(p.grantedAt, intl, tenant.timeZone)} · {t('byCustomer')}</dd>
              <dt>{t('until')}</dt>
              <dd>{formatDateTime(p.until, intl, tenant.timeZone)} ({t('daysOption', { count: p.days })})</dd>
              <dt>{t('overdueDebt')}</dt>
              <dd>{formatMoney(p.overdueDebt, tenant.currency, intl)}</dd>
              {p.paidSince !== null ? (
                <>
                  <dt>{t('paidSince')}</dt>
                  <dd>{formatMoney(p.paidSince, tenant.currency, intl)}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function History({ customerId }: { customerId: string }) {
  const t = useTranslations('portalPromise');
  const enums = useTranslations('enums.connectionStatus');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const history = useQuery(trpc.promises.connectionHistory.queryOptions({ customerId }));
  if (!history.data) return null;
  return (
    <Card title={t('historyTitle')}>
      {history.data.length === 0 ? <p className="text-sm text-slate-600">{t('historyNone')}</p> : null}
      <ol className="space-y-2 text-sm" data-testid="connection-history">
        {history.data.map((e) => (
          <li key={e.id} className="border-b border-slate-100 pb-2 last:border-0">
            <p className="font-medium">
              {KINDS.has(e.kind) ? t(`kinds.${e.kind.replace('promise.', '')}`, { date: e.promiseUntil ? formatDateTime(e.promiseUntil, intl, tenant.timeZone) : '' }) : e.kind}
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <span className="font-normal">
                  {' · '}
                  {enums(e.fromStatus)} <ArrowRight aria-label={t('to')} className="inline h-3 w-3" /> {enums(e.toStatus)}
                </span>
              ) : null}
            </p>
            <p className="text-xs text-slate-600">
              {e.connectionAddress} · {formatDateTime(e.createdAt, intl, tenant.timeZone)} · {e.actorName ?? (e.byCustomer ? t('byCustomer') : t('bySystem'))}
            </p>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function CustomerPromises({ customerId }: { customerId: string }) {
  const can = useCan();
  return (
    <>
      {can('billing.read') ? <Promises customerId={customerId} /> : null}
      {can('connections.read') ? <History customerId={customerId} /> : null}
    </>
  );
}
