'use client';
// A5: import invoices or payments from the ISP's CSV — choose the kind, upload, preview (counts,
// first rows, problems by row and column), confirm, result. As the customer import (the same flow,
// ../customers/import/import-flow.tsx): the server checks everything again on confirm and writes all
// or nothing.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { BillingImportReport, BillingKind } from '@/server/services/billing/import/import-billing';
import { formatDay, formatMoney } from '@/lib/format';
import { Card, Select } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { ImportDone, ImportForm, ImportPreview, TD, TH, useImportFlow } from '@/components/customers/import/import-flow';

export function BillingImport({ maxUploadMb }: { maxUploadMb: number }) {
  const t = useTranslations('billing.import');
  const ci = useTranslations('customerImport');
  const status = useTranslations('billing.status');
  const { tenant, intl } = useStaffContext();
  const money = (n: number) => formatMoney(n, tenant.currency, intl);
  const [kind, setKind] = useState<BillingKind>('invoices');
  const flow = useImportFlow<BillingImportReport>({
    maxUploadMb,
    // The file itself as the body: the server saves it to disk as it arrives (BILLING_IMPORT_MAX_MB)
    // instead of holding a multipart form in memory.
    post: (file, mode, encoding) => fetch(`/api/import/billing?kind=${kind}&mode=${mode}&encoding=${encoding}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file }),
  });
  const { done, preview } = flow;

  if (done?.created) {
    return (
      <ImportDone title={t('title')} headingRef={flow.resultHeading} onAnother={flow.reset}>
        {done.kind === 'invoices' ? t('doneInvoices', { count: done.created.rows }) : t('donePayments', { count: done.created.rows, allocations: done.created.allocations })}
      </ImportDone>
    );
  }

  const invoices = preview?.kind === 'invoices';
  return (
    <div className="space-y-6">
      <Card title={ci('formatTitle')}>
        <div className="space-y-2 text-sm text-slate-700">
          <p>{t('intro')}</p>
          <p>{t('formatInvoices')}</p>
          <p>{t('formatPayments')}</p>
          <p>{t('formatDetails')}</p>
        </div>
      </Card>

      <ImportForm flow={flow} maxUploadMb={maxUploadMb}>
        <Select
          label={t('kind')}
          name="kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as BillingKind);
            flow.forget();
          }}
          options={[
            { value: 'invoices', label: t('kinds.invoices') },
            { value: 'payments', label: t('kinds.payments') },
          ]}
        />
      </ImportForm>

      {preview ? (
        <ImportPreview
          report={preview}
          headingRef={flow.resultHeading}
          heading={invoices ? t('counts', { rows: preview.counts.rows }) : t('countsPayments', preview.counts)}
          busy={flow.busy}
          onCommit={flow.commit}
          commitLabel={invoices ? t('commitInvoices', { count: preview.counts.rows }) : t('commitPayments', { count: preview.counts.rows })}
          sampleHead={
            <>
              <th scope="col" className={TH}>{ci('columns.row')}</th>
              <th scope="col" className={TH}>{t('columns.customer')}</th>
              {invoices ? <th scope="col" className={TH}>{t('columns.number')}</th> : null}
              <th scope="col" className={TH}>{t('columns.date')}</th>
              {invoices ? <th scope="col" className={TH}>{t('columns.dueOn')}</th> : null}
              {invoices ? <th scope="col" className={TH}>{t('columns.period')}</th> : null}
              <th scope="col" className={TH}>{t('columns.amount')}</th>
              {invoices ? <th scope="col" className={TH}>{t('columns.balance')}</th> : null}
              {invoices ? <th scope="col" className={TH}>{t('columns.status')}</th> : null}
              {!invoices ? <th scope="col" className={TH}>{t('columns.method')}</th> : null}
              {!invoices ? <th scope="col" className={TH}>{t('columns.reference')}</th> : null}
              {!invoices ? <th scope="col" className={TH}>{t('columns.settles')}</th> : null}
            </>
          }
          sampleRows={preview.sample.map((r) => (
            <tr key={r.row}>
              <td className={`${TD} tabular-nums`}>{r.row}</td>
              <td className={TD}>{`${r.customerCode} · ${r.customerName}`}</td>
              {invoices ? <td className={`${TD} whitespace-nowrap`}>{r.type ? `${r.type} ${r.number}` : r.number}</td> : null}
              <td className={`${TD} whitespace-nowrap`}>{formatDay(r.date, intl)}</td>
              {invoices ? <td className={`${TD} whitespace-nowrap`}>{r.dueOn ? formatDay(r.dueOn, intl) : '—'}</td> : null}
              {invoices ? <td className={TD}>{r.period ?? '—'}</td> : null}
              <td className={`${TD} whitespace-nowrap tabular-nums`}>{money(r.amount)}</td>
              {invoices ? <td className={`${TD} whitespace-nowrap tabular-nums`}>{r.balance !== null ? money(r.balance) : '—'}</td> : null}
              {invoices ? <td className={TD}>{r.status ? status(r.status) : '—'}</td> : null}
              {!invoices ? <td className={TD}>{r.method}</td> : null}
              {!invoices ? <td className={TD}>{r.reference ?? '—'}</td> : null}
              {!invoices ? <td className={TD}>{r.settles.map((s) => `${s.number} (${money(s.amount)})`).join(', ') || '—'}</td> : null}
            </tr>
          ))}
        />
      ) : null}
    </div>
  );
}
